/**
 * `npm run migration:create -- <name> [--provider sqlite|postgresql] [--pg-url URL]`
 *
 * Writes prisma/migrations/<provider>/<timestamp>_<name>/migration.sql for both providers
 * (or one), from the difference between the committed migrations and prisma/models.prisma.
 * Runs Prisma's WASM schema engine, because the native engine can't be downloaded here.
 * SQLite replays history in memory; PostgreSQL needs a server where we may CREATE DATABASE
 * (PAPERBOY_MIGRATION_PG_URL, else PAPERBOY_TEST_PG_URL, else postgresql://postgres@127.0.0.1:5432/test).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { createSchemaEngine, pgCatalogTypesAsText, sqliteScriptFix, type AdapterFactoryLike } from './migration-engine.js';

type Provider = 'sqlite' | 'postgresql';
const ROOT = join(import.meta.dirname, '..');

function migrationsDir(provider: Provider): string {
  return join(ROOT, 'prisma', 'migrations', provider);
}

function loadMigrations(provider: Provider) {
  const baseDir = migrationsDir(provider);
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = join(baseDir, 'migration_lock.toml');
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: readFileSync(join(baseDir, name, 'migration.sql'), 'utf8') } },
    })),
  };
}

function sqliteFactory(): AdapterFactoryLike {
  const factory = new PrismaBetterSqlite3({ url: ':memory:' }) as unknown as AdapterFactoryLike;
  const connect = factory.connect.bind(factory);
  const shadow = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => sqliteScriptFix(await connect());
  factory.connectToShadowDb = async () => sqliteScriptFix(await shadow());
  return factory;
}

/** A pg.Client whose result metadata passes adapter-pg's type check (see pgCatalogTypesAsText). */
class CatalogFriendlyClient extends pg.Client {
  override query(...args: unknown[]): never {
    // pg.Pool#query calls back; adapter transactions await a promise: patch both.
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (err: unknown, res: pg.QueryResult) => (last as (e: unknown, r: unknown) => void)(err, res ? pgCatalogTypesAsText(res) : res);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<unknown>).then === 'function') {
      return (out as Promise<pg.QueryResult>).then(pgCatalogTypesAsText) as never;
    }
    return out as never;
  }
}

/**
 * adapter-pg's own shadow database handling lets the connection string override the shadow
 * database name (the replay would hit the real database), so we create and drop it ourselves.
 */
function pgFactory(adminUrl: string, log: (s: string) => void): AdapterFactoryLike {
  const poolConfig = (url: string): pg.PoolConfig => ({ connectionString: url, Client: CatalogFriendlyClient as unknown as typeof pg.Client, max: 2 });
  const factory = new PrismaPg(poolConfig(adminUrl)) as unknown as AdapterFactoryLike;
  factory.connectToShadowDb = async () => {
    const name = `paperboy_shadow_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    log(`created shadow database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const adapter = await new PrismaPg(poolConfig(url.toString())).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await again.end();
      log(`dropped shadow database ${name}`);
    };
    return adapter;
  };
  return factory;
}

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function isEmptyScript(sql: string): boolean {
  return sql.replace(/--[^\n]*/g, '').trim() === '';
}

async function createFor(provider: Provider, name: string, pgUrl: string, stamp: string, verbose: boolean): Promise<string | null> {
  const log = (s: string) => {
    if (verbose) console.error(`[${provider}] ${s}`);
  };
  const schemaPath = join(ROOT, 'prisma', `schema.${provider}.prisma`);
  const factory = provider === 'sqlite' ? sqliteFactory() : pgFactory(pgUrl, log);
  const engine = await createSchemaEngine(schemaPath, factory, log);
  const migrations = loadMigrations(provider);
  const from = migrations.migrationDirectories.length === 0 ? { tag: 'empty' as const } : { tag: 'migrations' as const, ...migrations };
  const result = await engine.diff({
    from,
    to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = result.stdout ?? '';
  if (isEmptyScript(sql)) return null;
  const dir = join(migrations.baseDir, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), sql.endsWith('\n') ? sql : `${sql}\n`);
  const lock = join(migrations.baseDir, 'migration_lock.toml');
  if (!existsSync(lock)) {
    writeFileSync(
      lock,
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
    );
  }
  return dir;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      provider: { type: 'string' },
      'pg-url': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const name = positionals[0];
  if (values.help || !name) {
    console.error('usage: npm run migration:create -- <name> [--provider sqlite|postgresql] [--pg-url URL] [--verbose]');
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`migration name must be snake_case [a-z0-9_]: got "${name}"`);
  const providers: Provider[] =
    values.provider === undefined ? ['sqlite', 'postgresql'] : values.provider === 'sqlite' || values.provider === 'postgresql' ? [values.provider] : [];
  if (providers.length === 0) throw new Error(`--provider must be sqlite or postgresql, got "${values.provider}"`);
  const pgUrl = values['pg-url'] ?? process.env.PAPERBOY_MIGRATION_PG_URL ?? process.env.PAPERBOY_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  // One timestamp for both providers keeps their folders paired by name.
  const stamp = timestamp();
  for (const provider of providers) {
    const dir = await createFor(provider, name, pgUrl, stamp, values.verbose ?? false);
    console.log(dir ? `[${provider}] created ${dir}` : `[${provider}] no schema changes; nothing created`);
  }
}

main().catch((err: unknown) => {
  console.error(`migration:create failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});

/**
 * Loads Prisma's WASM schema engine (Node 20 cannot `import` a .wasm file) and connects it to
 * a database through a driver adapter, with the small fixes each adapter needs on this path.
 * Used only by scripts/migration-create.ts: the app applies migrations without any engine.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';

export type Provider = 'sqlite' | 'postgresql';
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const pkgDir = dirname(fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg')));

// The engine's API, as far as this script uses it (types ship with the package).
export type SchemaEngine = import('@prisma/schema-engine-wasm').SchemaEngine;

// lib ES2023 without DOM has no WebAssembly types; this is the part we call.
interface WasmApi {
  Module: { new (bytes: Uint8Array): object; imports(m: object): Array<{ module: string }> };
  Instance: new (m: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let glue: typeof import('@prisma/schema-engine-wasm') | undefined;

async function loadGlue(): Promise<typeof import('@prisma/schema-engine-wasm')> {
  if (glue) return glue;
  const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Record<string, unknown> & {
    __wbg_set_wasm(w: unknown): void;
  };
  const module = new Wasm.Module(readFileSync(join(pkgDir, 'schema_engine_bg.wasm')));
  // The wasm imports its JS glue under the module name './schema_engine_bg.js'.
  const imports: Record<string, unknown> = {};
  for (const imp of Wasm.Module.imports(module)) imports[imp.module] ??= bg;
  const instance = new Wasm.Instance(module, imports);
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  glue = bg as unknown as typeof import('@prisma/schema-engine-wasm');
  return glue;
}

/** The minimal driver-adapter shapes the fixes below touch. */
interface AdapterLike {
  executeRaw(q: { sql: string; args: unknown[]; argTypes: unknown[] }): Promise<number>;
  executeScript(script: string): Promise<void>;
  queryRaw(q: { sql: string; args: unknown[]; argTypes: unknown[] }): Promise<unknown>;
  dispose(): Promise<void>;
}
export interface AdapterFactoryLike {
  provider: string;
  adapterName: string;
  connect(): Promise<AdapterLike>;
  connectToShadowDb(): Promise<AdapterLike>;
}

/**
 * SQLite: the engine replays whole multi-statement migration scripts through `executeRaw`,
 * which better-sqlite3 refuses ("more than one statement"); send those to `executeScript`.
 */
export function sqliteScriptFix(adapter: AdapterLike): AdapterLike {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (q) => {
    if (q.args.length === 0 && hasSeveralStatements(q.sql)) {
      await adapter.executeScript(q.sql);
      return 0;
    }
    return executeRaw(q);
  };
  return adapter;
}

function hasSeveralStatements(sql: string): boolean {
  const statements = sql
    .replace(/--[^\n]*/g, '')
    .split(';')
    .filter((s) => s.trim() !== '');
  return statements.length > 1;
}

export async function createSchemaEngine(schemaPath: string, factory: AdapterFactoryLike, log: (line: string) => void = () => {}): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadGlue();
  const bound = bindMigrationAwareSqlAdapterFactory(factory as never);
  return SchemaEngine.new({ datamodels: [[schemaPath, readFileSync(schemaPath, 'utf8')]] }, log, bound);
}

// OIDs adapter-pg knows how to type (its ScalarColumnType / ArrayColumnType tables).
const PG_KNOWN_OIDS = new Set([
  16, 17, 19, 20, 21, 23, 25, 26, 114, 142, 650, 700, 701, 790, 869, 1042, 1043, 1082, 1083, 1114, 1184, 1266, 1560, 1562, 1700, 2950, 3802,
  143, 199, 651, 791, 1000, 1001, 1002, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1028, 1041, 1115, 1182, 1183, 1185, 1231, 1561, 1563, 2951, 3807,
]);
const PG_FIRST_USER_OID = 16384;

/**
 * Postgres: the engine's catalog introspection reads built-in types adapter-pg refuses
 * (`char`, `regproc`, `pg_node_tree`, …). For this tool only, report them as text.
 */
export function pgCatalogTypesAsText<T extends { fields?: Array<{ dataTypeID: number }> }>(result: T): T {
  for (const field of result.fields ?? []) {
    if (field.dataTypeID < PG_FIRST_USER_OID && !PG_KNOWN_OIDS.has(field.dataTypeID)) field.dataTypeID = 25;
  }
  return result;
}

/**
 * Tables the migrations create that are not Prisma models: the archive's full-text index
 * (kept in step with "Paper" by triggers; see the paper_search migration). Without this the
 * engine's diff would drop them. SQLite's FTS5 also keeps its own shadow tables.
 */
export function externalTables(provider: Provider): string[] {
  if (provider === 'postgresql') return ['public.PaperSearch'];
  return ['PaperSearch', ...['data', 'idx', 'content', 'docsize', 'config'].map((s) => `PaperSearch_${s}`)];
}

export function migrationsDir(provider: Provider): string {
  return join(ROOT, 'prisma', 'migrations', provider);
}

export function loadMigrations(provider: Provider) {
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

export function sqliteFactory(url = ':memory:'): AdapterFactoryLike {
  const factory = new PrismaBetterSqlite3({ url }) as unknown as AdapterFactoryLike;
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
 * Postgres: adapter-pg runs a script by splitting it on every `;`, which cuts a function body
 * ($$ … $$, the paper_search migration's triggers) apart. The server runs a multi-statement
 * script itself in one simple query, quoting rules and all: send it whole.
 */
export function pgScriptFix(adapter: AdapterLike): AdapterLike {
  const client = (adapter as unknown as { client: { query(sql: string): Promise<unknown> } }).client;
  adapter.executeScript = async (script) => {
    await client.query(script);
  };
  return adapter;
}

/**
 * adapter-pg's own shadow database handling lets the connection string override the shadow
 * database name (the replay would hit the real database), so we create and drop it ourselves.
 */
export function pgFactory(adminUrl: string, log: (s: string) => void): AdapterFactoryLike {
  const poolConfig = (url: string): pg.PoolConfig => ({ connectionString: url, Client: CatalogFriendlyClient as unknown as typeof pg.Client, max: 2 });
  const factory = new PrismaPg(poolConfig(adminUrl)) as unknown as AdapterFactoryLike;
  const connect = factory.connect.bind(factory);
  factory.connect = async () => pgScriptFix(await connect());
  factory.connectToShadowDb = async () => {
    const name = `paperboy_shadow_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    log(`created shadow database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const adapter = pgScriptFix(await new PrismaPg(poolConfig(url.toString())).connect());
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


export function schemaPathOf(provider: Provider): string {
  return join(ROOT, 'prisma', `schema.${provider}.prisma`);
}

/**
 * Ask Prisma's own engine what it thinks of a database's migration history (used by tests to
 * prove src/store/migrate.ts records migrations exactly as Prisma does).
 */
export async function diagnoseHistory(provider: Provider, databaseUrl: string) {
  const factory = provider === 'sqlite' ? sqliteFactory(databaseUrl.replace(/^file:/, '')) : pgFactory(databaseUrl, () => {});
  const engine = await createSchemaEngine(schemaPathOf(provider), factory);
  try {
    return await engine.diagnoseMigrationHistory({
      migrationsList: loadMigrations(provider),
      optInToShadowDatabase: false,
      filters: { externalTables: externalTables(provider), externalEnums: [] },
    });
  } finally {
    engine.free();
  }
}

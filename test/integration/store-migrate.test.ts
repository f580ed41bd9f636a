// The engine-free migrator against real databases: from empty, idempotent, concurrent,
// atomic on failure, and recorded so that Prisma's own schema engine sees a clean history.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, migrate, MigrationError, migrationStatus, openStores } from '../../src/store/index.js';
import { defaultMigrationsDir, type Provider } from '../../src/store/migration-files.js';
import { testDatabases, withSqlite, type TestDatabase } from '../helpers/db.js';

const databases = await testDatabases('store-migrate');

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

/** A copy of the committed migrations, plus extra ones, to test against. */
function migrationsCopy(provider: Provider, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-migrations-'));
  tempDirs.push(dir);
  cpSync(defaultMigrationsDir(provider), dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

const committed = (provider: Provider) =>
  readdirSync(defaultMigrationsDir(provider), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

// What `migration:create` produces for adding a column (SQLite redefines the table).
const ADD_COLUMN: Record<Provider, string> = {
  postgresql: `-- AlterTable\nALTER TABLE "CacheEntry" ADD COLUMN "hits" INTEGER NOT NULL DEFAULT 0;\n`,
  sqlite: `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CacheEntry" (
    "namespace" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    PRIMARY KEY ("namespace", "key")
);
INSERT INTO "new_CacheEntry" ("key", "namespace", "updatedAt", "value") SELECT "key", "namespace", "updatedAt", "value" FROM "CacheEntry";
DROP TABLE "CacheEntry";
ALTER TABLE "new_CacheEntry" RENAME TO "CacheEntry";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`,
};

describe.each(databases)('migrator: $name', ({ name: provider, open: make }) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()));
  });
  const fresh = async () => {
    const db = await make();
    dbs.push(db);
    return db;
  };

  it('migrates an empty database, then has nothing left to do', async () => {
    const db = await fresh();
    const before = await migrationStatus(db.url);
    expect(before.applied).toEqual([]);
    expect(before.pending).toEqual(committed(provider));

    const first = await migrate(db.url);
    expect(first.applied).toEqual(committed(provider));
    expect(first.status).toMatchObject({ pending: [], failed: [], modified: [], unknown: [] });
    expect((await migrate(db.url)).applied).toEqual([]);

    const stores = await db.openStores({ migrate: false });
    expect(await stores.papers.count()).toBe(0);
  });

  it('applies a later migration from the same folder on top', async () => {
    const db = await fresh();
    const dir = migrationsCopy(provider);
    await migrate(db.url, { migrationsDir: dir });
    const stores = await db.openStores({ migrate: false });
    await stores.cache.putMany('ns', [['k', 'v']]);
    const withExtra = migrationsCopy(provider, { '29990101000000_add_hits': ADD_COLUMN[provider] });
    const r = await migrate(db.url, { migrationsDir: withExtra });
    expect(r.applied).toEqual(['29990101000000_add_hits']);
    // The table was rebuilt (SQLite) or altered (Postgres); data survived.
    expect(Object.fromEntries(await stores.cache.getMany('ns', ['k']))).toEqual({ k: 'v' });
  });

  it('rolls a failing migration back entirely and says which and why', async () => {
    const db = await fresh();
    const dir = migrationsCopy(provider, {
      '29990101000000_broken': `CREATE TABLE "Extra" ("id" INTEGER);\nINSERT INTO "NoSuchTable" VALUES (1);\n`,
    });
    const err = await migrate(db.url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).migration).toBe('29990101000000_broken');
    expect((err as Error).message).toMatch(/29990101000000_broken.*rolled back.*NoSuchTable/s);

    const status = await migrationStatus(db.url, { migrationsDir: dir });
    expect(status.applied).toEqual(committed(provider));
    expect(status.pending).toEqual(['29990101000000_broken']);
    expect(status.failed).toEqual([]);
    // "Extra" was created by the failed script and must be gone with it.
    await expect(db.exec(`SELECT * FROM "Extra"`)).rejects.toThrow(/Extra/);
  });

  it('two migrators at once apply each migration exactly once', async () => {
    const db = await fresh();
    const [a, b] = await Promise.all([migrate(db.url), migrate(db.url)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(committed(provider));
    expect(a.status.pending).toEqual([]);
  });

  it('reports an applied migration whose file changed since', async () => {
    const db = await fresh();
    const dir = migrationsCopy(provider);
    await migrate(db.url, { migrationsDir: dir });
    const first = committed(provider)[0]!;
    const file = join(dir, first, 'migration.sql');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- edited\n`);
    expect((await migrationStatus(db.url, { migrationsDir: dir })).modified).toEqual([first]);
  });

  it("records history so Prisma's schema engine sees it as clean", async () => {
    const db = await fresh();
    await migrate(db.url);
    const { diagnoseHistory } = await import('../../scripts/migration-engine.js');
    const report = await diagnoseHistory(provider, db.url);
    expect(report).toMatchObject({ failedMigrationNames: [], editedMigrationNames: [], hasMigrationsTable: true, history: null });
  });
});

describe('database errors name the database, never the password', () => {
  it('PostgreSQL down', async () => {
    const err = await openStores('postgresql://paperboy:s3cret@127.0.0.1:1/paperboy').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as Error).message).toContain('127.0.0.1:1/paperboy');
    expect((err as Error).message).not.toContain('s3cret');
  });

  it('SQLite locked by another process while it needs migrating', async () => {
    const db = await withSqlite();
    const holder = new Database(db.url.slice('file:'.length));
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const err = await db.openStores({ busyTimeoutMs: 200 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
      expect((err as Error).message).toMatch(/locked/);
      expect((err as Error).message).toContain(db.url);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      await db.drop();
    }
  });

  it('SQLite write while another process holds the write lock: clear error, then works again', async () => {
    const db = await withSqlite();
    const stores = await db.openStores({ busyTimeoutMs: 200 });
    const holder = new Database(db.url.slice('file:'.length));
    holder.exec('BEGIN IMMEDIATE');
    try {
      for (const attempt of [
        () => stores.runs.claim('ingest', 'slot-1', 'a', new Date()),
        () => stores.papers.upsertMany([{ arxivId: '2501.00001', source: 'hf', title: 'T' }], new Date()),
      ]) {
        const err = await attempt().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DatabaseUnavailableError);
        expect((err as Error).message).toMatch(new RegExp(`${db.url}.*locked by another process`));
      }
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(await stores.runs.claim('ingest', 'slot-1', 'a', new Date())).toBe(true);
    expect((await stores.papers.upsertMany([{ arxivId: '2501.00001', source: 'hf', title: 'T' }], new Date())).created).toEqual(['2501.00001']);
    await db.drop();
  });

  it('SQLite: two processes migrating one new file at once', async () => {
    const db = await withSqlite();
    try {
      const script = `import { migrate } from ${JSON.stringify(join(import.meta.dirname, '../../src/store/migrate.ts'))};
        const r = await migrate(${JSON.stringify(db.url)}); console.log(JSON.stringify(r.applied));`;
      const run = () =>
        new Promise<string[]>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          let errOut = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.stderr.on('data', (d: Buffer) => (errOut += d.toString()));
          child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as string[]) : reject(new Error(errOut))));
        });
      const [a, b] = await Promise.all([run(), run()]);
      expect([...a, ...b].sort()).toEqual(committed('sqlite'));
      expect((await migrationStatus(db.url)).pending).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('db status and migrate on a file that is no SQLite database say the database is unavailable, not "unexpected error"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-notadb-'));
    const file = join(dir, 'notes.db');
    writeFileSync(file, 'hello, this is not a database\n'.repeat(10));
    try {
      for (const run of [() => migrationStatus(`file:${file}`), () => migrate(`file:${file}`)]) {
        const err = await run().then(() => null, (e: unknown) => e);
        expect(err).toBeInstanceOf(DatabaseUnavailableError);
        expect((err as Error).message).toContain(`database file:${file} is unavailable: file is not a database`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

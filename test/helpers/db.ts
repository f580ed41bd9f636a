/**
 * Real databases for integration tests: a temp SQLite file, or a fresh PostgreSQL database
 * (`paperboy_test_<random>`, created from PAPERBOY_TEST_PG_URL and dropped afterwards).
 *
 *   const db = await withSqlite();            // or withPostgres()
 *   const stores = await db.openStores();     // migrates on first open
 *   afterAll(() => db.drop());                // closes every opened bundle, deletes the data
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Stores } from '../../src/core/ports.js';
import { openStores, type OpenStoresOptions } from '../../src/store/index.js';
import { createMemoryStores } from './memory-stores.js';
import { serverFor, TEST_PG_URL } from './services.js';

export interface TestDatabase {
  provider: 'sqlite' | 'postgresql';
  /** DATABASE_URL of this database. */
  url: string;
  /** Open (migrating first) a Stores bundle on it; drop() closes all of them. */
  openStores(opts?: OpenStoresOptions): Promise<Stores>;
  /** Run raw SQL on a separate connection (fixtures, fault injection). */
  exec(sql: string): Promise<void>;
  /** Rows of one raw SELECT on a separate connection. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** From now on count every INSERT/UPDATE on "Paper"; read the count with paperWrites(). */
  countPaperWrites(): Promise<void>;
  paperWrites(): Promise<number>;
  /** From now on any INSERT of this paper id fails inside the database (rollback tests). */
  failInsertsOf(arxivId: string): Promise<void>;
  /** Delete every row of every paperboy table (schema and migration history stay): a cheap per-test reset. */
  reset(): Promise<void>;
  /** Close every bundle opened here and delete the database. */
  drop(): Promise<void>;
}

function tracker(url: string) {
  const opened: Stores[] = [];
  return {
    async open(opts: OpenStoresOptions = {}) {
      const stores = await openStores(url, opts);
      opened.push(stores);
      return stores;
    },
    async closeAll() {
      await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
    },
  };
}

/** Every model table (see prisma/models.prisma); a table before the one its foreign key names (Subscription -> Topic), for reset. */
const TABLES = ['Paper', 'IngestRun', 'Subscription', 'Topic', 'Feedback', 'DeliveryTarget', 'PlannedDigest', 'DeliveryPart', 'DeliveredPaper', 'JobRun', 'RunLease', 'CacheEntry', 'SavedPaper', 'AuthorFollow'];

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** A temp-file SQLite database. */
export async function withSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-test-'));
  const file = join(dir, 'test.db');
  const url = `file:${file}`;
  const t = tracker(url);
  const exec = async (sql: string) => {
    const db = new Database(file, { timeout: 5_000 });
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  };
  const query = async <T>(sql: string): Promise<T[]> => {
    const db = new Database(file, { timeout: 5_000, readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };
  return {
    provider: 'sqlite',
    url,
    openStores: t.open,
    exec,
    query,
    countPaperWrites: () =>
      exec(`CREATE TABLE IF NOT EXISTS "test_paper_writes" ("n" INTEGER);
        CREATE TRIGGER IF NOT EXISTS "test_count_ins" AFTER INSERT ON "Paper" BEGIN INSERT INTO "test_paper_writes" VALUES (1); END;
        CREATE TRIGGER IF NOT EXISTS "test_count_upd" AFTER UPDATE ON "Paper" BEGIN INSERT INTO "test_paper_writes" VALUES (1); END;`),
    paperWrites: async () => (await query<{ n: number }>(`SELECT count(*) AS n FROM "test_paper_writes"`))[0]!.n,
    reset: () => exec(TABLES.map((t) => `DELETE FROM "${t}";`).join('\n')),
    failInsertsOf: (arxivId) =>
      exec(
        `CREATE TRIGGER "test_fail_${randomUUID().slice(0, 8)}" BEFORE INSERT ON "Paper" WHEN NEW."arxivId" = ${quote(arxivId)} BEGIN SELECT RAISE(ABORT, 'injected test failure'); END;`,
      ),
    async drop() {
      await t.closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function onAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh, empty PostgreSQL database on the test server. */
export async function withPostgres(): Promise<TestDatabase> {
  const name = `paperboy_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await onAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const t = tracker(url);
  const exec = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  const query = async <T>(sql: string): Promise<T[]> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(sql)).rows as T[];
    } finally {
      await c.end();
    }
  };
  return {
    provider: 'postgresql',
    url,
    openStores: t.open,
    exec,
    query,
    countPaperWrites: () =>
      exec(`CREATE TABLE IF NOT EXISTS test_paper_writes (n integer);
        CREATE OR REPLACE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO test_paper_writes VALUES (1); RETURN NEW; END $$;
        CREATE OR REPLACE TRIGGER test_count_write AFTER INSERT OR UPDATE ON "Paper" FOR EACH ROW EXECUTE FUNCTION test_count_write();`),
    paperWrites: async () => Number((await query<{ n: string }>(`SELECT count(*) AS n FROM test_paper_writes`))[0]!.n),
    reset: () => exec(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(', ')}`),
    async failInsertsOf(arxivId) {
      const fn = `test_fail_${randomUUID().slice(0, 8)}`;
      await exec(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected test failure'; END $$;
        CREATE TRIGGER ${fn} BEFORE INSERT ON "Paper" FOR EACH ROW WHEN (NEW."arxivId" = ${quote(arxivId)}) EXECUTE FUNCTION ${fn}();`);
    },
    async drop() {
      await t.closeAll();
      await onAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/**
 * The database the provider-neutral integration tests run on: SQLite by default, PostgreSQL
 * when PAPERBOY_TEST_DATABASE=postgresql (CI runs the whole suite once each way).
 */
export function testDatabaseProvider(): 'sqlite' | 'postgresql' {
  const v = process.env.PAPERBOY_TEST_DATABASE ?? 'sqlite';
  if (v !== 'sqlite' && v !== 'postgresql') throw new Error(`PAPERBOY_TEST_DATABASE must be sqlite or postgresql, not "${v}"`);
  return v;
}

export function withTestDatabase(): Promise<TestDatabase> {
  return testDatabaseProvider() === 'postgresql' ? withPostgres() : withSqlite();
}

/** The real databases a test file runs on: SQLite, and PostgreSQL when the test server answers. */
export interface TestDatabaseKind {
  name: 'sqlite' | 'postgresql';
  open(): Promise<TestDatabase>;
}

/**
 * SQLite always; PostgreSQL too when the test server answers, else one warning naming the file
 * (`label`), or a failure where PAPERBOY_TEST_REQUIRE_SERVICES=1 (serverFor).
 */
export async function testDatabases(label: string): Promise<TestDatabaseKind[]> {
  const kinds: TestDatabaseKind[] = [{ name: 'sqlite', open: withSqlite }];
  if (await serverFor('postgresql', label, 'PostgreSQL backend skipped')) kinds.push({ name: 'postgresql', open: withPostgres });
  return kinds;
}

/** One store to run a test file's cases against: `describe.each(await storeBackends(...))`. */
export interface StoreBackend {
  name: 'memory' | 'sqlite' | 'postgresql';
  open(): Promise<OpenBackend>;
}

export interface OpenBackend {
  stores: Stores;
  /** The database under the stores, for raw SQL and fault injection; null for the in-memory stores. */
  db: TestDatabase | null;
  /** Another bundle on the same database, as a second process opens it (in memory: the same bundle). */
  second(): Promise<Stores>;
  /** Close every bundle and delete the data. */
  drop(): Promise<void>;
}

/**
 * The in-memory stores (unless `memory: false`), then testDatabases: the same cases on each, so
 * the fake other unit tests use cannot drift from the real stores.
 */
export async function storeBackends(label: string, opts: { memory?: boolean } = {}): Promise<StoreBackend[]> {
  const real = (await testDatabases(label)).map(
    (kind): StoreBackend => ({
      name: kind.name,
      async open() {
        const db = await kind.open();
        return { stores: await db.openStores(), db, second: () => db.openStores(), drop: () => db.drop() };
      },
    }),
  );
  if (opts.memory === false) return real;
  const memory: StoreBackend = {
    name: 'memory',
    async open() {
      const stores = createMemoryStores();
      return { stores, db: null, second: async () => stores, drop: () => stores.close() };
    },
  };
  return [memory, ...real];
}

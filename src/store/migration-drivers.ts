/**
 * Engine-free access to `_prisma_migrations`, one implementation per provider. Rows are
 * written exactly as Prisma writes them (same table, checksum, applied_steps_count 1,
 * finished_at), so Prisma's own tools see a clean history.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import type { DatabaseTarget } from './database-url.js';
import { DatabaseUnavailableError, errorText, unavailableError } from './errors.js';
import type { MigrationFile } from './migration-files.js';
import { sqliteDate } from './raw-dates.js';

export interface MigrationRow {
  name: string;
  checksum: string;
  finished: boolean;
  rolledBack: boolean;
  logs: string | null;
}

export interface MigrationDriver {
  /** Rows of `_prisma_migrations`, or [] when the table doesn't exist yet. */
  rows(): Promise<MigrationRow[]>;
  /** Hold the migration lock for `fn` (other migrators wait). Creates the table. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Run the script and record it, atomically; 'skipped' if someone else applied it meanwhile. */
  apply(m: MigrationFile): Promise<'applied' | 'skipped'>;
  close(): Promise<void>;
}

// Same DDL as Prisma's schema engine creates.
const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;
const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;
/** The advisory lock key Prisma Migrate itself takes, so our migrator and Prisma's exclude each other. */
const PRISMA_ADVISORY_LOCK = 72707369;

const SELECT_ROWS = `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at", "logs" FROM "_prisma_migrations" ORDER BY "started_at", "migration_name"`;

type RawRow = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown; logs: string | null };
const toRow = (r: RawRow): MigrationRow => ({
  name: r.migration_name,
  checksum: r.checksum,
  finished: r.finished_at !== null,
  rolledBack: r.rolled_back_at !== null,
  logs: r.logs,
});

/** Now, in the adapter's SQLite DateTime text format (raw-dates.ts). */
const sqliteNow = () => sqliteDate(new Date())!;

/**
 * Two waits: reading the history (and opening, which switches the file to WAL) waits
 * `busyTimeoutMs`, like any command; only taking the write lock to apply a migration waits
 * `lockTimeoutMs`, for another migrator to finish. In WAL mode a migrator never blocks readers,
 * so a read that stays locked past the short wait is some other process holding the whole file
 * (locking_mode=EXCLUSIVE, a rollback-journal write): waiting longer would only delay the error.
 */
export function sqliteMigrationDriver(
  target: Extract<DatabaseTarget, { provider: 'sqlite' }>,
  opts: { create: boolean; busyTimeoutMs: number; lockTimeoutMs: number },
): MigrationDriver {
  const exists = existsSync(target.file);
  let db: Database.Database | null = null;
  const open = (): Database.Database => {
    if (db) return db;
    try {
      if (opts.create) mkdirSync(dirname(target.file), { recursive: true });
      db = new Database(target.file, { timeout: opts.busyTimeoutMs, fileMustExist: !opts.create });
      if (opts.create) db.pragma('journal_mode = WAL');
      return db;
    } catch (err) {
      db?.close();
      db = null;
      throw unavailableError(target, err, opts.busyTimeoutMs) ?? new DatabaseUnavailableError(target.display, errorText(err), { cause: err });
    }
  };
  /** `fn` on the connection, waiting up to `ms` for another process's lock; a lock past that is DatabaseLockedError. */
  const waiting = <T>(ms: number, fn: (d: Database.Database) => T): T => {
    const d = open();
    if (ms !== opts.busyTimeoutMs) d.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
    try {
      return fn(d);
    } catch (err) {
      throw unavailableError(target, err, ms) ?? err;
    } finally {
      if (ms !== opts.busyTimeoutMs) d.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs))}`);
    }
  };
  const hasTable = (d: Database.Database) => d.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get() !== undefined;
  const isApplied = (d: Database.Database, name: string) =>
    d.prepare(`SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = ? AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`).get(name) !== undefined;
  return {
    async rows() {
      if (!exists && !opts.create) return [];
      return waiting(opts.busyTimeoutMs, (d) => (hasTable(d) ? (d.prepare(SELECT_ROWS).all() as RawRow[]).map(toRow) : []));
    },
    async exclusive(fn) {
      // Each apply takes BEGIN IMMEDIATE (the write lock, waiting up to lockTimeoutMs);
      // a second process then sees the migration as applied and skips it.
      if (!waiting(opts.busyTimeoutMs, hasTable)) waiting(opts.lockTimeoutMs, (d) => d.exec(SQLITE_TABLE));
      return fn();
    },
    async apply(m) {
      // The whole apply waits like a migrator: BEGIN IMMEDIATE for the write lock, and (in a
      // rollback journal) COMMIT for readers to leave.
      return waiting(opts.lockTimeoutMs, (d) => {
        // Table-redefining migrations turn foreign keys off, which is a no-op inside a
        // transaction: turn them off here, outside, so the whole script can be atomic.
        d.pragma('foreign_keys = OFF');
        try {
          d.exec('BEGIN IMMEDIATE');
          if (isApplied(d, m.name)) {
            d.exec('ROLLBACK');
            return 'skipped';
          }
          const startedAt = sqliteNow();
          d.exec(m.sql);
          const violations = d.pragma('foreign_key_check') as unknown[];
          if (violations.length > 0) throw new Error(`foreign key check failed after the script (${violations.length} rows)`);
          d.prepare(
            `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count") VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
          ).run(randomUUID(), m.checksum, sqliteNow(), m.name, startedAt);
          d.exec('COMMIT');
          return 'applied';
        } catch (err) {
          if (d.inTransaction) d.exec('ROLLBACK');
          throw err;
        } finally {
          d.pragma('foreign_keys = ON');
        }
      });
    },
    async close() {
      db?.close();
      db = null;
    },
  };
}

export function pgMigrationDriver(target: Extract<DatabaseTarget, { provider: 'postgresql' }>, opts: { lockTimeoutMs: number }): MigrationDriver {
  let client: pg.Client | null = null;
  const open = async (): Promise<pg.Client> => {
    if (client) return client;
    // Loaded here, not at the top: a SQLite process never loads the PostgreSQL driver.
    const { default: pgDriver } = await import('pg');
    const c = new pgDriver.Client({ connectionString: target.url, connectionTimeoutMillis: 10_000 });
    c.on('error', () => {
      // A dropped connection surfaces on the next query; don't crash the process here.
    });
    try {
      await c.connect();
    } catch (err) {
      throw new DatabaseUnavailableError(target.display, errorText(err), { cause: err });
    }
    client = c;
    return c;
  };
  return {
    async rows() {
      const c = await open();
      const { rows } = await c.query<{ t: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS t`);
      if (!rows[0]?.t) return [];
      return (await c.query<RawRow>(SELECT_ROWS)).rows.map(toRow);
    },
    async exclusive(fn) {
      const c = await open();
      await c.query(`SET lock_timeout = ${Math.max(1, Math.floor(opts.lockTimeoutMs))}`);
      try {
        await c.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK})`);
      } catch (err) {
        throw new DatabaseUnavailableError(target.display, `could not take the migration lock: ${errorText(err)}`, { cause: err });
      }
      try {
        await c.query(PG_TABLE);
        return await fn();
      } finally {
        await c.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK})`).catch(() => undefined);
      }
    },
    async apply(m) {
      const c = await open();
      await c.query('BEGIN');
      try {
        const done = await c.query(
          `SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = $1 AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
          [m.name],
        );
        if (done.rowCount) {
          await c.query('ROLLBACK');
          return 'skipped';
        }
        const startedAt = new Date();
        // No parameters: the simple protocol runs the multi-statement script as is.
        await c.query(m.sql);
        await c.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count") VALUES ($1, $2, $3, $4, NULL, NULL, $5, 1)`,
          [randomUUID(), m.checksum, new Date(), m.name, startedAt],
        );
        await c.query('COMMIT');
        return 'applied';
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    async close() {
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}

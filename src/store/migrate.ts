/**
 * Applies committed migrations without any Prisma engine (none can be downloaded here, and
 * the app shouldn't need one at run time). Each migration runs in its own transaction
 * together with its `_prisma_migrations` row: it lands entirely or not at all. Safe when
 * several processes start at once (Postgres: Prisma's advisory lock; SQLite: BEGIN IMMEDIATE
 * behind a busy timeout).
 */
import type { Logger } from '../core/ports.js';
import { SQLITE_BUSY_TIMEOUT_MS } from './connect.js';
import { parseDatabaseUrl, type DatabaseTarget } from './database-url.js';
import { DatabaseUnavailableError, errorText, MigrationError } from './errors.js';
import { pgMigrationDriver, sqliteMigrationDriver, type MigrationDriver, type MigrationRow } from './migration-drivers.js';
import { defaultMigrationsDir, readMigrations, type MigrationFile, type Provider } from './migration-files.js';

export interface MigrationStatus {
  provider: Provider;
  /** The database, password removed. */
  database: string;
  applied: string[];
  pending: string[];
  /** Started but never finished (e.g. by Prisma's CLI); needs a human. */
  failed: Array<{ name: string; logs: string | null }>;
  /** Applied, but the committed file changed since. */
  modified: string[];
  /** Recorded in the database but not on disk (a newer build ran here?). */
  unknown: string[];
}

export interface MigrateOptions {
  logger?: Logger;
  /** Defaults to prisma/migrations/<provider> of this checkout. */
  migrationsDir?: string;
  /** How long to wait for another migrator (SQLite write lock / Postgres lock timeout); default 60 s. */
  lockTimeoutMs?: number;
  /**
   * SQLite: how long reading the history waits for a lock another process holds (default
   * SQLITE_BUSY_TIMEOUT_MS, 5 s, at most lockTimeoutMs). A migrator never blocks reads (WAL),
   * so such a lock is someone holding the whole file, and waiting a minute for it helps nobody.
   */
  busyTimeoutMs?: number;
}

export interface MigrateResult {
  /** Migrations this call applied (others may have been applied by a concurrent process). */
  applied: string[];
  status: MigrationStatus;
}

function driverFor(target: DatabaseTarget, create: boolean, lockTimeoutMs: number, busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS): MigrationDriver {
  return target.provider === 'sqlite'
    ? sqliteMigrationDriver(target, { create, lockTimeoutMs, busyTimeoutMs: Math.min(busyTimeoutMs, lockTimeoutMs) })
    : pgMigrationDriver(target, { lockTimeoutMs });
}

function summarize(target: DatabaseTarget, files: MigrationFile[], rows: MigrationRow[]): MigrationStatus {
  const onDisk = new Map(files.map((f) => [f.name, f]));
  const live = rows.filter((r) => !r.rolledBack);
  const done = new Map(live.filter((r) => r.finished).map((r) => [r.name, r]));
  return {
    provider: target.provider,
    database: target.display,
    applied: files.filter((f) => done.has(f.name)).map((f) => f.name),
    pending: files.filter((f) => !done.has(f.name)).map((f) => f.name),
    failed: live.filter((r) => !r.finished).map((r) => ({ name: r.name, logs: r.logs })),
    modified: files.filter((f) => done.has(f.name) && done.get(f.name)!.checksum !== f.checksum).map((f) => f.name),
    unknown: [...done.keys()].filter((name) => !onDisk.has(name)),
  };
}

/** What is applied and pending; never creates or changes the database. */
export async function migrationStatus(databaseUrl: string, opts: MigrateOptions = {}): Promise<MigrationStatus> {
  const target = parseDatabaseUrl(databaseUrl);
  const files = readMigrations(opts.migrationsDir ?? defaultMigrationsDir(target.provider), target.provider);
  const driver = driverFor(target, false, opts.lockTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS, opts.busyTimeoutMs);
  try {
    return summarize(target, files, await driver.rows());
  } finally {
    await driver.close();
  }
}

/**
 * Apply every pending migration in name order. Throws MigrationError when a migration fails
 * (the database keeps its state from before that migration; earlier ones stay applied) or
 * when a failed migration from another tool blocks the history.
 */
export async function migrate(databaseUrl: string, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const target = parseDatabaseUrl(databaseUrl);
  const files = readMigrations(opts.migrationsDir ?? defaultMigrationsDir(target.provider), target.provider);
  const driver = driverFor(target, true, opts.lockTimeoutMs ?? 60_000, opts.busyTimeoutMs);
  const log = opts.logger;
  try {
    const applied = await driver.exclusive(async () => {
      const before = summarize(target, files, await driver.rows());
      if (before.failed.length > 0) {
        const f = before.failed[0]!;
        throw new MigrationError(
          `migration ${f.name} failed earlier on ${target.display} and is still marked as started; fix the database by hand, then mark it rolled back (prisma migrate resolve --rolled-back ${f.name})${f.logs ? `. Its log: ${f.logs}` : ''}`,
          f.name,
        );
      }
      for (const name of before.modified) log?.warn({ migration: name }, 'migration file changed after it was applied; the database keeps the old version');
      for (const name of before.unknown) log?.warn({ migration: name }, 'database has a migration this build does not know');
      const done: string[] = [];
      for (const file of files.filter((f) => before.pending.includes(f.name))) {
        const started = Date.now();
        let outcome: 'applied' | 'skipped';
        try {
          outcome = await driver.apply(file);
        } catch (err) {
          if (err instanceof DatabaseUnavailableError) throw err;
          throw new MigrationError(`migration ${file.name} failed on ${target.display} and was rolled back: ${errorText(err)}`, file.name, { cause: err });
        }
        if (outcome === 'applied') {
          done.push(file.name);
          log?.info({ migration: file.name, ms: Date.now() - started, database: target.display }, 'migration applied');
        }
      }
      return done;
    });
    return { applied, status: summarize(target, files, await driver.rows()) };
  } finally {
    await driver.close();
  }
}

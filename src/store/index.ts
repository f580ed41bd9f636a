/**
 * The store factory: the one place that turns DATABASE_URL into every store port.
 * `file:…` is SQLite (the embedded default), `postgresql://…` is PostgreSQL.
 */
import { statSync } from 'node:fs';
import type { Logger, Stores } from '../core/ports.js';
import { createStoreDb, SQLITE_BUSY_TIMEOUT_MS } from './connect.js';
import { parseDatabaseUrl } from './database-url.js';
import { DatabaseUnavailableError, errorText, reasonLine, unavailableError } from './errors.js';
import { migrate } from './migrate.js';
import { createPrismaArchiveSearch } from './prisma-archive-search.js';
import { withStoredWords } from './sqlite-vocabulary.js';
import { createPrismaCacheStore } from './prisma-cache-store.js';
import { createPrismaDeliveryLedger } from './prisma-delivery-ledger.js';
import { createPrismaFeedbackStore } from './prisma-feedback-store.js';
import { createPrismaFollowStore } from './prisma-follow-store.js';
import { createPrismaIngestRunStore } from './prisma-ingest-run-store.js';
import { createPrismaPaperStore } from './prisma-paper-store.js';
import { createPrismaRunCoordinator } from './prisma-run-coordinator.js';
import { createPrismaSavedPaperStore } from './prisma-saved-paper-store.js';
import { createPrismaSubscriptionStore } from './prisma-subscription-store.js';
import { createPrismaTargetStore } from './prisma-target-store.js';
import { createPrismaTopicStore } from './prisma-topic-store.js';

export { migrate, migrationStatus, type MigrationStatus, type MigrateResult } from './migrate.js';
export { DatabaseLockedError, DatabaseReadOnlyError, DatabaseUnavailableError, MigrationError } from './errors.js';
export { databaseFileProblem, parseDatabaseUrl } from './database-url.js';

export interface OpenStoresOptions {
  /** Apply pending committed migrations first (default true; safe with several processes). */
  migrate?: boolean;
  logger?: Logger;
  /** SQLite busy timeout (default 5000 ms; also how long migrating at start waits for another migrator, default 60 s). */
  busyTimeoutMs?: number;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/**
 * Open (and by default migrate) the database and build every store on it. Throws
 * DatabaseUnavailableError — naming the URL without its password — when the database is
 * down or locked, and MigrationError when a migration fails.
 */
export async function openStores(databaseUrl: string, opts: OpenStoresOptions = {}): Promise<Stores> {
  const target = parseDatabaseUrl(databaseUrl);
  if (opts.migrate ?? true) {
    // Waiting on another migrator is normal at start-up; without a caller's limit allow a minute.
    // Reading the history waits only the busy timeout: a lock that blocks reads is not a migrator.
    await migrate(databaseUrl, {
      ...(opts.logger ? { logger: opts.logger } : {}),
      lockTimeoutMs: opts.busyTimeoutMs ?? 60_000,
      busyTimeoutMs: opts.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS,
    });
  }
  // Anything that stops the database opening is "unavailable"; a lock says so (errors.ts).
  const unavailable = (err: unknown) =>
    unavailableError(target, err, opts.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS) ?? new DatabaseUnavailableError(target.display, reasonLine(errorText(err)), { cause: err });
  let db;
  try {
    db = await createStoreDb(target, { ...(opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {}), ...(opts.poolSize !== undefined ? { poolSize: opts.poolSize } : {}) });
  } catch (err) {
    throw unavailable(err);
  }
  // SQLite goes on writing to a file deleted or replaced under it (rm, a backup restored with mv),
  // which no other process sees and which is gone when this one stops: the health check says so.
  let opened: { dev: number; ino: number } | null = null;
  const sameFile = () => {
    if (target.provider !== 'sqlite' || !opened) return;
    let now: { dev: number; ino: number } | null = null;
    try {
      now = statSync(target.file);
    } catch {
      // Not there any more (or not readable): said below.
    }
    if (!now || now.dev !== opened.dev || now.ino !== opened.ino) {
      throw new DatabaseUnavailableError(
        target.display,
        `the file was deleted or replaced while this process had it open: what it writes now is lost when it stops. Restart paperboy to use the file now at ${target.file} (restore a backup there first if it was deleted)`,
      );
    }
  };
  const ping = async () => {
    sameFile();
    try {
      await db.query('SELECT 1');
    } catch (err) {
      throw unavailable(err);
    }
  };
  try {
    if (target.provider === 'sqlite') opened = statSync(target.file);
    await ping();
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  opts.logger?.debug({ database: target.display }, 'stores open');
  let closed: Promise<void> | null = null;
  const cache = createPrismaCacheStore(db);
  return {
    papers: createPrismaPaperStore(db),
    ingestRuns: createPrismaIngestRunStore(db),
    topics: createPrismaTopicStore(db),
    feedback: createPrismaFeedbackStore(db),
    subscriptions: createPrismaSubscriptionStore(db),
    follows: createPrismaFollowStore(db),
    targets: createPrismaTargetStore(db),
    ledger: createPrismaDeliveryLedger(db),
    runs: createPrismaRunCoordinator(db),
    cache,
    saved: createPrismaSavedPaperStore(db),
    archive: withStoredWords(createPrismaArchiveSearch(db), db, cache),
    ping,
    close: () => (closed ??= db.close()),
  };
}

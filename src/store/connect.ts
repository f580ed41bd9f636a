/**
 * One Prisma client per process for the configured database, plus the few things the store
 * implementations need to write SQL that runs on both providers.
 *
 * DateTime storage (for anyone writing raw SQL): always pass JS Dates as parameters.
 * - SQLite: adapter-better-sqlite3 `timestampFormat: 'iso8601'`, stored as TEXT like
 *   `2026-11-28T13:14:40.000+00:00` — one fixed-width format, so text order = time order.
 * - PostgreSQL: `timestamp(3)` without time zone, always UTC (adapter-pg formats in UTC).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type { Prisma, PrismaClient } from '../generated/prisma-sqlite/client.js';
import type { DatabaseTarget } from './database-url.js';
import { isSqliteBusy, unavailableError } from './errors.js';
import { realSleep } from '../core/sleep.js';

/**
 * The SQLite client's type stands for both: the stores use only the API the two generated
 * clients share (no skipDuplicates, no `mode: 'insensitive'`, no JSON filters).
 */
export type DbClient = PrismaClient;
export type DbTx = Prisma.TransactionClient;

/**
 * The driver under Prisma, for the one hot path where Prisma's per-row handling costs more
 * than the database work (bulk paper upserts, store/prisma-paper-store.ts). SQLite gets its
 * own connection to the same file; PostgreSQL shares Prisma's pool.
 */
export type RawDriver = { provider: 'sqlite'; db: BetterSqlite3.Database } | { provider: 'postgresql'; pool: pg.Pool };

export interface StoreDb {
  provider: 'sqlite' | 'postgresql';
  /** The database, password removed. */
  display: string;
  /**
   * Run `fn` on the client. On SQLite there is one connection, and a write issued while an
   * interactive transaction is open silently joins (and dies with) that transaction — so
   * SQLite work is queued one call at a time. Postgres runs calls concurrently.
   * On SQLite `fn` runs again when another process holds the write lock (see lockRetry), so it
   * must be reads and at most one write: a second write would repeat the first.
   */
  run<T>(fn: (client: DbClient) => Promise<T>): Promise<T>;
  /** An interactive transaction; on SQLite it takes the write lock up front (see below). */
  tx<T>(fn: (tx: DbTx) => Promise<T>): Promise<T>;
  /** Run `fn` on the raw driver: queued with `run`/`tx` on SQLite, errors mapped alike. */
  raw<T>(fn: (driver: RawDriver) => Promise<T>): Promise<T>;
  /**
   * One read-only SQL statement (markers from `param`), rows as the driver returns them: on
   * SQLite through better-sqlite3 (dates as the adapter's ISO text), on PostgreSQL through
   * Prisma (Dates). On SQLite it never builds the Prisma client, so a command that only reads
   * this way (`paperboy papers list`) loads no Prisma runtime and compiles no query plan.
   */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Positional parameter marker, 1-based: `?` on SQLite, `$n` on Postgres. */
  param(index: number): string;
  /** Bind parameters one statement may carry. */
  maxParams: number;
  close(): Promise<void>;
}

/** `count` parameter markers from `first` (1-based), comma-separated: an IN list or a row value. */
export function paramList(db: Pick<StoreDb, 'param'>, first: number, count: number): string {
  return Array.from({ length: count }, (_, i) => db.param(first + i)).join(', ');
}

/**
 * The parameters of a statement whose markers depend on what came before (optional clauses, a
 * row of values per item): `bind(...values)` adds them and gives their markers (paramList),
 * numbered on from the ones before.
 */
export function statementParams(db: Pick<StoreDb, 'param'>): { values: unknown[]; bind: (...values: unknown[]) => string } {
  const values: unknown[] = [];
  return {
    values,
    bind: (...more) => {
      values.push(...more);
      return paramList(db, values.length - more.length + 1, more.length);
    },
  };
}

/** A promise-chain mutex: each call waits for the previous one to settle. */
function serializer(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => undefined);
    return next;
  };
}

/**
 * How long one SQLite statement may wait for another process's lock inside the driver.
 * better-sqlite3 waits synchronously, blocking the event loop (Slack acks, /healthz, every
 * other command) for as long as it waits; so the driver only absorbs a brief overlap, and a
 * longer wait happens in lockRetry, between attempts, on timers.
 */
export const SQLITE_DRIVER_BUSY_MS = 10;

/** How long a PostgreSQL statement waits for a lock another session holds before it fails (DatabaseLockedError). */
export const PG_LOCK_TIMEOUT_MS = 30_000;

/** How long a SQLite call waits for a lock another process holds before it fails (DatabaseLockedError). */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Re-throw "database locked or down" as DatabaseUnavailableError (errors.ts unavailableError); anything else as is. */
const failWith =
  (target: DatabaseTarget, waitedMs: number) =>
  (err: unknown): never => {
    throw unavailableError(target, err, waitedMs) ?? err;
  };

/**
 * Run `attempt` until it does not fail on a busy SQLite lock, for up to `budgetMs`. The waits
 * are timers outside the per-file queue: while this call waits for another process, the
 * process's other database work (reads, the health ping, other writes) goes ahead. Only whole
 * calls are retried, and a busy call changed nothing: a Prisma operation or transaction that
 * hit SQLITE_BUSY rolled back, and the raw paper write takes its lock before writing.
 */
async function lockRetry<T>(attempt: () => Promise<T>, budgetMs: number): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      return await attempt();
    } catch (err) {
      const left = deadline - Date.now();
      if (left <= 0 || !isSqliteBusy(err)) throw err;
      await realSleep(Math.min(pause, left));
    }
  }
}

/**
 * One queue per SQLite file per process. better-sqlite3 waits for a lock synchronously, blocking
 * the event loop: two bundles on one file in one process would deadlock (the waiter blocks the
 * holder's next statement) until the busy timeout fails it. Sharing the queue serializes them.
 */
const sqliteQueues = new Map<string, { queue: ReturnType<typeof serializer>; users: number }>();

const TX_OPTIONS = { maxWait: 30_000, timeout: 120_000 };

export async function createStoreDb(target: DatabaseTarget, opts: { busyTimeoutMs?: number; poolSize?: number } = {}): Promise<StoreDb> {
  if (target.provider === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true });
    const { default: Database } = await import('better-sqlite3');
    const busyMs = opts.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS;
    const driverBusyMs = Math.min(busyMs, SQLITE_DRIVER_BUSY_MS);
    const shared = sqliteQueues.get(target.file) ?? { queue: serializer(), users: 0 };
    shared.users += 1;
    sqliteQueues.set(target.file, shared);
    const queue = shared.queue;
    const fail = failWith(target, busyMs);
    // Built by the first call that needs Prisma (inside the queue), not here: loading its
    // runtime and query compiler is most of a read-only CLI command's start-up.
    let client: Promise<DbClient> | null = null;
    const prisma = (): Promise<DbClient> =>
      (client ??= (async () => {
        const [{ PrismaClient: SqliteClient }, { PrismaBetterSqlite3 }] = await Promise.all([import('../generated/prisma-sqlite/client.js'), import('@prisma/adapter-better-sqlite3')]);
        const adapter = new PrismaBetterSqlite3({ url: target.file, timeout: driverBusyMs }, { timestampFormat: 'iso8601' });
        const c = new SqliteClient({ adapter, transactionOptions: TX_OPTIONS });
        // WAL lets readers (a CLI beside the bot) run while one process writes.
        await c.$queryRawUnsafe('PRAGMA journal_mode = WAL');
        await c.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
        await c.$executeRawUnsafe('PRAGMA foreign_keys = ON');
        return c;
      })().catch((err: unknown) => {
        client = null;
        throw err;
      }));
    // Its own connection, used only inside the queue: never waits on a lock this process holds.
    // Opened by the first raw call (paper writes, reads through `query`).
    let rawDb: InstanceType<typeof Database> | null = null;
    const driver = (): RawDriver => {
      if (!rawDb) {
        const d = new Database(target.file, { timeout: driverBusyMs });
        try {
          d.pragma('synchronous = NORMAL');
          d.pragma('foreign_keys = ON');
        } catch (err) {
          d.close();
          throw err;
        }
        rawDb = d;
      }
      return { provider: 'sqlite', db: rawDb };
    };
    const raw = <T>(fn: (driver: RawDriver) => Promise<T>): Promise<T> => lockRetry(() => queue(() => fn(driver())), busyMs).catch(fail);
    return {
      provider: 'sqlite',
      display: target.display,
      run: (fn) => lockRetry(() => queue(async () => fn(await prisma())), busyMs).catch(fail),
      tx: (fn) =>
        lockRetry(
          () =>
            queue(async () =>
              (await prisma()).$transaction(async (tx) => {
                // BEGIN is deferred: a read-then-write transaction could hit SQLITE_BUSY_SNAPSHOT
                // when another process wrote in between. A no-op write first takes the write lock
                // (or fails at once, before `fn` did anything, and lockRetry runs it again), so
                // every later statement is safe.
                await tx.$executeRawUnsafe(`UPDATE "CacheEntry" SET "key" = "key" WHERE 0 = 1`);
                return fn(tx);
              }),
            ),
          busyMs,
        ).catch(fail),
      raw,
      query: <T>(sql: string, params: readonly unknown[] = []) =>
        raw(async (d) => (d as Extract<RawDriver, { provider: 'sqlite' }>).db.prepare(sql).all(...params) as T[]),
      param: () => '?',
      maxParams: 32_766,
      close: () =>
        queue(async () => {
          const c = client;
          client = null;
          if (c) await (await c.catch(() => null))?.$disconnect();
          rawDb?.close();
          rawDb = null;
          if (--shared.users === 0) sqliteQueues.delete(target.file);
        }),
    };
  }
  const [{ PrismaClient: PgClient }, { PrismaPg }, { default: pgDriver }] = await Promise.all([
    import('../generated/prisma-pg/client.js'),
    import('@prisma/adapter-pg'),
    import('pg'),
  ]);
  // A statement waiting for a lock gives up after PG_LOCK_TIMEOUT_MS (a table another session
  // locked, a migration by hand): without it `papers list` waited silently for as long as the
  // lock was held. Long enough for replicas taking turns at the paper-write lock.
  const pool = new pgDriver.Pool({ connectionString: target.url, max: opts.poolSize ?? 10, connectionTimeoutMillis: 10_000, options: `-c lock_timeout=${PG_LOCK_TIMEOUT_MS}` });
  // Prisma listens for idle-client errors only once it connects; until then the raw path may use the pool.
  pool.on('error', () => undefined);
  const adapter = new PrismaPg(pool);
  const driver: RawDriver = { provider: 'postgresql', pool };
  const client = new PgClient({ adapter, transactionOptions: TX_OPTIONS }) as unknown as DbClient;
  const fail = failWith(target, PG_LOCK_TIMEOUT_MS);
  return {
    provider: 'postgresql',
    display: target.display,
    run: (fn) => fn(client).catch(fail),
    tx: (fn) => client.$transaction(fn).catch(fail),
    raw: (fn) => fn(driver).catch(fail),
    query: <T>(sql: string, params: readonly unknown[] = []) => client.$queryRawUnsafe<T[]>(sql, ...params).catch(fail),
    param: (i) => `$${i}`,
    maxParams: 65_535,
    close: async () => {
      await client.$disconnect();
      await pool.end();
    },
  };
}

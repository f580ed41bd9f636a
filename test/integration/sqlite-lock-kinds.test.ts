/**
 * Whatever lock another process holds on the SQLite file — the write lock, a rollback-journal
 * EXCLUSIVE lock, a read lock blocking a write, or `PRAGMA locking_mode=EXCLUSIVE` (a sqlite3
 * shell that wrote once keeps the whole file) — opening, migrating, reading the migration
 * history and writing fail with one error, DatabaseLockedError, naming the file and saying what
 * to do; the data stays as it was. Through the real `paperboy` command (src/cli.ts, default
 * timeouts) that is one line on stderr and exit 1, `db status` included (it said "unexpected
 * error"). Before, locking_mode=EXCLUSIVE made every command wait ~62 s (the start-up
 * migration's first read waited the migrator's whole minute) and then say "database is locked
 * (SQLITE_BUSY)".
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSeededStores } from '../../src/cli/open-stores.js';
import { silentLogger } from '../../src/log.js';
import { DatabaseUnavailableError, migrate, migrationStatus } from '../../src/store/index.js';
import { withSqlite, type TestDatabase } from '../helpers/db.js';
import { holdSqliteLock, type SqliteLockOptions } from '../helpers/sqlite-lock-holder.js';

const SAMPLE = join(import.meta.dirname, '../../samples/hf-daily-papers.sample.json');

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** The real `paperboy` process, as `npm run paperboy --` runs it, with the default timeouts. */
function paperboy(url: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const dir = url.slice('file:'.length).replace(/\/[^/]+$/, '');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: url, PAPERBOY_DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Longer than the lock holder lives: a command still waiting then finds the file free.
      timeout: 60_000,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The one message every kind of lock gives (src/store/errors.ts DatabaseLockedError). */
const lockedMessage = (file: string, waitedMs: number) =>
  `database file:${file} is locked by another process (gave up after ${waitedMs} ms); close the program holding it (a sqlite3 shell, a backup, another paperboy) or let it finish, then try again`;

describe('paperboy commands while another process holds a lock on the SQLite file', () => {
  let db: TestDatabase;
  let file: string;
  beforeEach(async () => {
    db = await withSqlite();
    file = db.url.slice('file:'.length);
    // A database paperboy has used before: migrated, the starter topics seeded, one paper.
    const stores = await openSeededStores(db.url, silentLogger());
    await stores.papers.upsertMany([{ arxivId: '2611.00001', source: 'file', title: 'Neural audio codecs', abstract: 'A paper about audio codecs.' }], new Date());
    await stores.close();
  });
  afterEach(() => db.drop());

  const snapshot = () =>
    db.query<{ t: string; n: number }>(
      `SELECT 'Paper' AS t, count(*) AS n FROM "Paper" UNION ALL SELECT 'IngestRun', count(*) FROM "IngestRun" UNION ALL SELECT 'Topic', count(*) FROM "Topic" UNION ALL SELECT 'migrations', count(*) FROM "_prisma_migrations"`,
    );

  /** Each command's run while the lock is held (concurrently: each waits the same bounded time). */
  async function whileLocked(lock: SqliteLockOptions, commands: string[][]): Promise<Run[]> {
    const before = await snapshot();
    const holder = await holdSqliteLock(file, { ...lock, maxHoldMs: 45_000 });
    let runs: Run[];
    try {
      runs = await Promise.all(commands.map((c) => paperboy(db.url, ...c)));
    } finally {
      await holder.release();
    }
    expect(await snapshot()).toEqual(before);
    return runs;
  }

  function expectLocked(run: Run, command: string) {
    expect(run.code).toBe(1);
    expect(run.err).toMatch(new RegExp(`^paperboy ${command}: (cannot open the database: )?${escape(lockedMessage(file, 5000))}$`, 'm'));
    expect(run.err).not.toMatch(/unexpected error|SQLITE_BUSY/);
  }

  it('locking_mode=EXCLUSIVE (WAL): every command, db status included, says the file is locked', async () => {
    const [list, status, search, ingest] = await whileLocked({ kind: 'exclusive-mode' }, [['papers', 'list'], ['db', 'status'], ['search', 'codecs'], ['ingest', SAMPLE]]);
    expectLocked(list!, 'papers list');
    expectLocked(status!, 'db status');
    expectLocked(search!, 'search');
    expectLocked(ingest!, 'ingest');
    // Free again, the same commands work.
    expect((await paperboy(db.url, 'papers', 'list')).out).toMatch(/Neural audio codecs/);
  }, 90_000);
});

describe('the store, for every kind of lock another process holds', () => {
  const KINDS: Array<{ name: string; lock: SqliteLockOptions; blocks: 'everything' | 'writes' | 'nothing' }> = [
    { name: 'locking_mode=EXCLUSIVE after a write, WAL', lock: { kind: 'exclusive-mode' }, blocks: 'everything' },
    { name: 'locking_mode=EXCLUSIVE after a write, rollback journal', lock: { kind: 'exclusive-mode', journalMode: 'delete' }, blocks: 'everything' },
    { name: 'BEGIN EXCLUSIVE, rollback journal', lock: { kind: 'exclusive', journalMode: 'delete' }, blocks: 'everything' },
    { name: 'BEGIN EXCLUSIVE, WAL', lock: { kind: 'exclusive' }, blocks: 'writes' },
    { name: 'BEGIN IMMEDIATE, WAL', lock: { kind: 'immediate' }, blocks: 'writes' },
    { name: 'BEGIN IMMEDIATE, rollback journal', lock: { kind: 'immediate', journalMode: 'delete' }, blocks: 'writes' },
    { name: 'a read transaction, rollback journal', lock: { kind: 'read', journalMode: 'delete' }, blocks: 'writes' },
    { name: 'a read transaction, WAL', lock: { kind: 'read' }, blocks: 'nothing' },
  ];
  const WAIT = 300;
  let db: TestDatabase;
  beforeEach(async () => {
    db = await withSqlite();
    await migrate(db.url);
  });
  afterEach(() => db.drop());

  it.each(KINDS)('$name: the one locked error where it blocks, and nothing changes', async ({ lock, blocks }) => {
    const file = db.url.slice('file:'.length);
    const expectLocked = (err: unknown) => {
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
      expect((err as Error).message).toBe(lockedMessage(file, WAIT));
    };
    const holder = await holdSqliteLock(file, lock);
    try {
      const status = await migrationStatus(db.url, { busyTimeoutMs: WAIT }).catch((e: unknown) => e);
      if (blocks === 'everything') expectLocked(status);
      else expect(status).toMatchObject({ pending: [], failed: [] });
      // Opening migrates: in a rollback journal it also switches the file to WAL, which any other lock blocks.
      const opened = await db.openStores({ busyTimeoutMs: WAIT }).catch((e: unknown) => e);
      if (blocks === 'everything' || lock.journalMode === 'delete') return expectLocked(opened);
      const stores = opened as Awaited<ReturnType<TestDatabase['openStores']>>;
      expect(await stores.papers.count()).toBe(0);
      for (const write of [
        () => stores.runs.claim('ingest', 'slot-1', 'replica', new Date()),
        () => stores.papers.upsertMany([{ arxivId: '2611.00001', source: 'file', title: 'T' }], new Date()),
      ]) {
        const written = await write().catch((e: unknown) => e);
        if (blocks === 'writes') expectLocked(written);
        else expect(written).not.toBeInstanceOf(Error);
      }
    } finally {
      await holder.release();
    }
    if (blocks !== 'nothing') expect(await db.query(`SELECT 1 FROM "Paper" UNION ALL SELECT 1 FROM "JobRun"`)).toEqual([]);
  });
});

/**
 * A copy of the SQLite database through SQLite's online backup API (better-sqlite3's
 * `db.backup()`): consistent while the service reads and writes it, which copying the file is
 * not (the WAL beside it holds the newest pages), and without the `sqlite3` program.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_BUSY_TIMEOUT_MS } from './connect.js';
import { parseDatabaseUrl } from './database-url.js';
import { isSqliteBusy, unavailableError } from './errors.js';

/** Pages (4 KB by default) copied per step, the event loop free between: 4 MB. */
const PAGES_PER_STEP = 1000;
/** The most better-sqlite3 takes as a step's page count: the rest at once. */
const ALL_PAGES = 0x7fffffff;
const MAX_RESTARTS = 3;
/** Once copying, how long one look at another process's lock waits: how often a wait is reported. */
const LOCK_LOOK_MS = 1_000;
/**
 * How long a copy under way waits for another process's lock before giving up: longer than a
 * command's few seconds (pages already copied are lost by giving up), as long as a migration waits.
 */
export const BACKUP_LOCK_WAIT_MS = 60_000;

export type BackupOutcome =
  | { status: 'done'; source: string; file: string; bytes: number }
  | { status: 'refused'; message: string };

export interface BackupOptions {
  /** Replace a file that is there already. */
  force?: boolean;
  /** After each step of pages copied (the copy starts again when another connection writes meanwhile). */
  onProgress?: (copiedPages: number, totalPages: number) => void;
  /** How long the first step waits for another process's lock (default: the stores' busy timeout). */
  busyTimeoutMs?: number;
  /** How long a copy under way waits in all for a lock another process took meanwhile (default BACKUP_LOCK_WAIT_MS). */
  lockWaitMs?: number;
  /** About every second while the copy waits for another process's lock. */
  onWaiting?: (wait: BackupWait) => void;
}

export interface BackupWait {
  /** The database file whose lock is held. */
  file: string;
  waitedMs: number;
  /** When the copy gives up (lockWaitMs). */
  giveUpMs: number;
  copiedPages: number;
  totalPages: number;
}

/** Copies the database DATABASE_URL names to `destination`, whole or not at all. */
export async function backupSqlite(databaseUrl: string, destination: string, opts: BackupOptions = {}): Promise<BackupOutcome> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.provider !== 'sqlite') {
    return { status: 'refused', message: `DATABASE_URL is PostgreSQL (${target.display}): back it up with PostgreSQL's own pg_dump (pg_dump -Fc "$DATABASE_URL" > paperboy.dump), which copies it consistently while the service runs` };
  }
  const file = resolve(destination);
  if (file === target.file) return { status: 'refused', message: `${file} is the database itself: name another file` };
  if (existsSync(file) && statSync(file).isDirectory()) return { status: 'refused', message: `${file} is a folder: name a file in it` };
  if (existsSync(file) && !opts.force) return { status: 'refused', message: `${file} exists; nothing written. Give --force to replace it.` };
  if (!existsSync(dirname(file))) return { status: 'refused', message: `the folder ${dirname(file)} does not exist` };
  // Opening a missing file would make an empty database, and back that up.
  if (!existsSync(target.file)) return { status: 'refused', message: `there is no database at ${target.file} yet (DATABASE_URL ${target.display})` };

  // Written beside it and renamed at the end: an interrupted or failed copy leaves no half file
  // under the name, and --force replaces the old backup only with a whole one.
  const partial = `${file}.partial-${process.pid}`;
  // A new file: better-sqlite3 removes a new one again when the copy does not finish (below).
  rmSync(partial, { force: true });
  const busyTimeoutMs = opts.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS;
  const giveUpMs = opts.lockWaitMs ?? BACKUP_LOCK_WAIT_MS;
  const db = new Database(target.file, { fileMustExist: true, timeout: busyTimeoutMs });
  let copiedBefore = 0;
  let totalBefore = 0;
  let restarts = 0;
  let waitingSince: number | null = null;
  // The lock was met after the last step that copied pages: the wait is counted from there.
  let lastCopiedAt = Date.now();
  /**
   * Whether another process holds a lock that keeps this reader out (a write lock in a rollback
   * journal, a connection in locking_mode=EXCLUSIVE), waiting up to LOCK_LOOK_MS for it to go. A
   * step that met it copies nothing and returns at once: without this look the copy spun, retrying
   * silently until the lock went, however long that took.
   */
  const lockedOut = (): boolean => {
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return false;
    } catch (err) {
      if (isSqliteBusy(err)) return true;
      throw err;
    }
  };
  try {
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        const copied = totalPages - remainingPages;
        // Nothing copied by the step: a lock, or a restart that ended where the step before did.
        if (copiedBefore > 0 && copied === copiedBefore && totalPages === totalBefore && lockedOut()) {
          waitingSince ??= lastCopiedAt;
          const waitedMs = Date.now() - waitingSince;
          if (waitedMs >= giveUpMs) {
            throw unavailableError(target, Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), waitedMs) ?? new Error('the backup did not finish');
          }
          opts.onWaiting?.({ file: target.file, waitedMs, giveUpMs, copiedPages: copied, totalPages });
          return restarts >= MAX_RESTARTS ? ALL_PAGES : PAGES_PER_STEP;
        }
        waitingSince = null;
        lastCopiedAt = Date.now();
        // Past the first step a lock is waited for above, a second at a time, so it can be reported.
        if (copiedBefore === 0 && copied > 0) db.pragma(`busy_timeout = ${Math.min(LOCK_LOOK_MS, busyTimeoutMs)}`);
        // A write by another connection (the service) between two steps starts the copy over;
        // a busy service could keep that up for ever, so after a few the rest goes in one step
        // (in WAL mode that holds a read snapshot, which does not stop the service's writes).
        // (Started over, a step ends where the first one did: no further than the step before.)
        if (copiedBefore > 0 && copied <= copiedBefore) restarts++;
        copiedBefore = copied;
        totalBefore = totalPages;
        opts.onProgress?.(copied, totalPages);
        return restarts >= MAX_RESTARTS ? ALL_PAGES : PAGES_PER_STEP;
      },
    });
    // A first step that met another process's lock past the busy timeout (a sqlite3 shell in
    // locking_mode=EXCLUSIVE) is SQLITE_BUSY, which better-sqlite3 takes for the end of the copy:
    // it resolves and removes the unfinished file.
    if (!existsSync(partial)) {
      throw unavailableError(target, Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), busyTimeoutMs) ?? new Error('the backup did not finish');
    }
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
  return { status: 'done', source: target.display, file, bytes: statSync(file).size };
}

/**
 * Another process holding a lock on a SQLite file, as a CLI ingest, a backup or `sqlite3` does:
 * a child process opens the file with better-sqlite3 and holds the lock until released (or until
 * `maxHoldMs`, so a failed test never leaves it behind).
 *
 *   const lock = await holdSqliteWriteLock(file);
 *   ...                      // this process's writes now meet SQLITE_BUSY
 *   await lock.release();    // COMMIT, the child exits
 *
 *   const lock = await holdSqliteLock(file, { kind: 'exclusive-mode' });   // reads meet it too
 */
import { spawn } from 'node:child_process';

export interface SqliteLockHolder {
  /** Commit (or close) and wait for the child to exit. */
  release(): Promise<void>;
}

/**
 * - `immediate`: `BEGIN IMMEDIATE`, the write lock (RESERVED); in WAL mode readers go on.
 * - `exclusive`: `BEGIN EXCLUSIVE`; in a rollback journal readers are locked out too.
 * - `exclusive-mode`: `PRAGMA locking_mode=EXCLUSIVE` then one write transaction: the connection
 *   keeps the whole file (WAL or not) until it closes, as a sqlite3 shell with that pragma does.
 * - `read`: a read transaction (`BEGIN` and a SELECT); in a rollback journal it blocks commits
 *   and the switch to WAL.
 */
export type SqliteLockKind = 'immediate' | 'exclusive' | 'exclusive-mode' | 'read';

export interface SqliteLockOptions {
  kind?: SqliteLockKind;
  /** Set the file's journal mode first (`delete`: a rollback journal; it stays so afterwards). */
  journalMode?: 'wal' | 'delete';
  maxHoldMs?: number;
}

const SCRIPT = `
import Database from 'better-sqlite3';
const db = new Database(process.env.LOCK_FILE);
if (process.env.LOCK_JOURNAL) db.pragma('journal_mode = ' + process.env.LOCK_JOURNAL);
const kind = process.env.LOCK_KIND;
if (kind === 'immediate') db.exec('BEGIN IMMEDIATE');
else if (kind === 'exclusive') db.exec('BEGIN EXCLUSIVE');
else if (kind === 'exclusive-mode') { db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE'); db.exec('COMMIT'); }
else if (kind === 'read') { db.exec('BEGIN'); db.prepare('SELECT count(*) FROM sqlite_master').get(); }
else throw new Error('unknown lock kind ' + kind);
process.stdout.write('locked\\n');
const done = () => { if (db.inTransaction) db.exec('COMMIT'); db.close(); process.exit(0); };
process.stdin.on('data', done);
process.stdin.on('end', done);
setTimeout(done, Number(process.env.LOCK_MAX_MS));
`;

export async function holdSqliteLock(file: string, opts: SqliteLockOptions = {}): Promise<SqliteLockHolder> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    cwd: process.cwd(),
    env: { ...process.env, LOCK_FILE: file, LOCK_KIND: opts.kind ?? 'immediate', LOCK_JOURNAL: opts.journalMode ?? '', LOCK_MAX_MS: String(opts.maxHoldMs ?? 30_000) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited (${code}) before taking the lock`)));
  });
  return {
    async release() {
      if (child.exitCode === null) child.stdin.end('release\n');
      await exited;
    },
  };
}

/** The write lock (`BEGIN IMMEDIATE`), held by another process. */
export function holdSqliteWriteLock(file: string, maxHoldMs = 30_000): Promise<SqliteLockHolder> {
  return holdSqliteLock(file, { kind: 'immediate', maxHoldMs });
}

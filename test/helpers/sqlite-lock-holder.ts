/**
 * Another process holding a SQLite file's write lock, as a CLI ingest, a backup or `sqlite3`
 * does: a child process opens the file with better-sqlite3 and runs `BEGIN IMMEDIATE` until
 * released (or until `maxHoldMs`, so a failed test never leaves it behind).
 *
 *   const lock = await holdSqliteWriteLock(file);
 *   ...                      // this process's writes now meet SQLITE_BUSY
 *   await lock.release();    // COMMIT, the child exits
 */
import { spawn } from 'node:child_process';

export interface SqliteLockHolder {
  /** Commit and wait for the child to exit. */
  release(): Promise<void>;
}

const SCRIPT = `
import Database from 'better-sqlite3';
const db = new Database(process.env.LOCK_FILE);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
const done = () => { db.exec('COMMIT'); db.close(); process.exit(0); };
process.stdin.on('data', done);
process.stdin.on('end', done);
setTimeout(done, Number(process.env.LOCK_MAX_MS));
`;

export async function holdSqliteWriteLock(file: string, maxHoldMs = 30_000): Promise<SqliteLockHolder> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    cwd: process.cwd(),
    env: { ...process.env, LOCK_FILE: file, LOCK_MAX_MS: String(maxHoldMs) },
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

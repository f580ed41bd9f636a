/** Errors the store layer throws with a message a human can act on. */
import { accessSync, constants, existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import type { DatabaseTarget } from './database-url.js';
import { truncate } from '../core/truncate.js';

/** The database could not be reached, opened or locked in time. */
export class DatabaseUnavailableError extends Error {
  constructor(
    /** The URL without its password. */
    public readonly display: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`database ${display} is unavailable: ${reason}`, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Another process holds a lock on the SQLite file for longer than this process waits: a write
 * transaction, a reader blocking a commit, or a connection in `PRAGMA locking_mode=EXCLUSIVE`
 * (which keeps the whole file after its first write until it closes). Built only by
 * unavailableError, so every kind of lock reads the same.
 */
export class DatabaseLockedError extends DatabaseUnavailableError {
  constructor(
    display: string,
    /** How long this process waited before giving up. */
    public readonly waitedMs: number,
    options?: { cause?: unknown; provider?: 'sqlite' | 'postgresql' },
  ) {
    super(display, 'locked by another process', options);
    const holders = options?.provider === 'postgresql' ? 'a psql session with an open transaction, a migration, another paperboy' : 'a sqlite3 shell, a backup, another paperboy';
    this.message = `database ${display} is locked by another process (gave up after ${waitedMs} ms); close the program holding it (${holders}) or let it finish, then try again`;
    this.name = 'DatabaseLockedError';
  }
}

/**
 * SQLite refused to write: the file, its folder or its journal files are not writable by the
 * user running paperboy (often a database made by another user, or by root in a container).
 * Built only by unavailableError, so every write path says it the same way.
 */
export class DatabaseReadOnlyError extends DatabaseUnavailableError {
  constructor(display: string, file: string, code: string, options?: { cause?: unknown }) {
    super(display, 'read-only', options);
    this.message = `database ${display} is read-only for this user (${userName()}): ${readOnlyReason(file, code)}`;
    this.name = 'DatabaseReadOnlyError';
  }
}

/**
 * A folder this user cannot write (EACCES, EPERM), or no one can (EROFS: a read-only mount), and
 * what to do: one wording for the database's folder and PAPERBOY_DATA_DIR, so `npm start` and the
 * CLI, which meet the same folder at different steps, say the same.
 */
export function unwritableFolder(folder: string, code: string, setting: 'DATABASE_URL' | 'PAPERBOY_DATA_DIR'): string {
  if (code === 'EROFS') return `${folder} is on a read-only file system (mount); point ${setting} at ${setting === 'DATABASE_URL' ? 'a database' : 'a folder'} on a writable one`;
  return `this user (${userName()}) cannot write there; ${OWNER_ADVICE}`;
}

const OWNER_ADVICE = "run paperboy as the folder's owner, or make it writable";

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    // A uid with no passwd entry (containers started with --user 1234).
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

/** Why this user cannot write `path` (EACCES, EROFS, …), or null when it can. */
const writeRefusal = (path: string): string | null => {
  try {
    accessSync(path, constants.W_OK);
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'EACCES';
  }
};
const writable = (path: string): boolean => writeRefusal(path) === null;

/**
 * Which path this user cannot write, and what to do about it. The folder comes first when SQLite
 * said so: it makes its journal files (-wal, -shm) beside the database even to read it, so a
 * read-only folder fails `papers list` too, which reads as nonsense without saying why.
 */
function readOnlyReason(file: string, code: string): string {
  const folder = dirname(file);
  const blocked = [file, `${file}-wal`, `${file}-shm`].filter((p) => existsSync(p) && !writable(p));
  const files = blocked.length === 1 ? `${blocked[0]} is` : `${blocked.join(', ')} are`;
  // Root passes every permission check but not a read-only mount; no owner can help there.
  const mounted = [folder, ...blocked].find((p) => writeRefusal(p) === 'EROFS');
  if (mounted) return unwritableFolder(mounted, 'EROFS', 'DATABASE_URL');
  if (code === 'SQLITE_READONLY_DIRECTORY' || (!blocked.length && !writable(folder))) {
    const also = blocked.length ? ` (nor ${blocked.join(', ')})` : '';
    return `SQLite needs write access to the folder ${folder} for its journal files, even to read; this user cannot write there${also}; ${OWNER_ADVICE}`;
  }
  if (blocked.length) return `${files} not writable by this user; run paperboy as ${blocked.length === 1 ? 'its' : 'their'} owner, or make ${blocked.length === 1 ? 'it' : 'them'} writable`;
  // Root passes every access check; a read-only mount or a file made read-only another way still lands here.
  return `SQLite could not write to it; check that it and its folder ${folder} are writable (and not on a read-only mount)`;
}

/** SQLITE_READONLY in any of its forms (…_DIRECTORY, …_CANTINIT), from better-sqlite3 directly or through Prisma's adapter; null for anything else. */
export function sqliteReadOnlyCode(err: unknown): string | null {
  return sqliteCode(err, 'SQLITE_READONLY');
}

/** The first SQLite result code starting with `prefix` in the error or the causes it wraps. */
function sqliteCode(err: unknown, prefix: string): string | null {
  return driverCode(err, prefix)?.code ?? null;
}

/**
 * The first driver code (SQLite result code, PostgreSQL SQLSTATE) starting with `prefix` in the
 * error or the causes it wraps, with the driver's own message: from the driver directly or
 * through Prisma's adapter, which keeps it as `originalCode`.
 */
function driverCode(err: unknown, prefix: string): { code: string; message: string } | null {
  for (const e of causeChain(err)) {
    const { code, message, meta } = e as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } } };
    if (typeof code === 'string' && code.startsWith(prefix)) return { code, message: typeof message === 'string' ? message : '' };
    const original = meta?.driverAdapterError?.cause;
    if (typeof original?.originalCode === 'string' && original.originalCode.startsWith(prefix)) {
      return { code: original.originalCode, message: typeof original.originalMessage === 'string' ? original.originalMessage : '' };
    }
  }
  return null;
}

/**
 * SQLite's "unable to open database file" where the reason is a folder this user cannot write
 * (a read-only mount, a folder of another user): SQLite says CANTOPEN, not READONLY, when it
 * cannot make the journal files a WAL database needs even to be read, or the file itself.
 */
function cannotOpenForWriting(file: string, err: unknown): boolean {
  return sqliteCode(err, 'SQLITE_CANTOPEN') !== null && !writable(dirname(file));
}

/** A migration failed (its changes were rolled back) or the history is not safe to extend. */
export class MigrationError extends Error {
  constructor(
    message: string,
    public readonly migration: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}

/** The error and the causes it wraps (a driver's inside Prisma's), at most five deep. */
function* causeChain(err: unknown): Generator<unknown> {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) yield e;
}

/**
 * SQLITE_BUSY in any of its forms (BUSY, BUSY_RECOVERY, BUSY_SNAPSHOT, BUSY_TIMEOUT), from
 * better-sqlite3 directly or through Prisma's adapter (kind SocketTimeout, P1008). Whatever
 * lock another process holds (RESERVED, PENDING, EXCLUSIVE, locking_mode=EXCLUSIVE, WAL or
 * rollback journal), this is how SQLite says it; on SQLite only.
 */
export function isSqliteBusy(err: unknown): boolean {
  if (sqliteCode(err, 'SQLITE_BUSY') !== null) return true;
  // Prisma's own timeout (P1008), and drivers that say it only in words.
  for (const e of causeChain(err)) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === 'P1008' || (typeof message === 'string' && /SQLITE_BUSY|database is locked/.test(message))) return true;
  }
  return false;
}

/** PostgreSQL's lock_timeout (55P03 "canceling statement due to lock timeout"), raw or through Prisma. */
export function isPgLockTimeout(err: unknown): boolean {
  for (const e of causeChain(err)) {
    const { code, message, meta } = e as { code?: unknown; message?: unknown; meta?: { code?: unknown } };
    if (code === '55P03' || meta?.code === '55P03') return true;
    if (typeof message === 'string' && /lock timeout/i.test(message)) return true;
  }
  return false;
}

/** Prisma codes meaning "the database is not there / not answering", not a bad query. */
// SQLITE_NOTADB / SQLITE_CANTOPEN: DATABASE_URL names a file that is no SQLite database (a typo, the wrong file).
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1011', 'P1017', 'P2024', 'SQLITE_NOTADB', 'SQLITE_CANTOPEN']);
const UNAVAILABLE_TEXT = /ECONNREFUSED|ECONNRESET|ENOTFOUND|Connection terminated|timeout exceeded when trying to connect|too many clients|Can't reach database server|Server has closed the connection/i;

/**
 * One line a person can read from a driver's error: Prisma's wrap a raw query failure in
 * several lines ("Invalid `prisma.$queryRawUnsafe()` invocation: … Message: `…`"); its message
 * part, else the last line, at most 300 characters.
 */
export function reasonLine(text: string): string {
  const message = /Message: `([^`]+)`/.exec(text)?.[1];
  const line = message ?? text.trim().split('\n').map((l) => l.trim()).filter(Boolean).at(-1) ?? text;
  return truncate(line, 300);
}

/**
 * A full disk, said the same way for both databases: where space is needed and what to do. Both
 * roll the statement's transaction back. PostgreSQL's disk_full (SQLSTATE 53100, "could not
 * extend file …") is the server's disk, which only the server's message names further.
 */
function diskFull(provider: DatabaseTarget['provider'], file: string, err: unknown): string | null {
  const found = provider === 'sqlite' ? driverCode(err, 'SQLITE_FULL') : driverCode(err, '53100');
  if (!found) return null;
  const where = provider === 'sqlite' ? dirname(file) : "the PostgreSQL server's data";
  const code = provider === 'sqlite' ? found.code : `${found.code}: ${reasonLine(found.message)}`;
  return `the disk holding ${where} is full (${code}), so nothing of this write was stored; free space there, then try again`;
}

/**
 * The one place a failure is classified as "the database is locked / down" rather than a bad
 * query: a SQLite lock becomes DatabaseLockedError (after `waitedMs`), a SQLite file this user
 * cannot write DatabaseReadOnlyError, a full disk (either database) one line saying so, an unreachable server
 * DatabaseUnavailableError naming the database without its password; null for anything else.
 */
export function unavailableError(target: Pick<DatabaseTarget, 'provider' | 'display'> & { file?: string }, err: unknown, waitedMs: number): DatabaseUnavailableError | null {
  if (err instanceof DatabaseUnavailableError) return err;
  if (target.provider === 'sqlite' && isSqliteBusy(err)) return new DatabaseLockedError(target.display, waitedMs, { cause: err });
  const file = target.file ?? target.display.replace(/^file:/, '');
  const readOnly = target.provider === 'sqlite' ? (sqliteReadOnlyCode(err) ?? (cannotOpenForWriting(file, err) ? 'SQLITE_READONLY_DIRECTORY' : null)) : null;
  if (readOnly) return new DatabaseReadOnlyError(target.display, file, readOnly, { cause: err });
  const full = diskFull(target.provider, file, err);
  if (full) return new DatabaseUnavailableError(target.display, full, { cause: err });
  if (target.provider === 'postgresql' && isPgLockTimeout(err)) return new DatabaseLockedError(target.display, waitedMs, { cause: err, provider: 'postgresql' });
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if ((typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || UNAVAILABLE_TEXT.test(message)) {
    return new DatabaseUnavailableError(target.display, reasonLine(message), { cause: err });
  }
  return null;
}

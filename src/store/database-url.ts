/** Reading DATABASE_URL: which provider, where, and how to name it in messages. */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { redactUrl } from '../core/redact-url.js';

/** The embedded default: SQLite in ./data, made on first use (the zero-config start). */
export const DEFAULT_DATABASE_URL = 'file:./data/paperboy.db';

/** A PostgreSQL DATABASE_URL, as the driver names its schemes. */
export const POSTGRES_URL = /^postgres(ql)?:\/\//;

export type DatabaseTarget =
  | { provider: 'sqlite'; /** Absolute path of the database file. */ file: string; display: string }
  | { provider: 'postgresql'; url: string; display: string };

/**
 * `file:./data/paperboy.db` (relative to `cwd`), `file:/abs/path.db`, or `postgres(ql)://…`.
 * Query parameters on a file URL (`?connection_limit=1`, from Prisma habits) are ignored.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  if (url.startsWith('file:')) {
    const path = sqlitePath(url);
    const problem = pathProblem(path);
    if (problem) throw new Error(`DATABASE_URL ${url}: ${problem}`);
    const file = isAbsolute(path) ? path : resolve(cwd, path);
    return { provider: 'sqlite', file, display: `file:${file}` };
  }
  if (POSTGRES_URL.test(url)) return { provider: 'postgresql', url, display: redactUrl(url) };
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${redactUrl(url).slice(0, 60)}"`);
}

const sqlitePath = (url: string) => url.slice('file:'.length).replace(/\?.*$/, '');

/** Why a file: URL's path names no database file it can open, or null. */
function pathProblem(path: string): string | null {
  // `file:` alone was taken for an in-memory database, which it never meant.
  if (path === '') return `"file:" names no file: the path after file: is missing (${DEFAULT_DATABASE_URL})`;
  if (path.includes(':memory:')) return `an in-memory SQLite database can't be shared by the migrator and the stores; use a file path (${DEFAULT_DATABASE_URL}) instead`;
  return null;
}

/**
 * Why a database named by hand cannot be made or opened where it says, as a configuration
 * problem: no path, a folder where the file goes (SQLite said only "unable to open database
 * file"), a folder that does not exist or is a file (a typo in DATABASE_URL silently made that
 * folder and an empty database, and every command then said "no papers yet"). A new file in an
 * existing folder is fine: that is how a new database is made. The default location's folder is
 * made on first use, whoever names it. Null for PostgreSQL, and for a URL of another scheme
 * (the caller reports that).
 */
export function databaseFileProblem(url: string, cwd: string = process.cwd()): string | null {
  if (!url.startsWith('file:')) return null;
  const problem = pathProblem(sqlitePath(url));
  if (problem) return problem;
  const target = parseDatabaseUrl(url, cwd) as Extract<DatabaseTarget, { provider: 'sqlite' }>;
  if (existsSync(target.file) && statSync(target.file).isDirectory()) return `${target.file} is a folder, not a database file (name a file in it: file:${join(target.file, 'paperboy.db')})`;
  const folder = dirname(target.file);
  // A path through a file ("data.db/papers.db") would fail later as "EEXIST: mkdir".
  if (existsSync(folder) && !statSync(folder).isDirectory()) return `${target.file}: ${folder} is a file, not a folder (correct the path)`;
  if (existsSync(folder) || target.file === (parseDatabaseUrl(DEFAULT_DATABASE_URL, cwd) as { file: string }).file) return null;
  return `${target.file}: the folder ${folder} does not exist (create it, or correct the path; only the default database's folder, ./data, is created for you)`;
}

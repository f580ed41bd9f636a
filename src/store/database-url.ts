/** Reading DATABASE_URL: which provider, where, and how to name it in messages. */
import { isAbsolute, resolve } from 'node:path';

export type DatabaseTarget =
  | { provider: 'sqlite'; /** Absolute path of the database file. */ file: string; display: string }
  | { provider: 'postgresql'; url: string; display: string };

/** The URL with any password replaced, safe for logs and error messages. */
export function redactUrl(url: string): string {
  // A file URL has no password, and WHATWG parsing would turn `file:./data/x.db` into `file:///data/x.db`.
  if (url.startsWith('file:')) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
  }
}

/**
 * `file:./data/paperboy.db` (relative to `cwd`), `file:/abs/path.db`, or `postgres(ql)://…`.
 * Query parameters on a file URL (`?connection_limit=1`, from Prisma habits) are ignored.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).replace(/\?.*$/, '');
    if (path === '' || path.includes(':memory:')) {
      throw new Error(`DATABASE_URL ${url}: an in-memory SQLite database can't be shared by the migrator and the stores; use a file path (file:./data/paperboy.db) instead`);
    }
    const file = isAbsolute(path) ? path : resolve(cwd, path);
    return { provider: 'sqlite', file, display: `file:${file}` };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: 'postgresql', url, display: redactUrl(url) };
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${redactUrl(url).slice(0, 60)}"`);
}

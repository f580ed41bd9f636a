/**
 * An empty database for one bench run: a temp-file SQLite database, or a new PostgreSQL database
 * (`paperboy_bench_<random>`) created from PAPERBOY_TEST_PG_URL, the same trust-auth server the
 * tests use. `drop` deletes it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_ADMIN = process.env.PAPERBOY_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export type Provider = 'sqlite' | 'postgresql';

export async function freshDatabase(provider: Provider): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
    return { url: `file:${join(dir, 'bench.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `paperboy_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

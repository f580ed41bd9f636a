// `paperboy db backup <file>`: SQLite's online backup without the sqlite3 program, consistent
// while another connection writes; refused on PostgreSQL (pg_dump) and over an existing file.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runDbCommand } from '../helpers/db-command.js';
import { backupSqlite } from '../../src/store/sqlite-backup.js';
import { withSqlite, type TestDatabase } from '../helpers/db.js';
import { holdSqliteLock } from '../helpers/sqlite-lock-holder.js';

const run = runDbCommand;

const rowsOf = (file: string, sql: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

async function withPapers(n: number): Promise<TestDatabase> {
  const db = await withSqlite();
  const stores = await db.openStores();
  const at = new Date('2026-11-01T00:00:00Z');
  await stores.papers.upsertMany(
    Array.from({ length: n }, (_, i) => ({ arxivId: `2611.${String(10000 + i)}`, source: 'arxiv' as const, title: `Paper ${i}`, abstract: 'words '.repeat(200), authors: ['A. Author'], publishedAt: at })),
    at,
  );
  return db;
}

describe('paperboy db backup', () => {
  const dbs: TestDatabase[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'pb-backup-'));
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a backup taken while another connection writes is a whole database with every row committed before it ended', async () => {
    const db = await withPapers(600);
    dbs.push(db);
    const writer = new Database(db.url.slice('file:'.length), { timeout: 5_000 });
    // About 12 MB: enough pages that the copy takes several steps (1,000 pages each), so writes land in between.
    const filler = writer.prepare(`INSERT INTO "CacheEntry" ("namespace", "key", "value", "updatedAt") VALUES ('filler', ?, ?, ?)`);
    for (let i = 0; i < 30; i++) filler.run(`f${i}`, String(i).repeat(400_000), new Date().toISOString());
    let steps = 0;
    let written = 0;
    const out = join(dir, 'during-writes.db');
    const r = await backupSqlite(db.url, out, {
      // Between steps another connection commits a row (the service would): the copy must hold it.
      onProgress: () => {
        if (steps++ < 3) {
          writer.prepare(`INSERT INTO "CacheEntry" ("namespace", "key", "value", "updatedAt") VALUES ('test', ?, 'v', ?)`).run(`k${written++}`, new Date().toISOString());
        }
      },
    });
    writer.close();
    expect(r).toMatchObject({ status: 'done', file: out });
    expect(steps).toBeGreaterThan(1);
    expect(written).toBeGreaterThan(0);
    expect(rowsOf(out, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(rowsOf(out, 'SELECT count(*) AS n FROM "Paper"')).toEqual([{ n: 600 }]);
    expect(rowsOf(out, `SELECT count(*) AS n FROM "CacheEntry" WHERE "namespace" = 'test'`)).toEqual([{ n: written }]);
    // No partial file is left beside it.
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('a writer that never pauses does not keep the copy starting over: it ends, whole', async () => {
    const db = await withPapers(5);
    dbs.push(db);
    const writer = new Database(db.url.slice('file:'.length), { timeout: 5_000 });
    const filler = writer.prepare(`INSERT INTO "CacheEntry" ("namespace", "key", "value", "updatedAt") VALUES ('filler', ?, ?, ?)`);
    for (let i = 0; i < 30; i++) filler.run(`f${i}`, String(i).repeat(400_000), new Date().toISOString());
    const write = writer.prepare(`INSERT INTO "CacheEntry" ("namespace", "key", "value", "updatedAt") VALUES ('test', ?, 'v', ?)`);
    let written = 0;
    const out = join(dir, 'busy.db');
    // A write after every step (bounded, so a copy that would restart for ever still ends here).
    const r = await backupSqlite(db.url, out, { onProgress: () => void (written < 200 && write.run(`k${written++}`, new Date().toISOString())) });
    writer.close();
    expect(r.status).toBe('done');
    expect(written).toBeLessThan(30);
    expect(rowsOf(out, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(rowsOf(out, `SELECT count(*) AS n FROM "CacheEntry" WHERE "namespace" = 'test'`)).toEqual([{ n: written }]);
  });

  it('the command writes the copy, says where and how big; an existing file is kept without --force', async () => {
    const db = await withPapers(5);
    dbs.push(db);
    const out = join(dir, 'paperboy-backup.db');
    const first = await run(db.url, 'db', 'backup', out);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(new RegExp(`^Backed up ${db.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} to ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(\\d[\\d.,]* (?:KB|MB|GB)\\)\\.\\n$`));
    expect(rowsOf(out, 'SELECT count(*) AS n FROM "Paper"')).toEqual([{ n: 5 }]);

    writeFileSync(join(dir, 'precious.db'), 'not to be lost');
    const refused = await run(db.url, 'db', 'backup', join(dir, 'precious.db'));
    expect(refused).toEqual({ code: 1, out: '', err: `paperboy db backup: ${join(dir, 'precious.db')} exists; nothing written. Give --force to replace it.\n` });
    const forced = await run(db.url, 'db', 'backup', join(dir, 'precious.db'), '--force');
    expect(forced.code).toBe(0);
    expect(rowsOf(join(dir, 'precious.db'), 'SELECT count(*) AS n FROM "Paper"')).toEqual([{ n: 5 }]);
  });

  it('refuses PostgreSQL, naming pg_dump, and a database that is not there, making none', async () => {
    const pgUrl = 'postgresql://paperboy:secret@127.0.0.1:1/paperboy';
    const r = await run(pgUrl, 'db', 'backup', join(dir, 'pg.db'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^paperboy db backup: DATABASE_URL is PostgreSQL \(postgresql:\/\/paperboy:\*+@127\.0\.0\.1:1\/paperboy\): back it up with PostgreSQL's own pg_dump/);
    expect(r.err).not.toContain('secret');
    const missing = join(dir, 'nothing-here.db');
    const none = await run(`file:${missing}`, 'db', 'backup', join(dir, 'none.db'));
    expect(none.code).toBe(1);
    expect(none.err).toContain(`there is no database at ${missing} yet`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
  });
});

describe('paperboy db backup against a database another process holds', () => {
  const dbs: TestDatabase[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'pb-backup-locked-'));
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a sqlite3 shell in locking_mode=EXCLUSIVE: waits, then says the database is locked, leaving no file', async () => {
    const db = await withSqlite();
    dbs.push(db);
    const stores = await db.openStores();
    await stores.papers.upsertMany([{ arxivId: '2611.00001', source: 'file', title: 'Neural audio codecs', abstract: 'A paper about audio codecs.' }], new Date());
    await stores.close();
    const file = db.url.slice('file:'.length);
    const out = join(dir, 'locked.db');
    const holder = await holdSqliteLock(file, { kind: 'exclusive-mode', maxHoldMs: 45_000 });
    try {
      await expect(backupSqlite(db.url, out, { busyTimeoutMs: 200 })).rejects.toThrow(`database ${db.url} is locked by another process (gave up after 200 ms)`);
      const r = await run(db.url, 'db', 'backup', out);
      expect(r).toMatchObject({ code: 1, out: '' });
      expect(r.err).toBe(`paperboy db backup: database ${db.url} is locked by another process (gave up after 5000 ms); close the program holding it (a sqlite3 shell, a backup, another paperboy) or let it finish, then try again\n`);
    } finally {
      await holder.release();
    }
    expect(readdirSync(dir)).toEqual([]);
    // The holder gone, the same command copies it.
    expect((await run(db.url, 'db', 'backup', out)).code).toBe(0);
    expect(rowsOf(out, 'SELECT count(*) AS n FROM "Paper"')).toEqual([{ n: 1 }]);
  }, 60_000);
});

describe('paperboy db backup meeting a lock partway through', () => {
  const dbs: TestDatabase[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'pb-backup-partway-'));
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill();
    await Promise.all(dbs.map((d) => d.drop()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A database in a rollback journal (where another process's write lock keeps readers out), several backup steps big. */
  async function bigRollbackDb(): Promise<string> {
    const db = await withSqlite();
    dbs.push(db);
    // Migrated, then closed: a WAL database leaves its journal mode only with no other connection.
    await (await db.openStores()).close();
    const file = db.url.slice('file:'.length);
    const w = new Database(file, { timeout: 5_000 });
    w.pragma('journal_mode = DELETE');
    const filler = w.prepare(`INSERT INTO "CacheEntry" ("namespace", "key", "value", "updatedAt") VALUES ('filler', ?, ?, ?)`);
    for (let i = 0; i < 30; i++) filler.run(`f${i}`, String(i).repeat(400_000), new Date().toISOString());
    w.close();
    return file;
  }

  /**
   * Another process takes the write lock (BEGIN EXCLUSIVE) now, between two steps of the copy, and
   * keeps it for `holdMs`: returned once it holds it (the progress callback cannot wait otherwise).
   */
  function lockNow(file: string, holdMs: number): ChildProcess {
    const script = `const D = require('better-sqlite3'); const d = new D(process.env.F); d.exec('BEGIN EXCLUSIVE'); const done = () => { d.exec('COMMIT'); d.close(); process.exit(0); }; process.stdin.on('data', done); setTimeout(done, Number(process.env.HOLD));`;
    const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), env: { ...process.env, F: file, HOLD: String(holdMs) }, stdio: ['pipe', 'inherit', 'inherit'] });
    children.push(child);
    const probe = new Database(file, { timeout: 0, readonly: true });
    try {
      for (let i = 0; i < 500; i++) {
        try {
          probe.prepare('SELECT count(*) FROM sqlite_master').get();
        } catch {
          return child;
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      }
    } finally {
      probe.close();
    }
    throw new Error('the other process did not take the lock');
  }

  it('says it is waiting, how long and how far it got, and goes on whole once the lock is released', async () => {
    const file = await bigRollbackDb();
    const out = join(dir, 'resumed.db');
    const waits: number[] = [];
    let steps = 0;
    let holder: ChildProcess | null = null;
    const r = await backupSqlite(`file:${file}`, out, {
      onProgress: () => {
        if (steps++ === 1) holder = lockNow(file, 2_500);
      },
      onWaiting: (w) => waits.push(w.waitedMs),
    });
    expect(holder).not.toBeNull();
    expect(r).toMatchObject({ status: 'done', file: out });
    expect(waits.length).toBeGreaterThan(0);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    expect(rowsOf(out, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(rowsOf(out, `SELECT count(*) AS n FROM "CacheEntry" WHERE "namespace" = 'filler'`)).toEqual([{ n: 30 }]);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  }, 60_000);

  it('gives up after its bound with the locked message, writing no file', async () => {
    const file = await bigRollbackDb();
    const out = join(dir, 'gave-up.db');
    const seen: Array<{ waitedMs: number; giveUpMs: number; copiedPages: number; totalPages: number; file: string }> = [];
    let steps = 0;
    await expect(
      backupSqlite(`file:${file}`, out, {
        lockWaitMs: 2_000,
        onProgress: () => {
          if (steps++ === 1) lockNow(file, 45_000);
        },
        onWaiting: (w) => seen.push(w),
      }),
    ).rejects.toThrow(new RegExp(`^database file:${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is locked by another process \\(gave up after \\d+ ms\\); close the program holding it`));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({ file, giveUpMs: 2_000 });
    expect(seen[0]!.copiedPages).toBeGreaterThan(0);
    expect(seen[0]!.copiedPages).toBeLessThan(seen[0]!.totalPages);
    expect(readdirSync(dir).filter((f) => f.startsWith('gave-up'))).toEqual([]);
    for (const c of children) c.stdin?.end('release\n');
  }, 60_000);
});

/**
 * A service killed (kill -9, out of memory) and started again at once on the same SQLite file.
 * Its service lease was held under the replica id, which a restart does not share (a new random
 * one), or shares with any other process given the same PAPERBOY_REPLICA_ID: the restart could
 * only wait a minute for the dead one's lease to lapse, and a real second service started in that
 * minute went unnoticed as long. The lease now names the process, read by the same gone rule as
 * run leases: the restart holds it at once, and says nothing about a second service.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_SERVICE_LEASE } from '../../src/app/sqlite-presence.js';
import { thisLeaseHost } from '../../src/store/run-lease-holder.js';
import { withSqlite, type TestDatabase } from '../helpers/db.js';

describe('a service killed and started again at once on one SQLite file', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await withSqlite();
    dir = mkdtempSync(join(tmpdir(), 'paperboy-restart-'));
  });
  afterAll(async () => {
    await db.drop();
  });

  function service() {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: db.url, PAPERBOY_DATA_DIR: dir, PAPERBOY_HTTP: 'false', PAPERBOY_INGEST_SOURCES: '' },
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return { child, exited, out: () => out };
  }

  // '' until the first service has made the file and its lease.
  const holder = async () => (await db.query<{ holder: string }>(`SELECT "holder" FROM "RunLease" WHERE "key" = '${SQLITE_SERVICE_LEASE}'`).catch(() => []))[0]?.holder ?? '';
  const until = async (ok: () => Promise<boolean>, ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end && !(await ok()); ) await new Promise((r) => setTimeout(r, 100));
  };

  it('the restart holds the service lease at once and warns of no second service', async () => {
    const first = service();
    const ownedBy = (pid: number | undefined) => async () => (await holder()).startsWith(`${thisLeaseHost()} pid ${pid} `);
    await until(async () => (await holder()) !== '', 60_000);
    expect(await holder(), first.out().slice(-2000)).toMatch(new RegExp(`^\\S+ pid ${first.child.pid} `));
    first.child.kill('SIGKILL');
    await first.exited;

    const restart = service();
    try {
      // Well before the dead one's minute is up.
      await until(ownedBy(restart.child.pid), 20_000);
      expect(await holder(), restart.out().slice(-2000)).toMatch(new RegExp(`^\\S+ pid ${restart.child.pid} `));
      // The lease is taken during start-up, before 'paperboy started' is logged: wait for the line.
      await until(async () => restart.out().includes('paperboy started'), 20_000);
      expect(restart.out()).toContain('paperboy started');
      expect(restart.out()).not.toContain('another paperboy service');
    } finally {
      restart.child.kill('SIGTERM');
      await restart.exited;
    }
  }, 120_000);
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports.js';
import { healthHandler } from '../../src/observability/health.js';
import pg from 'pg';
import { rmSync, renameSync, copyFileSync } from 'node:fs';
import { withPostgres, withSqlite } from '../helpers/db.js';
import { TEST_PG_URL } from '../helpers/services.js';
import { serverFor } from '../helpers/services.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function serve(stores: Stores, now: () => Date): Promise<string> {
  const server = createServer((req, res) => void healthHandler({ stores, clock: { now } })(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
}

describe.runIf(await serverFor('postgresql', 'health'))('/healthz on PostgreSQL', () => {
  it('reports the last ingest and digest from the database, and 503 once the database is gone', async () => {
    const db = await withPostgres();
    cleanups.push(() => db.drop());
    const stores = await db.openStores();
    const t0 = new Date('2026-11-28T08:00:00.000Z');
    const run = await stores.ingestRuns.start('hf', '2026-11-28', t0);
    await stores.ingestRuns.finish({ ...run, status: 'succeeded', created: 5, finishedAt: new Date(t0.getTime() + 60_000) });
    const slot = '2026-11-28T09:00:00.000Z';
    expect(await stores.runs.claim('digest', slot, 'r1', new Date(slot))).toBe(true);
    await stores.runs.complete('digest', slot, 'succeeded', '3 due', new Date('2026-11-28T09:00:05.000Z'));

    const url = await serve(stores, () => new Date('2026-11-28T09:10:00.000Z'));
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    const body: unknown = await ok.json();
    expect(body).toMatchObject({
      status: 'ok',
      database: { ok: true },
      lastIngest: { status: 'succeeded', finishedAt: '2026-11-28T08:01:00.000Z', ageSeconds: 4140 },
      lastDigest: { status: 'succeeded', finishedAt: '2026-11-28T09:00:05.000Z', ageSeconds: 595 },
    });

    // The database disappears under the running service.
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE "${new URL(db.url).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
    const down = await fetch(url);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'down', database: { ok: false } });
  });
});

describe('/healthz on SQLite', () => {
  it('503, naming the file, once the database file is deleted or replaced under the running service (its writes would be lost at restart)', async () => {
    const db = await withSqlite();
    cleanups.push(() => db.drop());
    const file = db.url.slice('file:'.length);
    const stores = await db.openStores();
    cleanups.push(() => stores.close());
    const url = await serve(stores, () => new Date('2026-11-28T09:10:00.000Z'));
    expect((await fetch(url)).status).toBe(200);

    // Another file put in its place (a backup restored with mv): SQLite still writes the old one.
    copyFileSync(file, `${file}.copy`);
    renameSync(`${file}.copy`, file);
    const replaced = await fetch(url);
    expect(replaced.status).toBe(503);
    expect(await replaced.json()).toMatchObject({
      status: 'down',
      database: { ok: false, error: `database ${db.url} is unavailable: the file was deleted or replaced while this process had it open: what it writes now is lost when it stops. Restart paperboy to use the file now at ${file} (restore a backup there first if it was deleted)` },
    });
    // Deleted (rm data/paperboy.db*): SQLite goes on writing to a file no one else can open.
    rmSync(file);
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
    const deleted = await fetch(url);
    expect(deleted.status).toBe(503);
    expect(await deleted.json()).toMatchObject({ status: 'down', database: { ok: false, error: `database ${db.url} is unavailable: the file was deleted or replaced while this process had it open: what it writes now is lost when it stops. Restart paperboy to use the file now at ${file} (restore a backup there first if it was deleted)` } });
  });
});

/**
 * An ingest whose process died without recording its end (kill -9, out of memory, power loss)
 * left its IngestRun "running" for hours: /healthz said ok with the source "running", and the
 * start-up catch-up counted it as a good recent run and did not ingest. A run holds a lease
 * (RunLease `ingest-run:<id>`) renewed while its process lives, naming its holder (host, pid,
 * instance id): on the holder's own host a dead holder is seen at once (a service restarted just
 * after a crash); elsewhere once the lease lapsed. The run then reads as abandoned, with when it
 * was last seen, and the next start of an ingest (or of the service) records it so. A run whose
 * process is alive (another replica, a CLI ingest beside the service) is never touched.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpAtStart } from '../../src/app/start-up-catch-up.js';
import { silentLogger } from '../../src/log.js';
import { checkHealth } from '../../src/observability/health.js';
import { thisLeaseHost } from '../../src/store/run-lease-holder.js';
import { testDatabases, type TestDatabase } from '../helpers/db.js';
import { startHttpServer, type TestServer } from '../helpers/http-server.js';

const kinds = await testDatabases('abandoned-ingest-runs.test.ts');

describe.each(kinds)('ingest runs whose process is gone, on $name', (kind) => {
  let db: TestDatabase;
  let hf: TestServer;
  beforeAll(async () => {
    db = await kind.open();
    // A source that takes the request and never answers: the ingest is mid-run when it is killed.
    hf = await startHttpServer(() => new Promise(() => undefined));
  });
  afterAll(async () => {
    await hf.close();
    await db.drop();
  });

  it('a CLI ingest killed by kill -9: left running while it lives; a restart straight after records it abandoned at once and the catch-up ingests again', async () => {
    const stores = await db.openStores();
    await db.reset();
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-abandoned-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ingest', '--source', 'hf'], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: db.url, PAPERBOY_DATA_DIR: dir, PAPERBOY_HF_API_URL: `${hf.url}/api`, PAPERBOY_HTTP_RETRIES: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const before = hf.requests.length;
    for (let i = 0; i < 600 && hf.requests.length === before; i++) await new Promise((r) => setTimeout(r, 50));
    expect(hf.requests.length).toBeGreaterThan(before);

    // Alive (a CLI ingest beside the service, on the same host): nobody marks it abandoned.
    expect(await stores.ingestRuns.closeAbandoned?.()).toBe(0);
    const [live] = await stores.ingestRuns.latest(1, 'hf');
    expect(live!.status).toBe('running');
    const leases = await db.query<{ key: string; holder: string; expiresAt: unknown }>(`SELECT "key", "holder", "expiresAt" FROM "RunLease" WHERE "key" = 'ingest-run:${live!.id}'`);
    expect(leases).toHaveLength(1);
    expect(leases[0]!.holder).toBe(`${thisLeaseHost()} pid ${child.pid} ${leases[0]!.holder.split(' ').at(-1)}`);
    expect(leases[0]!.holder).toMatch(/ [0-9a-f]{12}$/);

    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();

    // Just killed, its lease minutes from lapsing: its holder's pid is gone from this host, so it reads as abandoned now.
    const [gone] = await stores.ingestRuns.latest(1, 'hf');
    expect(gone!.status).toBe('abandoned');
    expect(gone!.lastSeenAt!.getTime()).toBeLessThanOrEqual(killedAt);
    expect(gone!.lastSeenAt!.getTime()).toBeGreaterThan(killedAt - 5 * 60_000);
    const health = await checkHealth({ stores, now: new Date(), ingestSources: ['hf'] });
    expect(health.ingests?.hf?.status).toBe('abandoned');
    expect(health.status).toBe('degraded');

    // The restarted service's start-up: records it so, drops its lease, and ingests now rather than at the next hourly slot.
    let ingests = 0;
    await catchUpAtStart({
      stores,
      clock: { now: () => new Date() },
      logger: silentLogger(),
      replica: 'r1',
      ingestJob: 'ingest',
      sources: ['hf'],
      ingestNow: async () => (ingests++, 'ok'),
      enqueueDigests: async () => undefined,
      stopping: () => false,
    });
    expect(ingests).toBe(1);
    const rows = await db.query<{ status: string; error: string | null }>(`SELECT "status", "error" FROM "IngestRun" WHERE "id" = '${live!.id}'`);
    expect(rows[0]!.status).toBe('abandoned');
    expect(rows[0]!.error).toMatch(/last seen 20\d\d-/);
    expect(rows[0]!.error).toContain(leases[0]!.holder);
    expect(await db.query(`SELECT "key" FROM "RunLease" WHERE "key" = 'ingest-run:${live!.id}'`)).toEqual([]);
  }, 90_000);

  it('a run held on another host is left running until its lease lapses, then abandoned (last seen when)', async () => {
    const stores = await db.openStores();
    await db.reset();
    const run = await stores.ingestRuns.start('hf', 'w', new Date());
    // Its pid means nothing here: whether that process lives cannot be told from this host.
    await db.exec(`UPDATE "RunLease" SET "holder" = 'elsewhere-${hostname()} pid 1 0123456789ab' WHERE "key" = 'ingest-run:${run.id}'`);
    expect(await stores.ingestRuns.closeAbandoned?.()).toBe(0);
    expect((await stores.ingestRuns.latest(1, 'hf'))[0]!.status).toBe('running');

    const lapsed = new Date(Date.now() - 60_000);
    await db.exec(`UPDATE "RunLease" SET "expiresAt" = '${lapsed.toISOString()}' WHERE "key" = 'ingest-run:${run.id}'`);
    const [gone] = await stores.ingestRuns.latest(1, 'hf');
    expect(gone!.status).toBe('abandoned');
    expect(gone!.lastSeenAt?.getTime()).toBeLessThan(lapsed.getTime());
    expect(gone!.lastSeenAt?.getTime()).toBeGreaterThan(lapsed.getTime() - 5 * 60_000);
    expect(await stores.ingestRuns.closeAbandoned?.()).toBe(1);
    const rows = await db.query<{ error: string | null }>(`SELECT "error" FROM "IngestRun" WHERE "id" = '${run.id}'`);
    expect(rows[0]!.error).toContain(`elsewhere-${hostname()} pid 1 0123456789ab`);
  });

  it('a run held by this pid under another instance id (a restarted container, pid 1 again) is abandoned at once', async () => {
    const stores = await db.openStores();
    await db.reset();
    const run = await stores.ingestRuns.start('hf', 'w', new Date());
    await db.exec(`UPDATE "RunLease" SET "holder" = '${thisLeaseHost()} pid ${process.pid} 0123456789ab' WHERE "key" = 'ingest-run:${run.id}'`);
    expect((await stores.ingestRuns.latest(1, 'hf'))[0]!.status).toBe('abandoned');
    expect(await stores.ingestRuns.closeAbandoned?.()).toBe(1);
    expect(await db.query(`SELECT "key" FROM "RunLease"`)).toEqual([]);
  });

  it('a live run (another replica, a CLI ingest beside the service) is never marked abandoned, whoever sweeps', async () => {
    const mine = await db.openStores();
    const other = await db.openStores();
    await db.reset();
    const run = await mine.ingestRuns.start('hf', 'w', new Date());
    await mine.ingestRuns.heartbeat?.(run);
    // Another replica starts the service and an ingest of the same source meanwhile.
    await other.ingestRuns.closeAbandoned?.();
    const second = await other.ingestRuns.start('hf', 'w2', new Date());
    const seen = (await other.ingestRuns.latest(5, 'hf')).find((r) => r.id === run.id);
    expect(seen!.status).toBe('running');
    await mine.ingestRuns.finish({ ...run, status: 'succeeded', finishedAt: new Date() });
    await other.ingestRuns.finish({ ...second, status: 'succeeded', finishedAt: new Date() });
    const rows = await db.query<{ status: string }>(`SELECT "status" FROM "IngestRun" ORDER BY "startedAt"`);
    expect(rows.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    // A finished run leaves no lease behind.
    expect(await db.query(`SELECT "key" FROM "RunLease"`)).toEqual([]);
  });
});

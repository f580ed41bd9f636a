import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../../src/core/ports.js';
import type { SourceName } from '../../../src/core/papers/paper.js';
import { checkHealth, healthHandler, healthHttpStatus } from '../../../src/observability/health.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const now = new Date('2026-11-28T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

async function withIngest(stores: Stores, status: 'succeeded' | 'failed' | 'partial', finishedMinutesAgo: number, source: SourceName = 'hf') {
  const run = await stores.ingestRuns.start(source, '2026-11-28', minutesAgo(finishedMinutesAgo + 1));
  await stores.ingestRuns.finish({ ...run, status, finishedAt: minutesAgo(finishedMinutesAgo) });
}

async function withDigest(stores: Stores, status: 'succeeded' | 'failed', minutes: number) {
  const slot = minutesAgo(minutes).toISOString();
  await stores.runs.claim('digest', slot, 'r1', minutesAgo(minutes));
  await stores.runs.complete('digest', slot, status, null, minutesAgo(minutes));
}

describe('health', () => {
  it('is ok on a fresh install: database up, nothing run yet', async () => {
    const report = await checkHealth({ stores: createMemoryStores(), now });
    expect(report.status).toBe('ok');
    expect(report.database.ok).toBe(true);
    expect(report.lastIngest).toEqual({ status: 'never', finishedAt: null, ageSeconds: null });
    expect(report.lastDigest.status).toBe('never');
  });

  it('reports age and status of the last ingest and digest', async () => {
    const stores = createMemoryStores();
    await withIngest(stores, 'succeeded', 30);
    await withDigest(stores, 'succeeded', 2);
    const report = await checkHealth({ stores, now });
    expect(report.status).toBe('ok');
    expect(report.lastIngest).toMatchObject({ status: 'succeeded', ageSeconds: 1800, finishedAt: minutesAgo(30).toISOString() });
    expect(report.lastDigest).toMatchObject({ status: 'succeeded', ageSeconds: 120 });
  });

  it('is degraded (still HTTP 200) when the last ingest failed or a digest is overdue', async () => {
    const failed = createMemoryStores();
    await withIngest(failed, 'failed', 5);
    const r1 = await checkHealth({ stores: failed, now });
    expect(r1.status).toBe('degraded');
    expect(r1.lastIngest.problem).toMatch(/failed/);
    expect(healthHttpStatus(r1.status)).toBe(200);

    const stale = createMemoryStores();
    await withDigest(stale, 'succeeded', 180);
    const r2 = await checkHealth({ stores: stale, now, maxDigestAgeSeconds: 3600 });
    expect(r2.status).toBe('degraded');
    expect(r2.lastDigest.problem).toMatch(/10800s ago/);
  });

  it("judges each scheduled source by its own last run: a manual ingest of another source does not hide a failing one", async () => {
    const stores = createMemoryStores();
    await withIngest(stores, 'failed', 30, 'hf');
    // `paperboy ingest samples/….json` by hand, after the scheduled Hugging Face ingest failed.
    await withIngest(stores, 'succeeded', 5, 'file');
    const r = await checkHealth({ stores, now, ingestSources: ['hf'] });
    expect(r.status).toBe('degraded');
    expect(r.lastIngest).toMatchObject({ status: 'failed', problem: 'last run failed' });
    expect(r.ingests).toEqual({ hf: expect.objectContaining({ status: 'failed', problem: 'last run failed' }) });

    // Two scheduled sources: the newest run is the one shown, and the failing one still degrades.
    await withIngest(stores, 'succeeded', 2, 'rss');
    const both = await checkHealth({ stores, now, ingestSources: ['hf', 'rss'] });
    expect(both).toMatchObject({ status: 'degraded', lastIngest: { status: 'succeeded', ageSeconds: 120 }, ingests: { hf: { status: 'failed' }, rss: { status: 'succeeded' } } });

    // The scheduled source works again (a run of it, scheduled or by hand): ok.
    await withIngest(stores, 'succeeded', 1, 'hf');
    expect((await checkHealth({ stores, now, ingestSources: ['hf', 'rss'] })).status).toBe('ok');
    // A source scheduled but not run yet is no problem (the start-up catch-up runs it).
    expect((await checkHealth({ stores, now, ingestSources: ['hf', 'arxiv'] })).ingests).toMatchObject({ arxiv: { status: 'never' } });
    // Nothing scheduled (an outside cron runs `paperboy ingest`): the last run of any source, as before.
    await withIngest(stores, 'failed', 0, 'file');
    expect((await checkHealth({ stores, now })).status).toBe('degraded');
  });

  it('counts a digest slot stuck in running since long ago as overdue', async () => {
    const stores = createMemoryStores();
    await stores.runs.claim('digest', minutesAgo(240).toISOString(), 'dead-replica', minutesAgo(240));
    const report = await checkHealth({ stores, now });
    expect(report.lastDigest).toMatchObject({ status: 'running', finishedAt: null, ageSeconds: 14400 });
    expect(report.status).toBe('degraded');
  });

  it('is degraded (HTTP 200) while the delivery queue cannot reach Redis, saying so, and ok once it can', async () => {
    const stores = createMemoryStores();
    await withIngest(stores, 'succeeded', 30);
    await withDigest(stores, 'succeeded', 1);
    const since = minutesAgo(3);
    // Before, /healthz said "ok" through a Redis outage while no digest could be delivered.
    const down = await checkHealth({ stores, now, queue: () => ({ ok: false, error: 'redis at redis://cache:6379 unreachable: connect ECONNREFUSED', since }) });
    expect(down.status).toBe('degraded');
    expect(down.queue).toEqual({ ok: false, error: 'redis at redis://cache:6379 unreachable: connect ECONNREFUSED', since: since.toISOString() });
    const up = await checkHealth({ stores, now, queue: () => ({ ok: true }) });
    expect(up.status).toBe('ok');
    expect(up.queue).toBeUndefined();
  });

  it('is down (HTTP 503) when the database fails or hangs', async () => {
    const closed = createMemoryStores();
    await closed.close();
    const r1 = await checkHealth({ stores: closed, now });
    expect(r1).toMatchObject({ status: 'down', database: { ok: false, error: 'memory store is closed' } });
    expect(healthHttpStatus(r1.status)).toBe(503);
    // The runs could not be read: "never" said no ingest or digest had ever run, and a dashboard
    // watching lastIngest saw a fresh install.
    const unknown = { status: 'unknown', finishedAt: null, ageSeconds: null };
    expect(r1).toMatchObject({ lastIngest: unknown, lastDigest: unknown });

    const hanging = { ...createMemoryStores(), ping: () => new Promise<void>(() => undefined) };
    const r2 = await checkHealth({ stores: hanging, now, pingTimeoutMs: 20 });
    expect(r2.status).toBe('down');
    expect(r2.database).toEqual({ ok: false, error: 'no answer within 20 ms' });
  });

  // /healthz is read by people and dashboards: a Prisma error said its call site and a source
  // excerpt over several lines there; it says the reason and code in one line, as the CLI does.
  it("says a database failure in one line, Prisma's reason and code without its call site", async () => {
    const prismaError = () => Object.assign(new Error("\nInvalid `prisma.run.findFirst()` invocation in\n/app/dist/store/runs.js:41:7\n\n  40 const r =\n→ 41 await prisma.run.findFirst(\nCan't reach database server at `db:5432`"), { code: 'P1001' });
    const said = "database error: Can't reach database server at `db:5432` (P1001)";
    const failingPing = { ...createMemoryStores(), ping: async () => { throw prismaError(); } };
    expect((await checkHealth({ stores: failingPing, now })).database).toEqual({ ok: false, error: said });

    const base = createMemoryStores();
    const failingRuns = { ...base, runs: { ...base.runs, lastRun: async () => { throw prismaError(); } } } as Stores;
    const server = createServer((req, res) => void healthHandler({ stores: failingRuns, clock: { now: () => now } })(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const down = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'down', database: { ok: false, error: said } });
    } finally {
      server.close();
    }
  });

  it('serves /healthz as JSON with the mapped status code', async () => {
    const stores = createMemoryStores();
    const server = createServer((req, res) => void healthHandler({ stores, clock: { now: () => now } })(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
    try {
      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { status: string }).status).toBe('ok');
      await stores.close();
      const down = await fetch(url);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'down', database: { ok: false }, lastIngest: { status: 'unknown' }, lastDigest: { status: 'unknown' } });
    } finally {
      server.close();
    }
  });
});

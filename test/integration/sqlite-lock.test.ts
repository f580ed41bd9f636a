/**
 * Another process holding the SQLite write lock (a CLI ingest, a backup, `sqlite3`) may make
 * this process's writes wait, never its event loop: the driver waits only briefly and the
 * store retries on timers (src/store/connect.ts lockRetry). Measured with a real second
 * process holding `BEGIN IMMEDIATE` (test/helpers/sqlite-lock-holder.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startService, type RunningService } from '../../src/service.js';
import { DatabaseUnavailableError } from '../../src/store/index.js';
import { withSqlite, type TestDatabase } from '../helpers/db.js';
import { readBody, sendJson, startHttpServer, type TestServer } from '../helpers/http-server.js';
import { signedSlackHeaders, slashCommandBody } from '../helpers/slack-sign.js';
import { holdSqliteWriteLock } from '../helpers/sqlite-lock-holder.js';

/** The longest gap between 5 ms timer ticks while it runs: how long the event loop was blocked. */
function loopWatch() {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(worst);
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: Math.round(performance.now() - start), value };
}

const fileOf = (db: TestDatabase) => db.url.slice('file:'.length);

describe('SQLite writes while another process holds the write lock', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withSqlite();
  });
  afterAll(() => db.drop());

  it('wait on timers: reads and the event loop go on, and the writes land once the lock is free', async () => {
    const stores = await db.openStores();
    // Warm every path first (Prisma's query compiler, the raw connection and its statements), so
    // the gap measured below is the lock wait alone, not one-off set-up work.
    await stores.runs.claim('warm-up', 'slot-0', 'replica', new Date());
    await stores.cache.putMany('test', [['warm', 'up']]);
    await stores.papers.upsertMany([{ arxivId: '2611.00000', source: 'file', title: 'Warm-up', abstract: 'Warm-up.' }], new Date());
    await stores.ingestRuns.latest(5);
    const lock = await holdSqliteWriteLock(fileOf(db));
    const watch = loopWatch();
    const started = performance.now();
    // One write per path: a Prisma call (run), an interactive transaction (tx), the raw paper upsert (raw).
    const writes = Promise.all([
      stores.runs.claim('ingest', 'slot-1', 'replica', new Date()),
      stores.cache.putMany('test', [['k', 'v']]),
      stores.papers.upsertMany([{ arxivId: '2611.00001', source: 'file', title: 'A paper', abstract: 'An abstract about codecs.' }], new Date()),
    ]);
    await new Promise((r) => setTimeout(r, 200));
    const read = await timed(async () => {
      await stores.ping();
      return stores.ingestRuns.latest(5);
    });
    await new Promise((r) => setTimeout(r, 1800));
    await lock.release();
    const [claimed, , upserted] = await writes;
    const writeMs = Math.round(performance.now() - started);
    const worstGap = watch.stop();
    console.log(`lock held 2 s: worst event-loop gap ${worstGap} ms, read while locked ${read.ms} ms, writes done after ${writeMs} ms`);
    expect(claimed).toBe(true);
    expect(await stores.cache.getMany('test', ['k'])).toEqual(new Map([['k', 'v']]));
    expect(upserted.created).toEqual(['2611.00001']);
    expect(read.value).toEqual([]);
    // Before: the loop stood still for as long as the lock was held (about 2 s). The bound leaves
    // room for a loaded machine (the whole suite on 2 cores), not for a blocking wait.
    expect(read.ms).toBeLessThan(500);
    expect(worstGap).toBeLessThan(800);
    expect(writeMs).toBeGreaterThanOrEqual(1900);
  }, 30_000);

  it('give up after the busy timeout with DatabaseUnavailableError, still without blocking', async () => {
    const stores = await db.openStores({ busyTimeoutMs: 400 });
    const lock = await holdSqliteWriteLock(fileOf(db));
    const watch = loopWatch();
    try {
      const failed = await timed(() => stores.runs.claim('ingest', 'slot-2', 'replica', new Date()).catch((err: unknown) => err));
      expect(failed.value).toBeInstanceOf(DatabaseUnavailableError);
      expect(String((failed.value as Error).message)).toMatch(/is locked by another process \(gave up after 400 ms\)/);
      expect(failed.ms).toBeGreaterThanOrEqual(390);
      expect(failed.ms).toBeLessThan(1500);
    } finally {
      await lock.release();
    }
    expect(watch.stop()).toBeLessThan(800);
  }, 30_000);
});

const SECRET = 'lock-test-signing-secret';

describe('the service while another process holds the SQLite write lock', () => {
  let db: TestDatabase;
  let slackApi: TestServer;
  let hooks: TestServer;
  let hf: TestServer;
  let service: RunningService;
  const answers: Array<{ path: string; body: Record<string, unknown> }> = [];

  beforeAll(async () => {
    db = await withSqlite();
    slackApi = await startHttpServer(async (req, res, url) => {
      const method = url.pathname.replace('/api/', '');
      const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
      if (method === 'auth.test') return sendJson(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', user: 'paperboy' });
      if (method === 'users.info') return sendJson(res, 200, { ok: true, user: { id: params.user, is_admin: false, is_owner: false, deleted: false } });
      if (method === 'conversations.open') return sendJson(res, 200, { ok: true, channel: { id: `D${params.users ?? 'X'}` } });
      return sendJson(res, 200, { ok: true });
    });
    hooks = await startHttpServer(async (req, res, url) => {
      answers.push({ path: url.pathname, body: JSON.parse(await readBody(req)) as Record<string, unknown> });
      sendJson(res, 200, { ok: true });
    });
    hf = await startHttpServer((_req, res) => sendJson(res, 200, []));
    const config = loadConfig({
      DATABASE_URL: db.url,
      PAPERBOY_DATA_DIR: mkdtempSync(join(tmpdir(), 'paperboy-lock-')),
      PORT: '0',
      LOG_LEVEL: 'silent',
      PAPERBOY_HF_API_URL: `${hf.url}/api`,
      PAPERBOY_HTTP_RETRIES: '0',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${slackApi.url}/api/`,
    });
    service = await startService(config, silentLogger());
    // Let the start-up catch-up (ingest, digests) finish before the lock is taken.
    await vi.waitFor(
      async () => {
        const [run] = await service.stores.ingestRuns.latest(1);
        if (!run || run.status === 'running') throw new Error('start-up ingest still running');
      },
      { timeout: 20_000, interval: 50 },
    );
  }, 40_000);

  afterAll(async () => {
    await service?.stop('test');
    await Promise.all([slackApi?.close(), hooks?.close(), hf?.close()]);
    await db?.drop();
  });

  const base = () => `http://127.0.0.1:${service.chat.http!.port}`;

  async function subscribe(userId: string, path: string) {
    const body = slashCommandBody({ text: 'subscribe audio codecs', userId, responseUrl: `${hooks.url}${path}` });
    return timed(async () => {
      const res = await fetch(`${base()}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, body), body });
      await res.text();
      return res.status;
    });
  }

  const healthz = () =>
    timed(async () => {
      const res = await fetch(`${base()}/healthz`);
      await res.text();
      return res.status;
    });

  it('acks /papers at once, answers /healthz at once, and stores the subscriptions after the lock is released', async () => {
    const lock = await holdSqliteWriteLock(fileOf(db));
    const acks: number[] = [];
    const health: number[] = [];
    try {
      for (const user of ['U0000001', 'U0000002', 'U0000003']) {
        const ack = await subscribe(user, `/answer/${user}`);
        expect(ack.value).toBe(200);
        acks.push(ack.ms);
        const h = await healthz();
        expect(h.value).toBe(200);
        health.push(h.ms);
        await new Promise((r) => setTimeout(r, 300));
      }
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await lock.release();
    }
    console.log(`lock held ~2 s: /papers subscribe acks ${acks.join(', ')} ms; /healthz ${health.join(', ')} ms`);
    // Slack allows 3 s for an ack; before the fix the 2nd and 3rd waited for the 1st's blocked write.
    for (const ms of [...acks, ...health]) expect(ms).toBeLessThan(800);
    // An answer later than 2 s (the lock's wait) is announced first by one "Still working on …" on
    // the same response_url; the answers are what follows it, one per person.
    const late = (a: (typeof answers)[number]) => String(a.body.text ?? '').startsWith('Still working on');
    await vi.waitFor(() => expect(answers.filter((a) => !late(a)).map((a) => a.path).sort()).toEqual(['/answer/U0000001', '/answer/U0000002', '/answer/U0000003']), { timeout: 10_000, interval: 50 });
    for (const a of answers.filter(late)) expect(a.body.response_type ?? 'ephemeral').toBe('ephemeral');
    for (const a of answers) expect(JSON.stringify(a.body)).not.toMatch(/database/i);
    const subs = await service.stores.subscriptions.list({ topicSlug: 'audio-codecs' });
    expect(subs.map((s) => s.subscriber).sort()).toEqual(['slack:U0000001', 'slack:U0000002', 'slack:U0000003']);
  }, 40_000);
});

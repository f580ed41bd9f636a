/**
 * SIGTERM while REDIS_URL does not answer: the start-up catch-up's enqueue (and a scheduled
 * digest run's) waits for Redis to come back (BullMQ's connection retries every command), and
 * stop() waited for them before closing the queue, so the service logged "paperboy stopping"
 * and never exited. It must stop as docs/operations.md says: after its running jobs, its Redis
 * connections cut. Redis must answer at start (the service refuses to start without it), so it
 * goes away, through a proxy the test cuts, just before the catch-up begins.
 */
import { mkdtempSync } from 'node:fs';
import { PassThrough, Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startService } from '../../src/service.js';
import { redisProxy, type RedisProxy } from '../helpers/replica-redis.js';
import { serverFor } from '../helpers/services.js';

let proxy: RedisProxy | null = null;
afterEach(async () => {
  await proxy?.close().catch(() => undefined);
  proxy = null;
});

describe.runIf(await serverFor('redis', 'service-stop-redis-down'))('the service stopping while Redis does not answer', () => {
  it('stops within seconds although its start-up digest enqueue is still waiting for Redis', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-stop-redis-'));
    const cut = await redisProxy();
    proxy = cut;
    const config = loadConfig({
      DATABASE_URL: `file:${join(dir, 'p.db')}`,
      PAPERBOY_HTTP: 'false',
      // No ingest: the catch-up goes straight to the console target's first digest, an enqueue.
      PAPERBOY_INGEST_SOURCES: '',
      REDIS_URL: `redis://127.0.0.1:${cut.port}`,
    });
    const msgs: string[] = [];
    // pino writes to a plain stream synchronously: Redis is gone before the line's caller goes on.
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) {
          const msg = (JSON.parse(line) as { msg: string }).msg;
          msgs.push(msg);
          // The last line before the schedules and the catch-up start.
          if (msg === 'chat: started') void cut.cut();
        }
        done();
      },
    });
    const service = await startService(config, pino({ level: 'debug' }, sink), { stdout: new PassThrough() });
    // Let the catch-up reach its enqueue and the connection fail at least once.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(msgs.some((m) => /^redis at .* unreachable/.test(m))).toBe(true);
    const t0 = Date.now();
    const stopped = service.stop('SIGTERM').then(() => 'stopped');
    const outcome = await Promise.race([stopped, new Promise((r) => setTimeout(() => r('still stopping after 15 s'), 15_000))]);
    expect(outcome).toBe('stopped');
    expect(Date.now() - t0).toBeLessThan(15_000);
    // The path this is about: the queue closed under a catch-up still waiting to enqueue.
    expect(msgs.some((m) => m.startsWith('delivery queue unreachable while stopping'))).toBe(true);
    expect(msgs).toContain('paperboy stopped');
  }, 30_000);
});

/**
 * Redis going away under a running BullMQ queue, through a TCP proxy the test cuts and restores
 * (the shared Redis server itself stays up): one warning for the outage, not errors every
 * second; health says so for /healthz; queue depth fails fast instead of hanging /metrics; one
 * line when it is back, and jobs flow again; close() returns while Redis does not answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../../src/delivery/bullmq-queue.js';
import type { DeliveryQueue } from '../../src/delivery/queue.js';
import { TEST_REDIS_URL, redisProxy, removePrefix, uniquePrefix } from '../helpers/replica-redis.js';
import { serverFor } from '../helpers/services.js';
import { pinoLines } from '../helpers/text-sink.js';

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

describe.runIf(await serverFor('redis', 'queue-redis-outage'))('BullMQ queue when Redis goes away (real Redis behind a proxy)', () => {
  it('logs an outage once, reports it, fails queue depth fast, recovers with one line, and closes while Redis is away', async () => {
    const proxy = await redisProxy();
    cleanup.push(() => proxy.close());
    const prefix = uniquePrefix('outage');
    cleanup.push(() => removePrefix(prefix));
    const url = new URL(TEST_REDIS_URL);
    url.host = `127.0.0.1:${proxy.port}`;
    const { logger, lines } = pinoLines();
    const queue: DeliveryQueue = createBullmqQueue(logger, { redisUrl: url.toString(), prefix, backoffMs: 20, lockDurationMs: 1_000, stalledIntervalMs: 500, drainPollMs: 20, closeGraceMs: 500 });
    let closed = false;
    cleanup.push(() => (closed ? Promise.resolve() : queue.close()));
    const ran: string[] = [];
    queue.start(async (job) => void ran.push(job.targetId));
    await queue.enqueue([{ targetId: 'slack:C1', slot: '2026-12-06T09:00:00.000Z' }]);
    await until('the first job', () => ran.length === 1);
    expect(queue.health?.()).toEqual({ ok: true });

    // The cut resets the open connections (ECONNRESET) and refuses new ones (ECONNREFUSED): either comes first.
    await proxy.cut();
    await until('the outage warning', () => lines.some((l) => l.level === 40));
    // Reconnects go on meanwhile: none of them may log again.
    await new Promise((r) => setTimeout(r, 2_000));
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings.map((l) => l.msg)).toEqual([expect.stringMatching(/^redis at redis:\/\/127\.0\.0\.1:\d+.* unreachable \((?:.*ECONNREFUSED|.*ECONNRESET|Connection is closed).*\): digests are not delivered until it answers; retrying$/)]);
    // Before: "delivery worker error: connect ECONNREFUSED" per worker per reconnect, 3–10 a second.
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(queue.health?.()).toMatchObject({ ok: false, error: expect.stringContaining('unreachable') });
    const t0 = Date.now();
    await expect(queue.counts()).rejects.toThrow(/unreachable/);
    expect(Date.now() - t0).toBeLessThan(2_500);

    await proxy.restore();
    await until('Redis to answer again', () => queue.health?.().ok === true);
    expect(lines.filter((l) => l.level === 30 && /reachable again after \d+ s: delivery resumes/.test(l.msg))).toHaveLength(1);
    await queue.enqueue([{ targetId: 'slack:C2', slot: '2026-12-06T09:00:00.000Z' }]);
    await until('the job after the outage', () => ran.includes('slack:C2'));

    // SIGTERM while Redis is away: close() returned never (BullMQ waits for a disconnect Redis cannot confirm).
    await proxy.cut();
    await new Promise((r) => setTimeout(r, 500));
    const t1 = Date.now();
    await queue.close();
    closed = true;
    expect(Date.now() - t1).toBeLessThan(5_000);
  }, 30_000);
});

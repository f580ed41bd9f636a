import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { createBullmqQueue, queueName, type BullmqQueueOptions } from '../../src/delivery/bullmq-queue.js';
import { PermanentDeliveryError, RetryLaterError, type DeliveryAttempt, type DeliveryQueue } from '../../src/delivery/queue.js';
import { silentLogger } from '../../src/log.js';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL, removePrefix, uniquePrefix } from '../helpers/replica-redis.js';
import { serverFor } from '../helpers/services.js';

const opened: DeliveryQueue[] = [];
const prefixes: string[] = [];
const children: ChildProcess[] = [];

function open(prefix: string, extra: Partial<BullmqQueueOptions> = {}): DeliveryQueue {
  const q = createBullmqQueue(silentLogger(), {
    redisUrl: TEST_REDIS_URL,
    prefix,
    backoffMs: 20,
    attempts: 3,
    lockDurationMs: 1000,
    stalledIntervalMs: 500,
    drainPollMs: 20,
    ...extra,
  });
  opened.push(q);
  return q;
}

function newPrefix(): string {
  const p = uniquePrefix('queue');
  prefixes.push(p);
  return p;
}

async function counts(prefix: string, platform: 'slack' | 'discord' | 'console') {
  // The documented test server (TEST_REDIS_URL, database number included), not a hard-coded one.
  const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const q = new Queue(queueName(platform), { connection, prefix });
  try {
    return await q.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
  } finally {
    await q.close();
    await connection.quit().catch(() => connection.disconnect());
  }
}

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  await Promise.all(opened.splice(0).map((q) => q.close()));
  await Promise.all(prefixes.splice(0).map((p) => removePrefix(p)));
});

describe.runIf(await serverFor('redis', 'queue-bullmq'))('BullMQ delivery queue (real Redis)', () => {
  it('two replicas enqueueing the same digests make one job each, shared between them', async () => {
    const prefix = newPrefix();
    const a = open(prefix, { workerName: 'a' });
    const b = open(prefix, { workerName: 'b' });
    const ran: Array<{ by: string; key: string }> = [];
    const handler = (by: string) => async (job: DeliveryAttempt) => {
      await new Promise((r) => setTimeout(r, 5));
      ran.push({ by, key: `${job.platform}|${job.targetId}|${job.slot}` });
    };
    const jobs = Array.from({ length: 40 }, (_, i) => ({
      targetId: i % 2 ? `slack:C${i}` : `discord:${1000 + i}`,
      slot: '2026-11-28T09:00:00.000Z',
    }));
    await Promise.all([a.enqueue(jobs), b.enqueue(jobs)]);
    a.start(handler('a'));
    b.start(handler('b'));
    await a.drain();
    const keys = ran.map((r) => r.key).sort();
    expect(keys).toEqual([...new Set(keys)]);
    expect(keys).toHaveLength(40);
    expect(keys.filter((k) => k.startsWith('slack|slack:')).length).toBe(20);
    // Finished jobs leave Redis, so an unfinished digest can be enqueued again later.
    expect(await counts(prefix, 'slack')).toMatchObject({ completed: 0, waiting: 0, active: 0 });
    await a.enqueue(jobs.slice(0, 3));
    await a.drain();
    expect(ran).toHaveLength(43);
  });

  it('enqueues more jobs than one addBulk slice, each once, the same ids again making no second job', async () => {
    const prefix = newPrefix();
    const q = open(prefix);
    const jobs = Array.from({ length: 2_345 }, (_, i) => ({ targetId: `slack:C${i}`, slot: '2026-11-28T09:00:00.000Z' }));
    await q.enqueue(jobs);
    await q.enqueue([...jobs.slice(1_000, 1_100), { targetId: 'discord:7', slot: '2026-11-28T09:00:00.000Z' }]);
    expect(await counts(prefix, 'slack')).toMatchObject({ waiting: 2_345, active: 0 });
    expect(await counts(prefix, 'discord')).toMatchObject({ waiting: 1 });
  });

  it('retries failures with backoff, postpones on 429 without spending attempts, stops on permanent errors', async () => {
    const q = open(newPrefix());
    const calls = new Map<string, number[]>();
    let postponed = 0;
    q.start(async (job) => {
      calls.set(job.targetId, [...(calls.get(job.targetId) ?? []), job.attempt]);
      if (job.targetId === 'slack:flaky' && job.attempt === 1) throw new Error('HTTP 500');
      if (job.targetId === 'slack:busy' && postponed++ < 2) throw new RetryLaterError(30, 'HTTP 429');
      if (job.targetId === 'slack:gone') throw new PermanentDeliveryError('channel_not_found');
      if (job.targetId === 'slack:down') throw new Error('always 503');
    });
    await q.enqueue(['slack:flaky', 'slack:busy', 'slack:gone', 'slack:down'].map((targetId) => ({ targetId, slot: 's1' })));
    await q.drain();
    expect(calls.get('slack:flaky')).toEqual([1, 2]);
    expect(calls.get('slack:busy')).toEqual([1, 1, 1]);
    expect(calls.get('slack:gone')).toEqual([1]);
    expect(calls.get('slack:down')).toEqual([1, 2, 3]);
  });

  it('a replica killed mid-job (SIGKILL) has its job picked up by another replica', async () => {
    const prefix = newPrefix();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/replica-worker.ts'], {
      env: { ...process.env, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, HOLD: '1', LOCK_MS: '1000', STALLED_MS: '500' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const lines = createInterface({ input: child.stdout! });
    const started = new Promise<string>((resolve) => lines.on('line', (l) => l.startsWith('started ') && resolve(l.slice(8))));
    const producer = open(prefix);
    await producer.enqueue([{ targetId: 'discord:77', slot: '2026-11-28T09:00:00.000Z' }]);
    expect(await started).toBe('discord:77');
    child.kill('SIGKILL');
    await once(child, 'exit');

    const taken: string[] = [];
    producer.start(async (job) => void taken.push(job.targetId));
    await producer.drain();
    expect(taken).toEqual(['discord:77']);
    expect(await counts(prefix, 'discord')).toMatchObject({ waiting: 0, active: 0, failed: 0 });
  });

  it('close() waits for the running job to finish', async () => {
    const prefix = newPrefix();
    const q = open(prefix);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const finished: string[] = [];
    q.start(async (job) => {
      started();
      await gate;
      finished.push(job.targetId);
    });
    await q.enqueue([{ targetId: 'console', slot: 's' }]);
    await running;
    expect(await q.counts()).toEqual({ waiting: 0, active: 1, delayed: 0 });
    const closing = q.close();
    setTimeout(release, 50);
    await closing;
    expect(finished).toEqual(['console']);
    expect(await counts(prefix, 'console')).toMatchObject({ waiting: 0, active: 0 });
  });
});

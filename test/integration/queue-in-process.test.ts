import { describe, expect, it } from 'vitest';
import { createInProcessQueue } from '../../src/delivery/in-process-queue.js';
import { PermanentDeliveryError, RetryLaterError, deliveryJobId, platformOf, type DeliveryAttempt } from '../../src/delivery/queue.js';
import { silentLogger } from '../../src/log.js';
import { recordingLogger } from '../helpers/text-sink.js';

const fast = { backoffMs: 5, attempts: 3 };

describe('in-process delivery queue', () => {
  it('runs the same (target, slot) once however often it is enqueued while pending', async () => {
    const q = createInProcessQueue(silentLogger(), fast);
    const seen: string[] = [];
    const jobs = [
      { targetId: 'slack:C1', slot: '2026-11-28T09:00:00.000Z' },
      { targetId: 'discord:42', slot: '2026-11-28T09:00:00.000Z' },
      { targetId: 'slack:C1', slot: '2026-11-29T09:00:00.000Z' },
    ];
    await q.enqueue(jobs);
    await q.enqueue(jobs);
    q.start(async (job) => void seen.push(`${job.targetId}@${job.slot}`));
    await q.enqueue(jobs);
    await q.drain();
    expect(seen.sort()).toEqual(jobs.map((j) => `${j.targetId}@${j.slot}`).sort());
    // Once finished, the id is free again: an unfinished digest can be enqueued by a later slot.
    await q.enqueue(jobs.slice(0, 1));
    await q.drain();
    expect(seen).toHaveLength(4);
    await q.close();
  });

  it('leaves out a job for a target no platform owns, logging it, and runs the others', async () => {
    const logger = recordingLogger();
    const q = createInProcessQueue(logger, fast);
    const seen: string[] = [];
    q.start(async (job) => void seen.push(job.targetId));
    await q.enqueue([
      { targetId: 'teams:1', slot: 's' },
      { targetId: 'slack:C1', slot: 's' },
    ]);
    await q.drain();
    expect(seen).toEqual(['slack:C1']);
    expect(logger.lines).toEqual([expect.stringMatching(/unknown platform.*teams:1/)]);
    expect(await q.counts()).toEqual({ waiting: 0, active: 0, delayed: 0 });
    await q.close();
  });

  it("logs a failure on one line without the control characters it carried, whatever the handler threw", async () => {
    const logger = recordingLogger();
    const q = createInProcessQueue(logger, { ...fast, attempts: 1 });
    q.start(async () => {
      throw 'socket \u001b[31mclosed\u001b[0m\nby peer';
    });
    await q.enqueue([{ targetId: 'slack:C1', slot: 's' }]);
    await q.drain();
    expect(logger.lines).toEqual([expect.stringMatching(/^delivery gave up after 1 attempts: socket closed by peer \(/)]);
    await q.close();
  });

  it('keeps to the concurrency bound per platform', async () => {
    const q = createInProcessQueue(silentLogger(), { ...fast, concurrency: 3, limits: { slack: { max: 1000, durationMs: 1000 }, discord: { max: 1000, durationMs: 1000 }, console: { max: 1000, durationMs: 1000 } } });
    let active = 0;
    let peak = 0;
    q.start(async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active -= 1;
    });
    await q.enqueue(Array.from({ length: 30 }, (_, i) => ({ targetId: `slack:C${i}`, slot: 's' })));
    await q.drain();
    expect(peak).toBe(3);
    await q.close();
  });

  it('retries a failing job with backoff until it succeeds, and gives up after the attempts', async () => {
    const q = createInProcessQueue(silentLogger(), fast);
    const attempts = new Map<string, number[]>();
    q.start(async (job: DeliveryAttempt) => {
      attempts.set(job.targetId, [...(attempts.get(job.targetId) ?? []), job.attempt]);
      if (job.targetId === 'slack:flaky' && job.attempt < 2) throw new Error('500 from platform');
      if (job.targetId === 'slack:down') throw new Error('always 500');
      if (job.targetId === 'slack:gone') throw new PermanentDeliveryError('channel_not_found');
    });
    await q.enqueue([
      { targetId: 'slack:flaky', slot: 's' },
      { targetId: 'slack:down', slot: 's' },
      { targetId: 'slack:gone', slot: 's' },
    ]);
    await q.drain();
    expect(attempts.get('slack:flaky')).toEqual([1, 2]);
    expect(attempts.get('slack:down')).toEqual([1, 2, 3]);
    expect(attempts.get('slack:gone')).toEqual([1]);
    await q.close();
  });

  it('postpones on RetryLaterError without spending an attempt', async () => {
    const q = createInProcessQueue(silentLogger(), { ...fast, attempts: 1 });
    const calls: number[] = [];
    q.start(async (job) => {
      calls.push(job.attempt);
      if (calls.length < 3) throw new RetryLaterError(5, '429');
    });
    await q.enqueue([{ targetId: 'discord:1', slot: 's' }]);
    await q.drain();
    expect(calls).toEqual([1, 1, 1]);
    await q.close();
  });

  it('counts running and waiting jobs for the queue-depth gauge', async () => {
    const q = createInProcessQueue(silentLogger(), { ...fast, concurrency: 1 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    q.start(async () => {
      started();
      await gate;
    });
    await q.enqueue([{ targetId: 'slack:A', slot: 's' }, { targetId: 'slack:B', slot: 's' }, { targetId: 'slack:C', slot: 's' }]);
    await running;
    expect(await q.counts()).toEqual({ waiting: 2, active: 1, delayed: 0 });
    release();
    await q.drain();
    expect(await q.counts()).toEqual({ waiting: 0, active: 0, delayed: 0 });
    await q.close();
  });

  it('close() lets the running job finish and starts nothing new', async () => {
    const q = createInProcessQueue(silentLogger(), { ...fast, concurrency: 1 });
    const finished: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    q.start(async (job) => {
      started();
      await gate;
      finished.push(job.targetId);
    });
    await q.enqueue([{ targetId: 'slack:A', slot: 's' }, { targetId: 'slack:B', slot: 's' }]);
    await running;
    const closing = q.close();
    release();
    await closing;
    expect(finished).toEqual(['slack:A']);
    await expect(q.enqueue([{ targetId: 'slack:C', slot: 's' }])).rejects.toThrow(/closed/);
  });
});

describe('job identity', () => {
  it('derives an injective, colon-free id from target and slot', () => {
    const a = deliveryJobId({ targetId: 'slack:C1', slot: '2026-11-28T09:00:00.000Z' });
    const b = deliveryJobId({ targetId: 'slack_C1', slot: '2026-11-28T09:00:00.000Z' });
    expect(a).not.toContain(':');
    expect(a).not.toBe(b);
  });

  it('maps target ids to platforms and rejects unknown ones clearly', () => {
    expect(platformOf('slack:U1')).toBe('slack');
    expect(platformOf('discord:123')).toBe('discord');
    expect(platformOf('console')).toBe('console');
    expect(() => platformOf('teams:1')).toThrow(/unknown platform.*teams:1/);
  });
});

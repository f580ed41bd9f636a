import { describe, expect, it } from 'vitest';
import { waitForJobsOrCloseQueue } from '../../../src/delivery/stop-queue.js';
import type { QueueHealth } from '../../../src/delivery/queue.js';

function fakeQueue(healths: QueueHealth[]) {
  const asked: QueueHealth[] = [];
  let closed = 0;
  return {
    asked,
    closed: () => closed,
    queue: {
      health: () => {
        const h = healths.shift() ?? { ok: true as const };
        asked.push(h);
        return h;
      },
      close: async () => void closed++,
    },
  };
}

describe('stopping while the delivery queue may be unreachable', () => {
  it("asks the queue's health once per look, and logs the very answer it closed the queue on", async () => {
    const down: QueueHealth = { ok: false, error: 'redis at 127.0.0.1:6390 unreachable: ECONNREFUSED', since: new Date('2026-12-06T12:00:00Z') };
    // Redis answers again a moment after the look that found it down.
    const q = fakeQueue([{ ok: true }, down, { ok: true }]);
    const warned: unknown[] = [];
    const never = new Promise<void>(() => undefined);
    const closed = await waitForJobsOrCloseQueue(never, q.queue, { warn: (o: unknown) => void warned.push(o) }, { pollMs: 5, afterCloseMs: 5 });
    expect(closed).toBe(true);
    expect(q.closed()).toBe(1);
    expect(q.asked).toHaveLength(2);
    expect(warned).toEqual([{ queue: down }]);
  });

  it('jobs that end while the queue answers: nothing closed here', async () => {
    const q = fakeQueue([]);
    let done!: () => void;
    const jobs = new Promise<void>((resolve) => (done = resolve));
    setTimeout(done, 20);
    expect(await waitForJobsOrCloseQueue(jobs, q.queue, { warn: () => undefined }, { pollMs: 5 })).toBe(false);
    expect(q.closed()).toBe(0);
  });
});

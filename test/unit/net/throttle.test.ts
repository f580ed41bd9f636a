/** The arXiv request throttle: one request at a time, one start per interval, a failure jams nothing. */
import { describe, expect, it } from 'vitest';
import { createThrottle } from '../../../src/net/throttle.js';

function fakeClock() {
  let t = 0;
  const waits: number[] = [];
  return { waits, now: () => t, sleep: async (ms: number) => void (waits.push(ms), (t += ms)) };
}

describe('createThrottle', () => {
  it('starts a task only when the previous one has finished', async () => {
    const clock = fakeClock();
    const throttle = createThrottle(0, clock);
    const events: string[] = [];
    let finishFirst!: () => void;
    const firstStarted = new Promise<void>((started) => {
      void throttle.run(async () => {
        events.push('first start');
        started();
        await new Promise<void>((r) => (finishFirst = r));
        events.push('first end');
      });
    });
    const second = throttle.run(async () => void events.push('second start'));
    await firstStarted;
    expect(events).toEqual(['first start']);
    finishFirst();
    await second;
    expect(events).toEqual(['first start', 'first end', 'second start']);
  });

  it('waits out the interval since the previous start, and only that', async () => {
    const clock = fakeClock();
    const throttle = createThrottle(3000, clock);
    await throttle.run(async () => undefined);
    await throttle.run(async () => undefined);
    await throttle.run(async () => void clock.sleep(1000));
    await throttle.run(async () => undefined);
    expect(clock.waits).toEqual([3000, 3000, 1000, 2000]);
  });

  it('goes on after a failed task, which rejects its own caller', async () => {
    const throttle = createThrottle(10, fakeClock());
    const failed = throttle.run(async () => {
      throw new Error('arXiv down');
    });
    const next = throttle.run(async () => 'ok');
    await expect(failed).rejects.toThrow('arXiv down');
    await expect(next).resolves.toBe('ok');
  });
});

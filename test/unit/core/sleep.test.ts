/** The one timer wait (src/core/sleep.ts): HTTP backoffs need it abortable, pacing needs a past slot to cost nothing. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { realSleep } from '../../../src/core/sleep.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Whether the promise has settled, without waiting for it. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('realSleep', () => {
  it('resolves after the time, not before', async () => {
    const p = realSleep(1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settled(p)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(p).resolves.toBeUndefined();
  });

  it('a negative time (a pacing slot already past) waits no time', async () => {
    // The Pacer relies on it; Node's timers would take -5000 as 1 ms anyway, so this guards the contract, not the clamp alone.
    const p = realSleep(-5000);
    expect(await settled(p)).toBe(true);
  });

  it('an abort ends the wait at once with the signal’s reason, leaving no timer behind', async () => {
    const ctl = new AbortController();
    const p = realSleep(60_000, ctl.signal);
    const reason = new Error('stopping');
    ctl.abort(reason);
    await expect(p).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a signal already aborted does not wait at all', async () => {
    const reason = new Error('timed out');
    await expect(realSleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an abort after the wait is over is no rejection', async () => {
    const ctl = new AbortController();
    const p = realSleep(10, ctl.signal);
    await vi.advanceTimersByTimeAsync(10);
    await expect(p).resolves.toBeUndefined();
    ctl.abort(new Error('late'));
    await expect(p).resolves.toBeUndefined();
  });
});

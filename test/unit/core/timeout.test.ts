import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { waitAtMost, withTimeout } from '../../../src/core/timeout.js';

/** A promise the test settles by hand. */
function pending<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

class Late extends Error {}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('withTimeout', () => {
  it('rejects with the given message once ms have passed, not before', async () => {
    const work = pending<number>();
    const outcome = withTimeout(work.promise, 2_000, 'redis did not answer within 2000 ms');
    const seen = vi.fn();
    outcome.catch(seen);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(seen).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).rejects.toThrow(new Error('redis did not answer within 2000 ms'));
    // The work settling afterwards changes nothing (and is no unhandled rejection).
    work.reject(new Error('too late'));
    await vi.runAllTimersAsync();
  });

  it("rejects with the caller's own error class", async () => {
    const outcome = withTimeout(pending<number>().promise, 50, () => new Late('core did not answer'));
    const check = expect(outcome).rejects.toBeInstanceOf(Late);
    await vi.advanceTimersByTimeAsync(50);
    await check;
  });

  it('answers with the work and clears its timer when the work settles first', async () => {
    const work = pending<string>();
    const outcome = withTimeout(work.promise, 1_000, 'late');
    expect(vi.getTimerCount()).toBe(1);
    work.resolve('done');
    await expect(outcome).resolves.toBe('done');
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes on the work's own rejection, and clears its timer", async () => {
    const outcome = withTimeout(Promise.reject(new Error('connection refused')), 1_000, 'late');
    await expect(outcome).rejects.toThrow('connection refused');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('holds the process by default; unref lets it exit', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    await withTimeout(Promise.resolve(1), 1_000, 'late');
    await withTimeout(Promise.resolve(2), 1_000, 'late', { unref: true });
    expect(spy.mock.results.map((r) => (r.value as NodeJS.Timeout).hasRef())).toEqual([true, false]);
    spy.mockRestore();
  });
});

describe('waitAtMost', () => {
  it('is false once ms have passed, and the work goes on', async () => {
    const work = pending<void>();
    const outcome = waitAtMost(work.promise, 3_000);
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(outcome).resolves.toBe(false);
    work.resolve();
  });

  it('is true when the work finishes first, and clears its timer', async () => {
    const work = pending<number>();
    const outcome = waitAtMost(work.promise, 3_000);
    work.resolve(7);
    await expect(outcome).resolves.toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes on the work's rejection within the wait, and clears its timer", async () => {
    const outcome = waitAtMost(Promise.reject(new Error('cache down')), 3_000);
    await expect(outcome).rejects.toThrow('cache down');
    expect(vi.getTimerCount()).toBe(0);
  });
});

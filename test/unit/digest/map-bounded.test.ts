import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../../src/core/digest/pacing.js';

describe('mapBounded (the one worker pool: digests per target, summaries, translations)', () => {
  it('keeps at most `limit` calls in flight, runs each item once and returns results in input order', async () => {
    let active = 0;
    let peak = 0;
    const calls: number[] = [];
    const out = await mapBounded([5, 1, 4, 2, 3, 0], 2, async (n, i) => {
      calls.push(i);
      active++;
      peak = Math.max(peak, active);
      for (let k = 0; k < n; k++) await Promise.resolve();
      active--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
    expect(calls.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });
});

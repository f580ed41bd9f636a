import { describe, expect, it } from 'vitest';
import { createDigestRunCache } from '../../../src/core/digest/run-cache.js';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('createDigestRunCache', () => {
  it('loads a key once for concurrent and later callers until it expires', async () => {
    const c = clock();
    const cache = createDigestRunCache({ ttlMs: 1000, now: c.now });
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual([1, 1]);
    c.advance(999);
    expect(await cache.get('k', load)).toBe(1);
    c.advance(1);
    expect(await cache.get('k', load)).toBe(2);
  });

  it('forgets a failed load, so the next caller tries again', async () => {
    const cache = createDigestRunCache();
    await expect(cache.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('k', async () => 'ok')).toBe('ok');
  });

  it('getMany loads only the missing keys, in one call, and gives `absent` for keys the loader left out', async () => {
    const cache = createDigestRunCache();
    const calls: string[][] = [];
    const loadMany = async (missing: string[]) => {
      calls.push(missing);
      return new Map(missing.filter((k) => k !== 'none').map((k) => [k, k.toUpperCase()]));
    };
    expect(await cache.getMany(['a', 'b', 'a'], loadMany, '-')).toEqual(['A', 'B', 'A']);
    expect(await cache.getMany(['b', 'c', 'none'], loadMany, '-')).toEqual(['B', 'C', '-']);
    expect(calls).toEqual([['a', 'b'], ['c', 'none']]);
    // An absent answer is remembered too (the summary service had none to give).
    expect(await cache.getMany(['none'], loadMany, '-')).toEqual(['-']);
    expect(calls).toHaveLength(2);
  });

  it('getMany forgets a failed batch', async () => {
    const cache = createDigestRunCache();
    await expect(cache.getMany(['a'], () => Promise.reject(new Error('no')), null)).rejects.toThrow('no');
    expect(await cache.getMany(['a'], async () => new Map([['a', 1]]), null)).toEqual([1]);
  });

  it('drops expired entries as new ones come, so old windows are not held', async () => {
    const c = clock();
    const cache = createDigestRunCache({ ttlMs: 1000, now: c.now });
    await cache.get('w1', async () => 'papers of window 1');
    await cache.getMany(['w1|a', 'w1|b'], async (m) => new Map(m.map((k) => [k, k])), '');
    c.advance(600);
    await cache.get('w2', async () => 'papers of window 2');
    expect(cache.size).toBe(4);
    c.advance(400);
    await cache.get('w3', async () => 'papers of window 3');
    expect(cache.size).toBe(2);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = createDigestRunCache({ maxEntries: 2 });
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    expect(await cache.get('c', load)).toBe(3);
    expect(await cache.get('a', load)).toBe(4);
  });
});

/**
 * PostgreSQL's stored words for typos (pg-vocabulary.ts) over a fake pool and cache: every paper
 * read once per database (the words kept in the cache table for the next process: a one-off
 * `paperboy search` read them all for each typo, 24 s at 100,000 papers), then only the papers
 * written since; a failed read not tried again for every typo until the store changes.
 */
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { CacheStore } from '../../../src/core/ports.js';
import { pgStoredWords } from '../../../src/store/pg-vocabulary.js';

type Rows = Array<{ word: string; ndoc: number }>;

function memoryCache(): CacheStore {
  const m = new Map<string, string>();
  return {
    getMany: async (ns, keys) => new Map(keys.flatMap((k) => (m.has(`${ns}/${k}`) ? [[k, m.get(`${ns}/${k}`)!] as [string, string]] : []))),
    putMany: async (ns, entries) => entries.forEach(([k, v]) => m.set(`${ns}/${k}`, v)),
    increment: async () => 0,
  };
}

/** A store at `state.version`; `all` answers a read of every paper, `since` one of the papers written after a version. */
function fakeStore(all: () => Rows | Promise<Rows>, since: (version: string) => Rows = () => []) {
  const state = { version: 'v1', full: 0, partial: [] as string[] };
  const pool = {
    async query(sql: string, params: unknown[] = []) {
      if (sql.includes('max("updatedAt")')) return { rows: [{ v: state.version }] };
      if (sql.includes('ts_stat') && params.length === 0) {
        state.full++;
        return { rows: await all() };
      }
      if (sql.includes('ts_stat')) {
        state.partial.push(String(params[params.length - 1]));
        return { rows: since(String(params[params.length - 1])) };
      }
      throw new Error(`unexpected query ${sql}`);
    },
  } as unknown as pg.Pool;
  const run = <T>(fn: (p: pg.Pool) => Promise<T>) => fn(pool);
  return { state, run };
}

describe('PostgreSQL stored words for typos', () => {
  it('reads every paper once, then gives words by beginning, letters and digits only', async () => {
    const { state, run } = fakeStore(() => [
      { word: 'speech', ndoc: 9 },
      { word: 'speculative', ndoc: 3 },
      { word: 'spe-cial', ndoc: 1 },
      { word: 'diffusion', ndoc: 4 },
    ]);
    const source = pgStoredWords(run, memoryCache());
    expect(await source.wordsStartingWith('spe')).toEqual([{ term: 'speculative', docs: 3 }, { term: 'speech', docs: 9 }]);
    expect(await source.wordsStartingWith('d')).toEqual([{ term: 'diffusion', docs: 4 }]);
    expect(state.full).toBe(1);
  });

  it('a later process takes the words kept in the database instead of reading every paper again', async () => {
    const { state, run } = fakeStore(() => [{ word: 'speculative', ndoc: 3 }]);
    const cache = memoryCache();
    await pgStoredWords(run, cache).wordsStartingWith('s');
    expect(await pgStoredWords(run, cache).wordsStartingWith('s')).toEqual([{ term: 'speculative', docs: 3 }]);
    expect(state).toMatchObject({ full: 1, partial: [] });
  });

  it('after the store changed, reads only the papers written since and adds their words', async () => {
    const { state, run } = fakeStore(
      () => [{ word: 'speculative', ndoc: 3 }],
      () => [{ word: 'sparsity', ndoc: 2 }, { word: 'speculative', ndoc: 1 }],
    );
    const cache = memoryCache();
    const source = pgStoredWords(run, cache);
    await source.wordsStartingWith('s');
    state.version = 'v2';
    expect(await source.wordsStartingWith('s')).toEqual([{ term: 'sparsity', docs: 2 }, { term: 'speculative', docs: 4 }]);
    expect(state).toMatchObject({ full: 1, partial: ['v1'] });
    // Kept for the next process at its new version: nothing read again.
    expect(await pgStoredWords(run, cache).wordsStartingWith('sp')).toEqual([{ term: 'sparsity', docs: 2 }, { term: 'speculative', docs: 4 }]);
    expect(state).toMatchObject({ full: 1, partial: ['v1'] });
  });

  it('does not read again for every typo after a read failed, until the store changes', async () => {
    const { state, run } = fakeStore(() => Promise.reject(new Error('canceling statement due to statement timeout')));
    const source = pgStoredWords(run, memoryCache());
    await expect(source.wordsStartingWith('s')).rejects.toThrow(/statement timeout/);
    await expect(source.wordsStartingWith('d')).rejects.toThrow(/statement timeout/);
    expect(state.full).toBe(1);
    state.version = 'v2';
    await expect(source.wordsStartingWith('s')).rejects.toThrow(/statement timeout/);
    expect(state.full).toBe(2);
  });
});

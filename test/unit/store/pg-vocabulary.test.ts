/**
 * PostgreSQL's stored words for typos (pg-vocabulary.ts) over a fake pool: read once, the words
 * read before served while a changed store is read again, and a read that fails (a managed
 * database's statement timeout) not tried again for every typo until the store changes.
 */
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { pgStoredWords } from '../../../src/store/pg-vocabulary.js';

function fakePool(words: () => Array<{ word: string; ndoc: number }> | Promise<Array<{ word: string; ndoc: number }>>) {
  const state = { version: 'v1', reads: 0 };
  const pool = {
    async query(sql: string) {
      if (sql.includes('max("updatedAt")')) return { rows: [{ v: state.version }] };
      if (sql.includes('ts_stat')) {
        state.reads++;
        return { rows: await words() };
      }
      throw new Error(`unexpected query ${sql}`);
    },
  } as unknown as pg.Pool;
  return { state, source: pgStoredWords((fn) => fn(pool)) };
}

describe('PostgreSQL stored words for typos', () => {
  it('reads the words once, by beginning, letters and digits only', async () => {
    const { state, source } = fakePool(() => [
      { word: 'speculative', ndoc: 3 },
      { word: 'speech', ndoc: 9 },
      { word: 'spe-cial', ndoc: 1 },
      { word: 'diffusion', ndoc: 4 },
    ]);
    expect(await source.wordsStartingWith('spe')).toEqual([
      { term: 'speculative', docs: 3 },
      { term: 'speech', docs: 9 },
    ].sort((a, b) => (a.term < b.term ? -1 : 1)));
    expect(await source.wordsStartingWith('d')).toEqual([{ term: 'diffusion', docs: 4 }]);
    expect(state.reads).toBe(1);
  });

  it('serves the words read before while a changed store is read again', async () => {
    let release: () => void = () => undefined;
    let list = [{ word: 'speculative', ndoc: 1 }];
    const { state, source } = fakePool(async () => {
      if (state.reads > 1) await new Promise<void>((r) => (release = r));
      return list;
    });
    expect(await source.wordsStartingWith('s')).toEqual([{ term: 'speculative', docs: 1 }]);
    state.version = 'v2';
    list = [{ word: 'speculative', ndoc: 1 }, { word: 'sparsity', ndoc: 2 }];
    // Answered at once from the old words, the new ones being read.
    expect(await source.wordsStartingWith('s')).toEqual([{ term: 'speculative', docs: 1 }]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await source.wordsStartingWith('s')).toEqual([{ term: 'sparsity', docs: 2 }, { term: 'speculative', docs: 1 }]);
    expect(state.reads).toBe(2);
  });

  it('does not read again for every typo after a read failed, until the store changes', async () => {
    const { state, source } = fakePool(() => Promise.reject(new Error('canceling statement due to statement timeout')));
    await expect(source.wordsStartingWith('s')).rejects.toThrow(/statement timeout/);
    await expect(source.wordsStartingWith('d')).rejects.toThrow(/statement timeout/);
    expect(state.reads).toBe(1);
    state.version = 'v2';
    await expect(source.wordsStartingWith('s')).rejects.toThrow(/statement timeout/);
    expect(state.reads).toBe(2);
  });
});

/**
 * The scorer's posting cache is sized to its index: a hot window of a few thousand papers must
 * not reserve the 48 MB a 100,000-paper index may use (it was most of the search worker's idle
 * memory). Measured as the typed-array memory the process holds, which only the arena moves here.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { arenaSize, CACHE_POSTINGS, createScorer } from '../../../src/core/search/term-scorer.js';

const WORDS = 'neural audio codec speech token compression diffusion video graph network retrieval augmented generation draft model decoding expert routing'.split(' ');

function corpus(n: number) {
  let seed = 11;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const text = (len: number) => Array.from({ length: len }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
  return Array.from({ length: n }, (_, i) => ({ id: `p${i}`, title: text(6), abstract: text(40) }));
}

describe('term scorer cache size', () => {
  it('holds a cache in proportion to a small index, not the 48 MB cap', () => {
    const mini = new MiniSearch<{ id: string; title: string; abstract: string }>({ fields: ['title', 'abstract'], storeFields: ['title'] });
    mini.addAll(corpus(2000));
    const scorer = createScorer(mini);
    const before = process.memoryUsage().arrayBuffers;
    scorer.warm();
    scorer.score({ words: [{ term: 'neural', prefix: false, fuzzy: 0 }], combineWith: 'OR', boost: {}, maxFuzzy: 2 });
    const grown = process.memoryUsage().arrayBuffers - before;
    // 2,000 papers of 46 words: about 92,000 postings, 1.1 MB at 12 bytes each.
    expect(grown).toBeLessThan(8e6);
  });

  it('grows with the index up to the cap, in steps of 64k postings', () => {
    const ids = { title: 0, abstract: 1 };
    expect(arenaSize(ids, () => 0)).toBe(0);
    expect(arenaSize(ids, (f) => (f ? 90_000 : 2_000))).toBe(131_072);
    expect(arenaSize(ids, () => 50_000_000)).toBe(CACHE_POSTINGS);
  });
});

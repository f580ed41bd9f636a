/**
 * The direct scorer reads MiniSearch's internals for speed; this pins it to MiniSearch's own
 * ranking so a library upgrade that changes those internals fails here, not in production.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { createScorer } from '../../../src/core/search/term-scorer.js';

const WORDS = 'neural audio codec speech token compression diffusion video graph network retrieval augmented generation draft model decoding expert routing'.split(' ');

function corpus(n: number) {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const text = (len: number) => Array.from({ length: len }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
  return Array.from({ length: n }, (_, i) => ({ id: `p${i}`, title: text(6), abstract: text(40) }));
}

describe('term scorer parity with MiniSearch', () => {
  const docs = corpus(400);
  const mini = new MiniSearch<{ id: string; title: string; abstract: string }>({ fields: ['title', 'abstract'], storeFields: ['title'] });
  mini.addAll(docs);
  const scorer = createScorer(mini);
  const boost = { title: 2, abstract: 1 };

  it.each([
    ['audio', 'OR'],
    ['neural codec', 'OR'],
    ['neural codec', 'AND'],
    ['speech token compression', 'AND'],
    ['graph retrieval expert', 'OR'],
  ] as const)('%s (%s) scores every document as MiniSearch does', (query, combineWith) => {
    const expected = new Map(mini.search(query, { combineWith, boost, prefix: false, fuzzy: false }).map((r) => [r.id as string, r.score]));
    const got = scorer.score({ words: query.split(' ').map((term) => ({ term, prefix: false, fuzzy: 0 })), combineWith, boost, maxFuzzy: 2 });
    // Only live documents (with stored fields) count, as in the index's top-k selection.
    const live = got.docs.filter((d) => scorer.stored(d.shortId) !== undefined);
    const actual = new Map(live.map((d) => [scorer.idOf(d.shortId)!, d.score]));
    expect(actual.size).toBe(expected.size);
    for (const [id, score] of expected) expect(actual.get(id), id).toBeCloseTo(score, 9);
  });

  /** The k best scores the pruned top-k walk offers (a plain sink: highest k by score). */
  function bestScores(words: Array<{ term: string; prefix: boolean; fuzzy: number }>, combineWith: 'AND' | 'OR', k: number, target = scorer): Map<string, number> {
    const got: Array<{ id: number; score: number }> = [];
    target.best(
      { words, combineWith, boost, maxFuzzy: 2 },
      {
        offer(id, score) {
          if (!target.stored(id)) return;
          got.push({ id, score });
          got.sort((a, b) => b.score - a.score);
          if (got.length > k) got.pop();
        },
        floor: () => (got.length === k ? got[k - 1]!.score * (1 - 1e-9) : 0),
      },
    );
    return new Map(got.map((g) => [target.idOf(g.id)!, g.score]));
  }

  // Every word of this corpus is common, so these exercise the bounds that skip posting lists.
  it.each([
    ['audio', 'OR', 1, false, 0],
    ['neural', 'AND', 3, false, 0],
    ['neural codec', 'AND', 5, false, 0],
    ['graph retrieval expert', 'OR', 3, false, 0],
    ['speech token compression', 'AND', 10, false, 0],
    ['tok', 'AND', 4, true, 0],
    ['netwrk routing', 'AND', 5, true, 0.2],
    ['difusion vide', 'OR', 5, true, 0.2],
  ] as const)('%s (%s, top %i, prefix %s, fuzzy %s) keeps MiniSearch\'s top scores', (query, combineWith, k, prefix, fuzzy) => {
    const expected = mini.search(query, { combineWith, boost, prefix, fuzzy: fuzzy || false, maxFuzzy: 2 }).slice(0, k);
    const actual = bestScores(query.split(' ').map((term) => ({ term, prefix, fuzzy })), combineWith, k);
    expect(actual.size).toBe(expected.length);
    // Ties may pick different documents; the scores at each rank must agree.
    const sorted = [...actual.values()].sort((a, b) => b - a);
    expected.forEach((r, i) => expect(sorted[i], `rank ${i}`).toBeCloseTo(r.score, 9));
    for (const [id, score] of actual) expect(score, id).toBeCloseTo(mini.search(query, { combineWith, boost, prefix, fuzzy: fuzzy || false, maxFuzzy: 2 }).find((r) => r.id === id)!.score, 9);
  });

  it('leaves discarded documents out of the document frequency before a vacuum, as MiniSearch does', () => {
    const own = new MiniSearch<{ id: string; title: string; abstract: string }>({ fields: ['title', 'abstract'], storeFields: ['title'], autoVacuum: false });
    own.addAll(corpus(200));
    for (let i = 0; i < 60; i++) own.discard(`p${i}`);
    own.replace({ id: 'p100', title: 'neural codec', abstract: 'audio codec' });
    const s = createScorer(own);
    const words = [{ term: 'codec', prefix: false, fuzzy: 0 }];
    // Ours first: MiniSearch's search drops the discarded postings it meets, which would hide the difference.
    const ours = [...bestScores(words, 'AND', 5, s).values()].sort((a, b) => b - a);
    const theirs = own.search('codec', { boost, prefix: false, fuzzy: false }).slice(0, 5).map((r) => r.score);
    expect(ours).toHaveLength(5);
    ours.forEach((score, i) => expect(score, `rank ${i}`).toBeCloseTo(theirs[i]!, 9));
  });

  it('a document replaced in a one-document index still matches (its old copy would make the idf negative)', () => {
    const own = new MiniSearch<{ id: string; title: string; abstract: string }>({ fields: ['title', 'abstract'], storeFields: ['title'], autoVacuum: false });
    own.add({ id: 'only', title: 'neural audio codec', abstract: 'speech' });
    const s = createScorer(own);
    const words = [{ term: 'codec', prefix: false, fuzzy: 0 }];
    const before = bestScores(words, 'AND', 3, s).get('only');
    own.replace({ id: 'only', title: 'neural audio codec', abstract: 'speech' });
    s.invalidate();
    expect(before).toBeGreaterThan(0);
    expect(bestScores(words, 'AND', 3, s).get('only')).toBeCloseTo(before!, 9);
  });

  it('follows index changes (cached postings are dropped on invalidate)', async () => {
    const own = new MiniSearch<{ id: string; title: string; abstract: string }>({ fields: ['title', 'abstract'], storeFields: ['title'], autoVacuum: false });
    own.addAll(corpus(200));
    const s = createScorer(own);
    const words = [{ term: 'codec', prefix: false, fuzzy: 0 }];
    bestScores(words, 'AND', 3, s);
    own.add({ id: 'new', title: 'codec codec codec', abstract: 'codec' });
    for (let i = 0; i < 50; i++) own.discard(`p${i}`);
    s.invalidate();
    const expected = own.search('codec', { boost, prefix: false, fuzzy: false }).slice(0, 3);
    expect([...bestScores(words, 'AND', 3, s).keys()]).toContain('new');
    await own.vacuum();
    const after = bestScores(words, 'AND', 3, s);
    const again = own.search('codec', { boost, prefix: false, fuzzy: false }).slice(0, 3);
    expect([...after.values()].sort((a, b) => b - a)[0]).toBeCloseTo(again[0]!.score, 9);
    expect(expected[0]!.id).toBe('new');
  });
});


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
});

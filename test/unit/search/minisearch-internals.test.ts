/**
 * The search index reads MiniSearch's private fields through one adapter. These tests give each
 * field the meaning the adapter's doc comments claim, by MiniSearch's own public answers: a BM25
 * score rebuilt from the fields alone equals `mini.search`'s, and the counts and ids follow
 * adds and discards. A MiniSearch upgrade that moves or renames them fails here.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { internalsOf } from '../../../src/core/search/minisearch-internals.js';

type Doc = { id: string; title: string; abstract: string };
const docs: Doc[] = [
  { id: 'a', title: 'neural audio codec', abstract: 'a codec for speech with neural quantisation of audio' },
  { id: 'b', title: 'speech tokens', abstract: 'speech tokenisation and compression' },
  { id: 'c', title: 'graph retrieval', abstract: 'retrieval over a graph of audio clips' },
  { id: 'd', title: 'audio audio audio', abstract: 'the word audio many times: audio audio' },
];

function index() {
  const mini = new MiniSearch<Doc>({ fields: ['title', 'abstract'], storeFields: ['title'] });
  mini.addAll(docs);
  return mini;
}

/** MiniSearch 7's BM25+ for a one-word exact query, from the private fields only. */
function bm25FromInternals(mini: MiniSearch<Doc>, term: string): Map<string, number> {
  const m = internalsOf(mini);
  const [k, b, d] = [1.2, 0.7, 0.5];
  const scores = new Map<string, number>();
  for (const [fieldId, freqs] of m._index.get(term) ?? new Map<number, Map<number, number>>()) {
    const live = [...freqs.keys()].filter((doc) => m._documentIds.has(doc));
    const idf = Math.log(1 + (m._documentCount - live.length + 0.5) / (live.length + 0.5));
    for (const doc of live) {
      const tf = freqs.get(doc)!;
      const len = m._fieldLength.get(doc)![fieldId]!;
      const part = idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * len) / m._avgFieldLength[fieldId]!)));
      const id = m._documentIds.get(doc)!;
      scores.set(id, (scores.get(id) ?? 0) + part);
    }
  }
  return scores;
}

describe('MiniSearch internals adapter', () => {
  it.each(['audio', 'speech', 'graph', 'codec'])('rebuilds MiniSearch’s own score for “%s” from the private fields', (term) => {
    const mini = index();
    const expected = new Map(mini.search(term, { prefix: false, fuzzy: false }).map((r) => [r.id as string, r.score]));
    const actual = bm25FromInternals(mini, term);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, score] of expected) expect(actual.get(id), id).toBeCloseTo(score, 9);
  });

  it('follows adds and discards: counts, ids, stored fields, dirt', () => {
    const mini = index();
    const m = internalsOf(mini);
    expect(m._documentCount).toBe(mini.documentCount);
    expect(m._nextId).toBe(docs.length);
    expect(m._fieldIds).toEqual({ title: 0, abstract: 1 });
    const shortOf = (id: string) => [...m._documentIds].find(([, v]) => v === id)![0];
    expect(m._storedFields.get(shortOf('c'))).toEqual({ title: 'graph retrieval' });
    mini.discard('c');
    expect(m._documentCount).toBe(mini.documentCount);
    expect(m._dirtCount).toBe(mini.dirtCount);
    expect([...m._documentIds.values()].sort()).toEqual(['a', 'b', 'd']);
    // A discarded document stays in the posting lists until a vacuum: the scorer relies on it.
    const audioDocs = [...(m._index.get('audio')?.get(1)?.keys() ?? [])];
    expect(audioDocs.length).toBeGreaterThan(mini.search('audio', { fields: ['abstract'] }).length);
    // And a score rebuilt after the discard still matches MiniSearch's.
    const expected = new Map(mini.search('audio', { prefix: false, fuzzy: false }).map((r) => [r.id as string, r.score]));
    for (const [id, score] of expected) expect(bm25FromInternals(mini, 'audio').get(id), id).toBeCloseTo(score, 9);
  });

  it('refuses an object without MiniSearch 7’s fields, naming what is missing', () => {
    expect(() => internalsOf({} as MiniSearch<Doc>)).toThrow(/no _index, _documentCount/);
  });
});

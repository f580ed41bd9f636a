/**
 * What compiling thousands of topics reuses must not change what one reads: a vocabulary's
 * remembered readings of a text, the pseudo-relevance words picked without a pair per term, and
 * results whose reason is put together on first read.
 */
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../src/core/topics/corpus.js';
import { distinctive } from '../../../src/core/topics/expansion-terms.js';
import { createMatcher } from '../../../src/core/topics/matcher.js';
import { freeTextTopic } from '../../../src/core/topics/topic-service.js';
import { createVocabulary } from '../../../src/core/topics/vocabulary/vocabulary.js';
import { offTopicPapers } from './helpers.js';

describe('a vocabulary reading the same text again', () => {
  const concepts = [
    { id: 'drug discovery', forms: ['drug discovery', 'virtual screening'], gloss: 'finding new medicines with machine learning' },
    { id: 'financial forecasting', forms: ['stock prediction', 'financial forecasting'], gloss: 'predicting prices and markets from data' },
  ];

  it('gives the same concepts, in a list of its own each time', () => {
    const vocab = createVocabulary(concepts);
    const first = vocab.conceptsIn('virtual screening and stock prediction');
    expect(first.map((h) => h.concept.id).sort()).toEqual(['drug discovery', 'financial forecasting']);
    // A caller that sorts or empties its list leaves the next caller's alone.
    first.length = 0;
    const again = vocab.conceptsIn('virtual screening and stock prediction');
    expect(again.map((h) => h.concept.id).sort()).toEqual(['drug discovery', 'financial forecasting']);
  });

  it('is no other vocabulary: each reads the text with its own concepts', () => {
    const text = 'virtual screening of molecules';
    expect(createVocabulary(concepts).conceptsIn(text).map((h) => h.concept.id)).toEqual(['drug discovery']);
    expect(createVocabulary(concepts.slice(1)).conceptsIn(text)).toEqual([]);
    expect(createVocabulary(concepts).conceptsIn(text).map((h) => h.concept.id)).toEqual(['drug discovery']);
  });
});

describe('pseudo-relevance words picked best first', () => {
  // Words the three documents share in different numbers, several of them equally often (ties).
  const papers = [
    { arxivId: 'p0', title: 'Alpha beta gamma', abstract: 'delta epsilon zeta eta theta iota kappa lambda alpha beta delta.' },
    { arxivId: 'p1', title: 'Alpha beta gamma', abstract: 'delta epsilon zeta eta theta iota kappa lambda gamma epsilon.' },
    { arxivId: 'p2', title: 'Alpha beta', abstract: 'delta epsilon zeta eta theta mu nu xi omicron pi.' },
    ...offTopicPapers(30),
  ];
  const corpus = buildCorpus(papers);
  const docs = corpus.docs.slice(0, 3);
  const weights = [1, 0.8, 0.8];

  it('are the best of every term as a stable sort ranks them (ties in first-said order), without those skipped', () => {
    const all = distinctive(docs, weights, corpus, 2);
    expect(new Set(all.map(([, v]) => v)).size).toBeLessThan(all.length);
    const skip = new Set(['alpha', 'delta']);
    for (const count of [1, 3, 5, 8, 50]) {
      const sorted = all.filter(([t]) => !skip.has(t)).sort((a, b) => b[1] - a[1]).slice(0, count);
      expect(distinctive(docs, weights, corpus, 2, { count, skip: (t) => skip.has(t) }), `best ${count}`).toEqual(sorted);
    }
  });
});

describe('a result whose reason is put together on first read', () => {
  it('carries the reason as its own property: copied by a spread and written by JSON', () => {
    const papers = [{ arxivId: 'k1', title: 'KV cache compression for long context', abstract: 'We compress the KV cache of long-context models.' }, ...offTopicPapers(40)];
    const topic = freeTextTopic('kv cache compression', new Date('2026-01-01T00:00:00Z'), 'u1');
    const [result] = createMatcher({ corpus: buildCorpus(papers) }).matchPapers(papers, [topic]);
    expect(result?.arxivId).toBe('k1');
    expect(result!.why).toContain('kv cache');
    expect({ ...result! }.why).toBe(result!.why);
    expect(Object.keys(result!)).toEqual(['arxivId', 'topicSlug', 'score', 'matched', 'outcome', 'why']);
    expect((JSON.parse(JSON.stringify(result)) as { why: string }).why).toBe(result!.why);
  });
});

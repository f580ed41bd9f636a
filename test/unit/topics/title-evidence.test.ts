/**
 * A paper whose title names nothing of a topic must say more of it to match (query-scorer.ts
 * UNTITLED_SHARE): an abstract that mentions a topic's words in passing is the commonest
 * coincidence, most of all when the store holds nothing on the topic.
 */
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../src/core/topics/corpus.js';
import { UNTITLED_SHARE, clauseTable, combine, extendScores, namedInTitle, scoreCorpus, type Clause, type Query } from '../../../src/core/topics/query-scorer.js';
import { compileTopicModel } from '../../../src/core/topics/topic-model.js';
import { shippedVocabulary } from '../../../src/core/topics/vocabulary/index.js';
import { expectScoringPathsAgree } from './helpers.js';

/** A two-aspect topic whose first word weighs three times the second ("protein folding"-like). */
const query: Query & { clauses: Clause[] } = {
  clauses: [
    { key: 'protein', stems: ['protein'], weight: 1, group: 0, source: 'topic', label: 'protein', aspects: [0] },
    { key: 'fold', stems: ['fold'], weight: 1, group: 1, source: 'topic', label: 'folding', aspects: [1] },
  ],
  idf: [1, 1],
  aspects: [3, 1],
};
const table = clauseTable(query);
const both = (titleMask: number) => combine(query, table, [0, 1], [2, 2], titleMask);

describe('title evidence', () => {
  it('a title naming the topic keeps the whole score, one naming nothing of it keeps UNTITLED_SHARE', () => {
    expect(both(0b11)).toBeCloseTo(4, 9);
    expect(both(0)).toBeCloseTo(4 * UNTITLED_SHARE, 9);
    expect(UNTITLED_SHARE).toBeLessThan(1);
  });

  it('a title naming half the topic by weight names it; the lesser word alone keeps part of what it would lose', () => {
    // "protein" is three quarters of the topic's weight.
    expect(both(0b01)).toBeCloseTo(4, 9);
    // "folding" is a quarter: half the way from UNTITLED_SHARE to the whole.
    expect(both(0b10)).toBeCloseTo(4 * (UNTITLED_SHARE + (1 - UNTITLED_SHARE) / 2), 9);
  });

  it('only the topic\'s own words, its concepts and their acronyms name it: not a description\'s words, related words or words against it', () => {
    const description: Clause = { key: 'residu', stems: ['residu'], weight: 0.8, group: 2, source: 'expansion', label: 'residue', aspects: [0, 1] };
    const against: Clause = { key: 'nmr', stems: ['nmr'], weight: -2, group: 3, source: 'expansion', label: 'NMR', aspects: [] };
    expect(namedInTitle(query, query.clauses[0]!)).toBe(0b01);
    expect(namedInTitle(query, description)).toBe(0);
    expect(namedInTitle(query, against)).toBe(0);
    // A topic without aspects: any of its own positive words names it.
    expect(namedInTitle({ ...query, aspects: [] }, query.clauses[1]!)).toBe(-1);
  });

  describe('the two ways of scoring agree', () => {
    const background = Array.from({ length: 40 }, (_, i) => ({ arxivId: `bg${i}`, title: `A study ${i} of image classification`, abstract: `We evaluate convolutional networks on dataset ${i} and report accuracy.` }));
    const papers = [
      ...background,
      { arxivId: 'titled', title: 'Benchmarks for protein folding', abstract: 'We collect tasks and measure models.' },
      { arxivId: 'untitled', title: 'Measuring what models do', abstract: 'We collect benchmarks for protein folding and measure models on them.' },
      { arxivId: 'near', title: 'Folding of a protein, predicted', abstract: 'Structure prediction from sequence.' },
      { arxivId: 'against', title: 'NMR spectra at scale', abstract: 'We study protein folding with NMR.' },
      { arxivId: 'peer', title: 'Peer-to-peer networks', abstract: 'Peers exchange data peer to peer in end-to-end systems.' },
      { arxivId: 'peer2', title: 'Gossip at scale', abstract: 'A peer-to-peer overlay where each peer talks to a peer nearby.' },
    ];
    const corpus = buildCorpus(papers);

    it('title or no title, for a topic with aspects and one of common words only (no aspects: any of its words names it)', () => {
      for (const [topic, aspects] of [['protein folding', true], ['benchmarks', false]] as const) {
        const model = compileTopicModel(topic, corpus, shippedVocabulary());
        expect(model.aspects.some((a) => a > 0), topic).toBe(aspects);
        const scores = expectScoringPathsAgree(model, corpus, papers, topic);
        const at = (id: string) => scores[corpus.byId.get(id)!]!;
        expect(at('titled'), topic).toBeGreaterThan(at('untitled'));
      }
    });

    it('for a pair found near each other in a title, words against the topic, and a word repeated in a phrase ("peer-to-peer")', () => {
      for (const topic of ['protein folding but not NMR', 'peer-to-peer networks', 'end-to-end systems']) expectScoringPathsAgree(compileTopicModel(topic, corpus, shippedVocabulary()), corpus, papers, topic);
    });

    it('adding words to a first pass of a topic without aspects gives a full pass\'s scores and leaves the first pass as it was', () => {
      const model = compileTopicModel('benchmarks', corpus, shippedVocabulary());
      expect(model.aspects.some((a) => a > 0)).toBe(false);
      // The topic's own words first, then two more of its kind that a title may hold.
      const more: Clause[] = [
        { key: 'studi', stems: ['studi'], weight: 0.5, group: 90, source: 'topic', label: 'study', aspects: [] },
        { key: 'gossip', stems: ['gossip'], weight: 0.5, group: 91, source: 'topic', label: 'gossip', aspects: [] },
      ];
      const full = { ...model, clauses: [...model.clauses, ...more], idf: [...model.idf, corpus.idf('studi'), corpus.idf('gossip')] };
      const pass = { raw: new Float64Array(corpus.docs.length), masks: new Int32Array(corpus.docs.length), titleMasks: new Int32Array(corpus.docs.length) };
      scoreCorpus(model, corpus, pass);
      const before = Int32Array.from(pass.titleMasks);
      expect(extendScores(full, corpus, pass, model.clauses.length)).toEqual(scoreCorpus(full, corpus));
      expect(pass.titleMasks).toEqual(before);
    });
  });
});

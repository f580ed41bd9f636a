import { expect } from 'vitest';
import type { Paper } from '../../../src/core/papers/paper.js';
import { docFields, type Corpus } from '../../../src/core/topics/corpus.js';
import { indexModels, scoreAgainst } from '../../../src/core/topics/model-index.js';
import type { MatchablePaper } from '../../../src/core/topics/paper-features.js';
import { scoreCorpus } from '../../../src/core/topics/query-scorer.js';
import type { TopicModel } from '../../../src/core/topics/topic-model.js';
import { testPaper } from '../../helpers/test-paper.js';

/**
 * A paper scores the same whether it is calibrated on (the corpus pass) or matched as new (the
 * model index): each paper's two scores within 1e-9. Returns the corpus pass's scores.
 */
export function expectScoringPathsAgree(model: TopicModel, corpus: Corpus, papers: readonly MatchablePaper[], label: string): Float64Array {
  const inCorpus = scoreCorpus(model, corpus);
  const index = indexModels([model]);
  papers.forEach((p, d) => {
    const asNew = scoreAgainst(index, docFields(p), corpus).get(0)?.raw ?? 0;
    expect(Math.abs(asNew - inCorpus[d]!), `${label} ${p.arxivId}`).toBeLessThan(1e-9);
  });
  return inCorpus;
}

/** A stored paper with defaults; tests override what they care about. */
export function storedPaper(over: Partial<Paper> & { arxivId: string; title: string }): Paper {
  return testPaper({ authors: ['Ada Lovelace'], categories: ['cs.CL'], ...over });
}

/**
 * Papers on something else (node classification), so a small corpus is large enough for a
 * topic's bar to be calibrated on: `n` of them, ids `${prefix}0`, `${prefix}1`, ….
 */
export function offTopicPapers(n: number, prefix = 'f'): MatchablePaper[] {
  return Array.from({ length: n }, (_, i) => ({ arxivId: `${prefix}${i}`, title: `Graph learning ${i}`, abstract: `Node classification on citation graphs, variant ${i % 9}.` }));
}

/**
 * Matching when the store is about one subject (a workspace reading one field's feed): each
 * labelled topic once more over a homogeneous part of the real papers, which is also its
 * reference corpus, scored on the papers of that part (shared/data/real-papers/README.md rules):
 *  - "one category": the papers whose primary arXiv category is the one most of the topic's
 *    core papers have (cs.CV, cs.CL or cs.AI: 99–143 papers);
 *  - "topic-heavy": the topic's core and borderline papers with a tenth of the rest (seeded),
 *    where the topic's own papers are a large share of the corpus.
 * A bar that assumes a topic's papers are rare in the corpus fails here.
 */
import type { TopicDefinition } from '../src/core/ports.js';
import { buildCorpus } from '../src/core/topics/corpus.js';
import { topicQuality, type TopicQuality } from '../src/core/topics/evaluation.js';
import { createMatcher } from '../src/core/topics/matcher.js';
import type { MatchablePaper } from '../src/core/topics/paper-features.js';
import { rng } from './lib/synthetic-papers.js';
import type { LabelledSet } from './match-quality.js';

export type Homogeneity = 'one category' | 'topic-heavy';

function subsetFor(set: LabelledSet, name: string, kind: Homogeneity): MatchablePaper[] {
  const labels = set.labels.get(name)!;
  if (kind === 'topic-heavy') {
    const own = new Set([...labels.relevant, ...labels.borderline]);
    const draw = rng(7);
    return set.papers.filter((p) => own.has(p.arxivId) || draw() < 0.1);
  }
  const byId = new Map(set.papers.map((p) => [p.arxivId, p]));
  const counts = new Map<string, number>();
  for (const id of labels.relevant) {
    const cat = byId.get(id)?.categories?.[0];
    if (cat) counts.set(cat, (counts.get(cat) ?? 0) + 1);
  }
  const main = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  return set.papers.filter((p) => p.categories?.[0] === main);
}

/** Per topic, its quality over a homogeneous part of the store used as the whole store. */
export function homogeneousQualities(set: LabelledSet, topics: ReadonlyMap<string, TopicDefinition>, kind: Homogeneity): Map<string, TopicQuality> {
  const out = new Map<string, TopicQuality>();
  for (const [name, topic] of topics) {
    const papers = subsetFor(set, name, kind);
    const got = new Set(createMatcher({ corpus: buildCorpus(papers) }).matchPapers(papers, [topic]).map((r) => r.arxivId));
    out.set(name, topicQuality(got, set.labels.get(name)!, new Set(papers.map((p) => p.arxivId))));
  }
  return out;
}

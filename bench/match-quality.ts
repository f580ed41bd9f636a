/**
 * Matching quality helpers for bench:match: labelled sets, the keyword-search baseline, the
 * feedback protocol and the report lines. Scoring follows shared/data/real-papers/README.md.
 */
import MiniSearch from 'minisearch';
import type { FeedbackMark } from '../src/core/ports.js';
import { macroF1, topicQuality, type TopicLabels, type TopicQuality } from '../src/core/topics/evaluation.js';
import type { MatchablePaper } from '../src/core/topics/paper-features.js';

export interface LabelledSet {
  papers: MatchablePaper[];
  /** Topic text -> labels. */
  labels: Map<string, TopicLabels>;
}

const fmt = (x: number) => x.toFixed(3);


/** Plain keyword search: MiniSearch over title + abstract, every result (its default OR query). */
export function keywordBaseline(set: LabelledSet, topics: readonly string[], opts: { and?: boolean } = {}): Map<string, TopicQuality> {
  const mini = new MiniSearch<{ id: string; title: string; abstract: string }>({ fields: ['title', 'abstract'], storeFields: [] });
  mini.addAll(set.papers.map((p) => ({ id: p.arxivId, title: p.title, abstract: p.abstract })));
  const out = new Map<string, TopicQuality>();
  for (const name of topics) {
    const hits = opts.and ? mini.search(name, { combineWith: 'AND', prefix: true, fuzzy: 0.2, boost: { title: 2 } }) : mini.search(name);
    out.set(name, topicQuality(new Set(hits.map((h) => String(h.id))), set.labels.get(name)!));
  }
  return out;
}

export function report(label: string, qualities: ReadonlyMap<string, TopicQuality>): number {
  const m = macroF1([...qualities.values()]);
  console.log(`\n${label}: macro-F1 ${fmt(m)}`);
  for (const [name, q] of qualities) {
    console.log(`  ${name.slice(0, 58).padEnd(58)} P ${fmt(q.precision)}  R ${fmt(q.recall)}  F1 ${fmt(q.f1)}  (returned ${q.returned})`);
  }
  return m;
}

/**
 * The feedback protocol of issue 10: 3 👍 on core papers and 3 👎 on papers the zero-shot
 * matcher returned that are not relevant (fewer when it returned fewer), per topic.
 */
export function feedbackMarks(slug: string, labels: TopicLabels, returnedBestFirst: readonly string[], now: Date): { marks: FeedbackMark[]; marked: Set<string> } {
  const up = labels.relevant.slice(0, 3);
  const notWrong = new Set([...labels.relevant, ...labels.borderline]);
  const down = returnedBestFirst.filter((id) => !notWrong.has(id)).slice(0, 3);
  const marks: FeedbackMark[] = [
    ...up.map((arxivId) => ({ topicSlug: slug, arxivId, actor: 'bench', verdict: 'up' as const, createdAt: now })),
    ...down.map((arxivId) => ({ topicSlug: slug, arxivId, actor: 'bench', verdict: 'down' as const, createdAt: now })),
  ];
  return { marks, marked: new Set([...up, ...down]) };
}

export { fmt };

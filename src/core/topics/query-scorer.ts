/**
 * BM25F over weighted query clauses. A clause is a word or phrase (space-joined stems); clauses
 * of one group are alternatives (a concept's surface forms, an acronym and its long form), so a
 * group counts its best clause fully and the others a little: a paper saying both "jailbreak"
 * and "jailbreaking attack" is not twice as relevant.
 */
import type { Corpus } from './corpus.js';
import { phraseCounts } from './corpus.js';

export type ClauseSource = 'topic' | 'concept' | 'acronym' | 'expansion' | 'feedback';

export interface Clause {
  key: string;
  stems: string[];
  /** Query weight, before IDF. Negative clauses count against a paper. */
  weight: number;
  group: number;
  source: ClauseSource;
  /** What a person reads in the reason: the concept's name, or the words themselves. */
  label: string;
}

const K1 = 1.2;
const B = 0.75;
/** A title says what a paper is about; the abstract also mentions context. */
export const TITLE_BOOST = 2;
/** Further clauses of a group add this share of their value. */
const GROUP_REST = 0.3;

export interface FieldLengths {
  avgTitle: number;
  avgBody: number;
}

/** BM25F term frequency saturation for one document. */
export function saturate(tf: [number, number], titleLen: number, bodyLen: number, avg: FieldLengths): number {
  const t = tf[0] / (1 - B + (B * titleLen) / Math.max(avg.avgTitle, 1));
  const b = tf[1] / (1 - B + (B * bodyLen) / Math.max(avg.avgBody, 1));
  const x = TITLE_BOOST * t + b;
  return (x * (K1 + 1)) / (x + K1);
}

/** Per-clause values folded into a score: groups saturate, groups add up. */
export function combine(clauses: readonly Clause[], values: ReadonlyMap<number, number>): number {
  const byGroup = new Map<number, number[]>();
  for (const [c, v] of values) {
    const g = clauses[c]!.group;
    const list = byGroup.get(g) ?? [];
    list.push(v);
    byGroup.set(g, list);
  }
  let score = 0;
  for (const vs of byGroup.values()) {
    const pos = vs.filter((v) => v > 0).sort((a, b) => b - a);
    if (pos.length) score += pos[0]! + GROUP_REST * pos.slice(1).reduce((s, v) => s + v, 0);
    for (const v of vs) if (v < 0) score += v;
  }
  return score;
}

/** Scores of every corpus document (Float64Array by document index). */
export function scoreCorpus(clauses: readonly Clause[], idf: readonly number[], corpus: Corpus): Float64Array {
  const perDoc = new Map<number, Map<number, number>>();
  clauses.forEach((c, i) => {
    for (const [d, tf] of corpus.postings(c.key)) {
      const doc = corpus.docs[d]!;
      const v = c.weight * idf[i]! * saturate(tf, doc.title.length, doc.body.length, corpus);
      let m = perDoc.get(d);
      if (!m) perDoc.set(d, (m = new Map()));
      m.set(i, v);
    }
  });
  const out = new Float64Array(corpus.docs.length);
  for (const [d, values] of perDoc) out[d] = combine(clauses, values);
  return out;
}

/** Per-clause values for one analysed paper (any paper, in the corpus or not). */
export function clauseValues(
  clauses: readonly Clause[],
  idf: readonly number[],
  doc: { title: readonly string[]; body: readonly string[] },
  avg: FieldLengths,
): Map<number, number> {
  const out = new Map<number, number>();
  clauses.forEach((c, i) => {
    const tf = phraseCounts(doc, c.stems);
    if (tf[0] + tf[1] > 0) out.set(i, c.weight * idf[i]! * saturate(tf, doc.title.length, doc.body.length, avg));
  });
  return out;
}

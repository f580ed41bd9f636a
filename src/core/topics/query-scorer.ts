/**
 * BM25F over weighted query clauses. A clause is a word or phrase (space-joined stems); clauses
 * of one group are alternatives (a concept's surface forms, an acronym and its long form), so a
 * group counts its best clause fully and the others a little: a paper saying both "jailbreak"
 * and "jailbreaking attack" is not twice as relevant.
 */
import type { Corpus } from './corpus.js';

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
  /** Indexes of the topic's aspects (its own content words) this clause is evidence for. */
  aspects: number[];
}

/** What scoring needs of a compiled topic. */
export interface Query {
  clauses: readonly Clause[];
  /** IDF per clause. */
  idf: readonly number[];
  /** Weight of each aspect of the topic (its own content words, by rarity). */
  aspects: readonly number[];
}

const K1 = 1.2;
const B = 0.75;
/** A title says what a paper is about; the abstract also mentions context. */
export const TITLE_BOOST = 2;
/** Further clauses of a group add this share of their value. */
const GROUP_REST = 0.3;
/**
 * How strongly a paper must cover all of a topic's aspects: the score is multiplied by the
 * covered share of aspect weight to this power. "Making image and video generators faster"
 * is not met by a paper on video generation alone, however often it says so.
 */
export const COORDINATION = { power: 0.5 };

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

/** Per-clause values folded into a score: groups saturate, groups add up, aspects coordinate. */
export function combine(query: Query, values: ReadonlyMap<number, number>): number {
  const { clauses } = query;
  const byGroup = new Map<number, number[]>();
  let covered = 0;
  const seen = new Set<number>();
  for (const [c, v] of values) {
    if (v > 0) {
      for (const a of clauses[c]!.aspects) {
        if (seen.has(a)) continue;
        seen.add(a);
        covered += query.aspects[a]!;
      }
    }
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
  const total = query.aspects.reduce((x, y) => x + y, 0);
  return total > 0 && score > 0 ? score * (covered / total) ** COORDINATION.power : score;
}

/** Scores of every corpus document (Float64Array by document index). */
export function scoreCorpus(query: Query, corpus: Corpus): Float64Array {
  const { clauses, idf } = query;
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
  for (const [d, values] of perDoc) out[d] = combine(query, values);
  return out;
}

/**
 * Feedback by example: a paper much like one marked relevant moves up, one much like a paper
 * marked not relevant moves down (nearest marked paper, TF-IDF cosine). "Much like" is relative
 * to how alike papers usually are: a marked paper's similarity to the corpus at a high
 * percentile is its floor, so the scale of cosines (which depends on the corpus) does not matter.
 * Only papers with evidence for the topic move; nothing becomes a match by resemblance alone.
 */
import type { Corpus, CorpusDoc } from './corpus.js';
import { dot, toUnitLength, type SparseVector } from './sparse-vector.js';

export interface Neighbours {
  up: SparseVector[];
  down: SparseVector[];
  /** Per marked paper, the similarity most corpus papers stay under. */
  upFloor: number[];
  downFloor: number[];
}

export const NEIGHBOUR_TUNING = {
  /** Share of the threshold a paper as alike as can be to a relevant paper gains... */
  up: 2,
  /** ...and to a rejected one loses. */
  down: 1,
  /** Corpus percentile of similarity a paper must exceed to count as alike. */
  floorPercentile: 0.95,
};

const vectors = new WeakMap<CorpusDoc | { title: readonly string[]; body: readonly string[] }, SparseVector>();

/** Unit-length log-TF x IDF vector of a paper's words (the title counts twice). */
export function termVector(doc: { title: readonly string[]; body: readonly string[] }, corpus: Corpus): SparseVector {
  let v = vectors.get(doc);
  if (v) return v;
  v = new Map();
  for (const seq of [doc.title, doc.title, doc.body]) for (const s of seq) if (s.length > 2) v.set(s, (v.get(s) ?? 0) + 1);
  for (const [k, n] of v) v.set(k, Math.log(1 + n) * corpus.idf(k));
  toUnitLength(v);
  vectors.set(doc, v);
  return v;
}

function floorOf(v: SparseVector, corpus: Corpus): number {
  const sims = corpus.docs.map((d) => dot(v, termVector(d, corpus))).sort((x, y) => x - y);
  return sims.length ? sims[Math.min(sims.length - 1, Math.floor(sims.length * NEIGHBOUR_TUNING.floorPercentile))]! : 0;
}

export function neighboursOf(up: readonly CorpusDoc[], down: readonly CorpusDoc[], corpus: Corpus): Neighbours | undefined {
  if (up.length + down.length === 0) return undefined;
  const upV = up.map((d) => termVector(d, corpus));
  const downV = down.map((d) => termVector(d, corpus));
  return { up: upV, down: downV, upFloor: upV.map((v) => floorOf(v, corpus)), downFloor: downV.map((v) => floorOf(v, corpus)) };
}

function likeness(v: SparseVector, marked: readonly SparseVector[], floors: readonly number[]): number {
  let best = 0;
  marked.forEach((m, i) => {
    const f = floors[i]!;
    best = Math.max(best, (dot(v, m) - f) / (1 - f || 1));
  });
  return best;
}

/** The raw-score shift for a paper (its vector), in units of the topic's threshold. */
export function neighbourShift(n: Neighbours, v: SparseVector): { shift: number; like: 'up' | 'down' | null } {
  const up = likeness(v, n.up, n.upFloor);
  const down = likeness(v, n.down, n.downFloor);
  const shift = NEIGHBOUR_TUNING.up * up - NEIGHBOUR_TUNING.down * down;
  return { shift, like: shift > 0 ? 'up' : shift < 0 ? 'down' : null };
}

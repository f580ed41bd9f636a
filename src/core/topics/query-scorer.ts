/**
 * BM25F over weighted query clauses. A clause is a word or phrase (space-joined stems); clauses
 * of one group are alternatives (a concept's surface forms, an acronym and its long form), so a
 * group counts its best clause fully and the others a little: a paper saying both "jailbreak"
 * and "jailbreaking attack" is not twice as relevant.
 */
import type { Corpus } from './corpus.js';
import { nextStamp } from './stamps.js';

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
  /** `aspects` as a bit mask, filled in on first use. */
  mask?: number;
}

/** What scoring needs of a compiled topic. */
export interface Query {
  clauses: readonly Clause[];
  /** IDF per clause. */
  idf: readonly number[];
  /** Weight of each aspect of the topic (its own content words, by rarity). */
  aspects: readonly number[];
  /**
   * The ways of reading the topic when it lists alternatives ("image and video editing" reads
   * as image editing or as video editing), each a bit mask of aspects: a paper is measured
   * against the reading it covers best. Absent: one reading with every aspect.
   */
  readings?: readonly number[];
  /**
   * The parts of a topic that joins a subject to what it is for or done with ("legal
   * summarization with reinforcement learning", "speech recognition for low-resource
   * languages"), each a bit mask of aspects: a paper must speak to every aspect of each part
   * that its reading keeps. Absent: no such parts.
   */
  parts?: readonly number[];
  /** Aspects a paper must speak to (bit mask): named fields no paper of the reference corpus spoke to (topic-model.ts). */
  required?: number;
  /**
   * The covered share of aspect weight under which a paper scores nothing, when not
   * `COORDINATION.minShare`: lower for a topic no stored paper covers in full (topic-model.ts).
   */
  minShare?: number;
}

const K1 = 1.2;
/**
 * Nearly full length normalisation: a long abstract mentions more in passing (its background,
 * its baselines), so a phrase said twice in twice the words counts about as said once in a short
 * one. Not quite full, so that a field left empty does not divide by zero.
 */
const B = 0.95;
/** A title says what a paper is about; the abstract also mentions context. */
export const TITLE_BOOST = 2;
/** Further clauses of a group add this share of their value. */
const GROUP_REST = 0.3;
/**
 * How strongly a paper must cover all of a topic's aspects: the score is multiplied by the
 * covered share of aspect weight to this power, and a paper covering less than `minShare`
 * scores nothing. "Making image and video generators faster" is not met by a paper on video
 * generation alone, however often it says so, and "protein design" not by papers on design.
 */
export const COORDINATION = { power: 0.5, minShare: 0.4 };

/**
 * A paper whose title names nothing of the topic keeps this share of its score. BM25F adds the
 * title's counts to the abstract's before saturating, so an abstract that says a topic's words
 * in passing weighed as much as a title that names them. Over the 51 labelled dev and validation
 * topics, the title named the topic for 85% of the relevant papers above the bar, for 42% of the
 * others, and for 42% of the papers a topic absent from the store still matched. The bar is set
 * on evidence wherever a paper gives it (topic-model.ts), so such a paper must clear it by
 * 1 / 0.55 = 1.8 times.
 */
export const UNTITLED_SHARE = 0.55;
/**
 * A title naming this share of the topic's aspect weight names the topic; one naming less keeps
 * a proportional part of what it would lose. Half: the rarer word of a two-word topic names it,
 * the commoner one alone does not ("Generation of captions" for "art generation").
 */
const TITLE_NAMES_TOPIC = 0.5;

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

/** Covered aspect weight of a bit mask of aspects. */
function coveredWeight(query: Query, mask: number): number {
  let covered = 0;
  for (let a = 0; mask !== 0 && a < query.aspects.length; a++, mask >>>= 1) if (mask & 1) covered += query.aspects[a]!;
  return covered;
}

/** One reading with every aspect (a mask of all bits). */
export const WHOLE_TOPIC: readonly number[] = [-1];

/** Whether a paper (its aspect mask) speaks to every aspect of a part that a reading keeps. */
export function partCovered(whole: number, mask: number, reading: number): boolean {
  const part = whole & reading;
  return (mask & part) === part;
}

function partsCovered(parts: readonly number[], mask: number, reading: number): boolean {
  for (const p of parts) if (!partCovered(p, mask, reading)) return false;
  return true;
}

function coordinate(query: Query, score: number, mask: number, titleMask: number, untitled: number): number {
  if (score <= 0) return score;
  coordinationFactors(query, mask, titleMask, untitled);
  return score * factorA * factorB;
}

/**
 * What coordination multiplies a positive score by, in two factors (`factorA`, then `factorB`,
 * applied in that order): they depend on the masks only, so a corpus pass computes them once per
 * distinct pair of masks (`Coordinator`).
 */
let factorA = 0;
let factorB = 0;
let lastShare = -1;

/**
 * The share of a topic's aspect weight a paper's aspect mask covers, in the reading it covers
 * best; -1 when it misses a part or a required aspect in every reading (as coordination reads it).
 */
export function coveredShare(query: Query, mask: number): number {
  coordinationFactors(query, mask, 0, 1);
  return lastShare;
}
function coordinationFactors(query: Query, mask: number, titleMask: number, untitled: number): void {
  let share = -1;
  let titleShare = 0;
  for (const reading of query.readings ?? WHOLE_TOPIC) {
    const total = coveredWeight(query, reading);
    if (total <= 0) {
      factorA = titleMask !== 0 ? 1 : untitled;
      factorB = 1;
      return;
    }
    if (query.parts && !partsCovered(query.parts, mask, reading)) continue;
    if (query.required && !partCovered(query.required, mask, reading)) continue;
    share = Math.max(share, coveredWeight(query, mask & reading) / total);
    titleShare = Math.max(titleShare, coveredWeight(query, titleMask & reading) / total);
  }
  const named = Math.min(1, titleShare / TITLE_NAMES_TOPIC);
  lastShare = share;
  if (share < (query.minShare ?? COORDINATION.minShare)) {
    factorA = 0;
    factorB = 0;
  } else {
    factorA = share ** COORDINATION.power;
    factorB = untitled + (1 - untitled) * named;
  }
}

/** Aspects at most this many: a pass memoises coordination per pair of masks in shared tables. */
const MEMO_ASPECTS = 7;
const memoStamp = new Int32Array(1 << (2 * MEMO_ASPECTS + 1));
const memoA = new Float64Array(memoStamp.length);
const memoB = new Float64Array(memoStamp.length);
let memoEpoch = 0;

/**
 * `coordinate` over a whole corpus pass: a topic's documents fall into few pairs of aspect masks,
 * so each pair's factors are computed once. Coordination reads only the mask bits of the topic's
 * aspects (and whether the title names anything at all), which make the memo's key.
 */
function coordinator(query: Query, untitled: number): (score: number, mask: number, titleMask: number) => number {
  const n = query.aspects.length;
  const low = (1 << n) - 1;
  const fits = (m: number) => (m & ~low) === 0;
  if (n > MEMO_ASPECTS || !(query.readings ?? []).every(fits) || !(query.parts ?? []).every(fits) || !fits(query.required ?? 0)) {
    return (score, mask, titleMask) => coordinate(query, score, mask, titleMask, untitled);
  }
  const epoch = (memoEpoch = nextStamp(memoEpoch, memoStamp));
  return (score, mask, titleMask) => {
    if (score <= 0) return score;
    const key = (mask & low) | ((titleMask & low) << n) | (titleMask !== 0 ? 1 << (2 * n) : 0);
    if (memoStamp[key] !== epoch) {
      coordinationFactors(query, mask, titleMask, untitled);
      memoStamp[key] = epoch;
      memoA[key] = factorA;
      memoB[key] = factorB;
    }
    return score * memoA[key]! * memoB[key]!;
  };
}

/**
 * Per document of a pass: whether its clauses cover the topic in full, so that aspect
 * coordination takes nothing from its score. With an untitled share of 1 its title changes
 * nothing, so none is given.
 */
export function fullyCovered(query: Query, pass: CorpusPass): (d: number) => boolean {
  const coordinated = coordinator(query, 1);
  return (d) => coordinated(1, pass.masks[d]!, 0) >= 0.999;
}

/** Bit mask of aspect indexes (a topic name has far fewer than 31 content words). */
export function maskOf(aspects: Iterable<number>): number {
  let m = 0;
  // Indexed over a list (every clause's aspects): no iterator object per call in cold code.
  if (Array.isArray(aspects)) {
    for (let i = 0; i < aspects.length; i++) if ((aspects[i] as number) < 31) m |= 1 << (aspects[i] as number);
    return m;
  }
  for (const a of aspects) if (a < 31) m |= 1 << a;
  return m;
}

/** Bit mask of the aspects a clause serves; cached on the clause. */
export function aspectMask(clause: Clause): number {
  return (clause.mask ??= maskOf(clause.aspects));
}

/** A query's clause groups, aspect masks and what each names in a title, as flat arrays: read for every (paper, topic) pair combined. */
export interface ClauseTable {
  group: Int32Array;
  mask: Int32Array;
  /** Per clause, what it names of the topic when found in a title (`namedInTitle`). */
  named: Int32Array;
  /** One more than the largest group id. */
  groups: number;
}

/** Built once a query's clauses are final (model-index.ts indexes compiled models). */
export function clauseTable(query: Query): ClauseTable {
  const { clauses } = query;
  // Indexed loops: a typed array's from() walks an iterator, one object per step until optimised.
  const n = clauses.length;
  const group = new Int32Array(n);
  const mask = new Int32Array(n);
  const named = new Int32Array(n);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    const c = clauses[i]!;
    group[i] = c.group;
    mask[i] = aspectMask(c);
    named[i] = namedInTitle(query, c);
    groups = Math.max(groups, c.group + 1);
  }
  return { group, mask, named, groups };
}

/**
 * Per-clause values folded into a score: groups saturate, groups add up, aspects coordinate.
 * `clauseIdx[i]` has value `values[i]`; a paper hits few clauses, so plain arrays do. Groups
 * are added in the order they are first met, as a pass over the corpus adds them.
 */
export function combine(query: Query, table: ClauseTable, clauseIdx: readonly number[], values: readonly number[], titleMask: number): number {
  // Scratch space reused across calls: a digest combines millions of (paper, topic) pairs.
  if (table.groups > groupStamp.length) growGroups(table.groups);
  if (clauseIdx.length > order.length) order = new Int32Array(clauseIdx.length * 2);
  // Stamps say which groups this call has met.
  const stamp = (combineCalls = nextStamp(combineCalls, groupStamp));
  let groupCount = 0;
  let negative = 0;
  let mask = 0;
  for (let i = 0; i < clauseIdx.length; i++) {
    const v = values[i]!;
    const ci = clauseIdx[i]!;
    if (v <= 0) {
      negative += v;
      continue;
    }
    mask |= table.mask[ci]!;
    const g = table.group[ci]!;
    if (groupStamp[g] !== stamp) {
      groupStamp[g] = stamp;
      groupBest[g] = v;
      groupSum[g] = v;
      order[groupCount++] = g;
    } else {
      if (v > groupBest[g]!) groupBest[g] = v;
      groupSum[g]! += v;
    }
  }
  let score = negative;
  for (let k = 0; k < groupCount; k++) {
    const g = order[k]!;
    score += groupBest[g]! + GROUP_REST * (groupSum[g]! - groupBest[g]!);
  }
  return coordinate(query, score, mask, titleMask, UNTITLED_SHARE);
}

let combineCalls = 0;
let groupStamp = new Int32Array(64);
let groupBest = new Float64Array(64);
let groupSum = new Float64Array(64);
let order = new Int32Array(64);
function growGroups(n: number): void {
  groupStamp = new Int32Array(n * 2);
  groupBest = new Float64Array(n * 2);
  groupSum = new Float64Array(n * 2);
}

const saturatedCache = new WeakMap<Corpus, Map<string, Float64Array>>();
const SATURATED_CACHE_LIMIT = 200_000;

/**
 * A phrase's BM25F term-frequency factor in each document it occurs in (parallel to its
 * postings). It depends on the phrase and the corpus only, so thousands of topics share it.
 */
function saturatedPostings(corpus: Corpus, key: string): Float64Array {
  let byKey = saturatedCache.get(corpus);
  if (!byKey) saturatedCache.set(corpus, (byKey = new Map()));
  let sat = byKey.get(key);
  if (!sat) {
    const { docs, title, body } = corpus.postings(key);
    sat = new Float64Array(docs.length);
    for (let k = 0; k < docs.length; k++) {
      const doc = corpus.docs[docs[k]!]!;
      sat[k] = saturate([title[k]!, body[k]!], doc.title.length, doc.body.length, corpus);
    }
    if (byKey.size >= SATURATED_CACHE_LIMIT) byKey.clear();
    byKey.set(key, sat);
  }
  return sat;
}

const corpusScratch = new WeakMap<Corpus, { masks: Int32Array; titleMasks: Int32Array; best: Float64Array; sum: Float64Array; touched: Int32Array }>();

/**
 * What a clause found in a title says the title names of the topic: the aspects it serves (all,
 * of a topic without aspects, where any of its own words names it). Only the topic's own words,
 * the concepts it names and their acronyms name it: a description's or a draft's words serve
 * every aspect (topic-model.ts), so one of them in a title would name the whole topic, and
 * related words and words against the topic name nothing.
 */
export function namedInTitle(query: Query, clause: Clause): number {
  if (clause.weight <= 0 || (clause.source !== 'topic' && clause.source !== 'concept' && clause.source !== 'acronym')) return 0;
  return query.aspects.some((a) => a > 0) ? aspectMask(clause) : -1;
}

/** A corpus pass before coordination: what `extendScores` adds further clauses to. */
export interface CorpusPass {
  /** Per document, the summed group values (negatives included), before aspect coordination. */
  raw: Float64Array;
  /** Per document, the aspects its clauses covered. */
  masks: Int32Array;
  /** Per document, the aspects its title names (`namedInTitle`). */
  titleMasks: Int32Array;
}

/** What a pass reads of clause `i`: its aspect mask, what it names in a title, its postings and their saturated weights, its weight × IDF. */
function clauseRun(query: Query, corpus: Corpus, i: number) {
  const c = query.clauses[i]!;
  const { docs, title } = corpus.postings(c.key);
  return { m: aspectMask(c), named: namedInTitle(query, c), docs, title, sat: saturatedPostings(corpus, c.key), w: c.weight * query.idf[i]! };
}

/**
 * Scores of every corpus document (Float64Array by document index), group by group. `untitled`
 * is the share of its score a document keeps when its title names nothing of the topic.
 */
export function scoreCorpus(query: Query, corpus: Corpus, keep?: CorpusPass, untitled = UNTITLED_SHARE): Float64Array {
  const { clauses } = query;
  const n = corpus.docs.length;
  const total = new Float64Array(n);
  // Per-document scratch, reused across calls (one pass per topic compiled): zeroed as used.
  let scratch = corpusScratch.get(corpus);
  if (!scratch) corpusScratch.set(corpus, (scratch = { masks: new Int32Array(n), titleMasks: new Int32Array(n), best: new Float64Array(n), sum: new Float64Array(n), touched: new Int32Array(n) }));
  // A group's documents, each once (its sum is zero until met): at most one per document.
  const { masks, titleMasks, best, sum, touched } = scratch;
  const byGroup = new Map<number, number[]>();
  clauses.forEach((c, i) => {
    const list = byGroup.get(c.group);
    if (list) list.push(i);
    else byGroup.set(c.group, [i]);
  });
  for (const members of byGroup.values()) {
    if (members.length === 1) {
      // A group of one clause adds its value as it is (v + 0.3 x 0), to each document once.
      const { m, named, docs, title, sat, w } = clauseRun(query, corpus, members[0]!);
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k]!;
        const v = w * sat[k]!;
        total[d]! += v;
        if (v <= 0) continue;
        masks[d]! |= m;
        if (title[k]! > 0) titleMasks[d]! |= named;
      }
      continue;
    }
    let met = 0;
    for (const i of members) {
      const { m, named, docs, title, sat, w } = clauseRun(query, corpus, i);
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k]!;
        const v = w * sat[k]!;
        if (v <= 0) {
          total[d]! += v;
          continue;
        }
        if (sum[d] === 0) touched[met++] = d;
        masks[d]! |= m;
        if (title[k]! > 0) titleMasks[d]! |= named;
        if (v > best[d]!) best[d] = v;
        sum[d]! += v;
      }
    }
    for (let k = 0; k < met; k++) {
      const d = touched[k]!;
      total[d]! += best[d]! + GROUP_REST * (sum[d]! - best[d]!);
      best[d] = 0;
      sum[d] = 0;
    }
  }
  if (keep) {
    keep.raw.set(total);
    keep.masks.set(masks);
    keep.titleMasks.set(titleMasks);
  }
  const coordinated = coordinator(query, untitled);
  for (let d = 0; d < n; d++) {
    if (total[d] !== 0) total[d] = coordinated(total[d]!, masks[d]!, titleMasks[d]!);
    masks[d] = 0;
    titleMasks[d] = 0;
  }
  return total;
}

/**
 * The scores `scoreCorpus` gives `query` when its clauses are those of an earlier pass, in the
 * same order, followed by `query.clauses[from..]`, each alone in its group and serving no aspect
 * (pseudo-relevance words): only the new clauses' postings are read. The sums are added in the
 * order a full pass adds them, so the scores are the same to the last bit.
 */
export function extendScores(query: Query, corpus: Corpus, pass: CorpusPass, from: number, untitled = UNTITLED_SHARE): Float64Array {
  const { clauses, idf } = query;
  const total = pass.raw.slice();
  // Of a topic without aspects any word names it, these too.
  let titleMasks = pass.titleMasks;
  for (let i = from; i < clauses.length; i++) {
    const c = clauses[i]!;
    if (c.aspects.length) throw new Error('extendScores: a clause that serves an aspect needs a full pass');
    const { docs, title } = corpus.postings(c.key);
    const sat = saturatedPostings(corpus, c.key);
    const w = c.weight * idf[i]!;
    const named = namedInTitle(query, c);
    if (named !== 0 && titleMasks === pass.titleMasks) titleMasks = Int32Array.from(pass.titleMasks);
    // Pseudo-relevance words name nothing: their titles then leave every mask as it is.
    if (named === 0) for (let k = 0; k < docs.length; k++) total[docs[k]!]! += w * sat[k]!;
    else {
      for (let k = 0; k < docs.length; k++) {
        total[docs[k]!]! += w * sat[k]!;
        if (title[k]! > 0) titleMasks[docs[k]!]! |= named;
      }
    }
  }
  const coordinated = coordinator(query, untitled);
  for (let d = 0; d < total.length; d++) if (total[d] !== 0) total[d] = coordinated(total[d]!, pass.masks[d]!, titleMasks[d]!);
  return total;
}

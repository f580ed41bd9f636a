/**
 * Many compiled topic models against many new papers. Models share most phrases, so clauses
 * are indexed by phrase: each paper's n-grams are counted once and looked up, and only the
 * topics with evidence are scored. Cost grows with the papers' text, not papers x topics.
 */
import type { FieldLengths } from './query-scorer.js';
import { UNTITLED_SHARE, aspectMask, clauseTable, combine, saturate, type ClauseTable } from './query-scorer.js';
import { NEAR_PREFIX } from './corpus.js';
import { MAX_NGRAM, PROXIMITY_WINDOW, pairKey } from './text.js';
import type { TopicModel } from './topic-model.js';
import { grown } from './stamps.js';

export interface ModelIndex {
  models: readonly TopicModel[];
  /** Per model, its clauses' groups and aspect masks as flat arrays (query-scorer.ts combine). */
  tables: readonly ClauseTable[];
  /**
   * Phrase -> the models and clauses looking for it. `cover` holds the clauses that cover an
   * aspect of their topic, `rest` the others (pseudo-relevance words, exclusions): a topic with
   * aspects scores nothing without covering one (query-scorer.ts coordinate), so its `rest`
   * clauses only matter for a paper some `cover` clause already found. Flat lists: model,
   * clause, model, clause, ...; `weight` is clause weight x IDF, in the same order.
   */
  byKey: Map<string, KeyUsers>;
  /** Every phrase of two or more words, cut after each of its words but the last: a paper's n-gram is only extended while it is one of these. */
  prefixes: Set<string>;
  /** Words of any proximity clause: only pairs of these are looked for in a paper. */
  nearWords: Set<string>;
}

interface KeyUsers {
  cover: Int32Array;
  coverWeight: Float64Array;
  rest: Int32Array;
  restWeight: Float64Array;
}

export interface ModelScore {
  raw: number;
  /** Clause index -> value, for the reason. */
  values: Map<number, number>;
}


export function indexModels(models: readonly TopicModel[]): ModelIndex {
  const lists = new Map<string, { cover: number[]; coverWeight: number[]; rest: number[]; restWeight: number[] }>();
  const prefixes = new Set<string>();
  const nearWords = new Set<string>();
  models.forEach((m, mi) => {
    // Without aspects every clause can make a score on its own.
    const coordinated = m.aspects.some((a) => a > 0);
    m.clauses.forEach((c, ci) => {
      if (c.key.startsWith(NEAR_PREFIX)) for (const w of c.key.slice(NEAR_PREFIX.length).split('|')) nearWords.add(w);
      else for (let k = 1; k < c.stems.length; k++) prefixes.add(c.stems.slice(0, k).join(' '));
      let list = lists.get(c.key);
      if (!list) lists.set(c.key, (list = { cover: [], coverWeight: [], rest: [], restWeight: [] }));
      const weight = c.weight * m.idf[ci]!;
      if (!coordinated || (c.weight > 0 && aspectMask(c) !== 0)) {
        list.cover.push(mi, ci);
        list.coverWeight.push(weight);
      } else {
        list.rest.push(mi, ci);
        list.restWeight.push(weight);
      }
    });
  });
  const byKey = new Map<string, KeyUsers>();
  for (const [key, l] of lists) {
    byKey.set(key, { cover: Int32Array.from(l.cover), coverWeight: Float64Array.from(l.coverWeight), rest: Int32Array.from(l.rest), restWeight: Float64Array.from(l.restWeight) });
  }
  return { models, tables: models.map((m) => clauseTable(m)), byKey, prefixes, nearWords };
}

const nearSeen: string[] = [];

/** Proximity keys (corpus.ts NEAR_PREFIX): pairs of words near each other, counted once per first word. */
function addNear(counts: Map<string, number>, seq: readonly string[], words: ReadonlySet<string>): void {
  // The window's words already paired with word i: at most 2 x PROXIMITY_WINDOW, so a reused list.
  const seen = nearSeen;
  for (let i = 0; i < seq.length; i++) {
    if (!words.has(seq[i]!)) continue;
    seen.length = 0;
    const a = seq[i]!;
    for (let j = Math.max(0, i - PROXIMITY_WINDOW); j <= i + PROXIMITY_WINDOW && j < seq.length; j++) {
      const b = seq[j]!;
      // Counted from the side of the pair's first word (pairKey's order), as the corpus counts it.
      if (j === i || !(a < b) || !words.has(b)) continue;
      // The pair's key is the same for the same other word.
      if (seen.includes(b)) continue;
      seen.push(b);
      const key = NEAR_PREFIX + pairKey(a, b);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
}

/**
 * Counts of the paper's n-grams some model looks for. An n-gram is only extended while some
 * phrase starts with it, so a paper costs about one lookup per word, not one string per n-gram.
 */
function gramCounts(seq: readonly string[], index: ModelIndex): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < seq.length; i++) {
    let key = '';
    for (let n = 0; n < MAX_NGRAM && i + n < seq.length; n++) {
      key = n === 0 ? seq[i]! : `${key} ${seq[i + n]}`;
      if (index.byKey.has(key)) out.set(key, (out.get(key) ?? 0) + 1);
      if (!index.prefixes.has(key)) break;
    }
  }
  return out;
}

/**
 * Scratch space reused across papers: hits are chained per model in flat arrays, so scoring a
 * paper against thousands of topics allocates almost nothing.
 */
class Scratch {
  epoch = 0;
  seen: Int32Array;
  /** Per model, the aspects the paper's title names (query-scorer.ts namedInTitle), valid in the epoch of `titledIn`. */
  titleMask: Int32Array;
  titledIn: Int32Array;
  head: Int32Array;
  next = new Int32Array(1024);
  clause = new Int32Array(1024);
  value = new Float64Array(1024);
  /** Per model, the sum of its positive clause values: no score can exceed it. */
  bound: Float64Array;
  size = 0;
  /** The models the paper's clauses met, in the order met (each once). */
  touched: Int32Array;
  touchedCount = 0;

  constructor(models: number) {
    this.touched = new Int32Array(models);
    this.seen = new Int32Array(models).fill(-1);
    this.titleMask = new Int32Array(models);
    this.titledIn = new Int32Array(models).fill(-1);
    this.head = new Int32Array(models);
    this.bound = new Float64Array(models);
  }

  push(model: number, clause: number, value: number): void {
    if (this.seen[model] !== this.epoch) {
      this.seen[model] = this.epoch;
      this.head[model] = -1;
      this.bound[model] = 0;
      this.touched[this.touchedCount++] = model;
    }
    if (value > 0) this.bound[model]! += value;
    if (this.size === this.next.length) {
      this.next = grown(this.next);
      this.clause = grown(this.clause);
      this.value = grown(this.value);
    }
    const node = this.size++;
    this.clause[node] = clause;
    this.value[node] = value;
    this.next[node] = this.head[model]!;
    this.head[model] = node;
  }
}

const scratches = new WeakMap<ModelIndex, Scratch>();

/**
 * Scores of one analysed paper for every model with any evidence. `wanted[model]`, when given,
 * is the least score wanted of a model: a model whose positive evidence cannot add up to it is
 * not even combined (most topics touch most papers through a common word or two), and one
 * scoring under it is dropped before its reason is prepared.
 */
export function scoreAgainst(
  index: ModelIndex,
  doc: { title: readonly string[]; body: readonly string[] },
  avg: FieldLengths,
  wanted?: Float64Array,
): Map<number, ModelScore> {
  let scratch = scratches.get(index);
  if (!scratch) scratches.set(index, (scratch = new Scratch(index.models.length)));
  scratch.epoch++;
  scratch.size = 0;
  scratch.touchedCount = 0;
  const title = gramCounts(doc.title, index);
  const body = gramCounts(doc.body, index);
  addNear(title, doc.title, index.nearWords);
  addNear(body, doc.body, index.nearWords);
  const sat = (key: string) => saturate([title.get(key) ?? 0, body.get(key) ?? 0], doc.title.length, doc.body.length, avg);
  // First the clauses that cover an aspect: only the models they find can score above zero.
  const users: KeyUsers[] = [];
  const sats: number[] = [];
  let fromTitle = 0;
  for (const fields of [title, body]) {
    if (fields === body) fromTitle = users.length;
    for (const key of fields.keys()) {
      const found = index.byKey.get(key);
      if (!found || (fields === body && title.has(key))) continue;
      users.push(found);
      sats.push(sat(key));
    }
  }
  users.forEach(({ cover, coverWeight }, i) => {
    const v = sats[i]!;
    for (let k = 0; k < cover.length; k += 2) {
      const mi = cover[k]!;
      scratch.push(mi, cover[k + 1]!, coverWeight[k >> 1]! * v);
      // Keys met in the title come first (the body skips them).
      if (i < fromTitle) {
        const named = index.tables[mi]!.named[cover[k + 1]!]!;
        if (scratch.titledIn[mi] !== scratch.epoch) {
          scratch.titledIn[mi] = scratch.epoch;
          scratch.titleMask[mi] = 0;
        }
        scratch.titleMask[mi]! |= named;
      }
    }
  });
  // Then the others, for those models, and for any model of which a zero score is wanted too.
  users.forEach(({ rest, restWeight }, i) => {
    const v = sats[i]!;
    for (let k = 0; k < rest.length; k += 2) {
      const mi = rest[k]!;
      if (scratch.seen[mi] !== scratch.epoch && wanted !== undefined && wanted[mi]! > 0) continue;
      scratch.push(mi, rest[k + 1]!, restWeight[k >> 1]! * v);
    }
  });

  const out = new Map<number, ModelScore>();
  const clauses: number[] = [];
  const values: number[] = [];
  for (let t = 0; t < scratch.touchedCount; t++) {
    const mi = scratch.touched[t]!;
    const least = wanted ? wanted[mi]! : -Infinity;
    if (scratch.bound[mi]! < least) continue;
    // A paper whose title names nothing of the topic keeps UNTITLED_SHARE of at most its bound
    // (query-scorer.ts coordinate); the margin covers rounding.
    if (scratch.titledIn[mi] !== scratch.epoch && scratch.bound[mi]! * UNTITLED_SHARE * (1 + 1e-9) < least) continue;
    clauses.length = 0;
    values.length = 0;
    for (let node = scratch.head[mi]!; node !== -1; node = scratch.next[node]!) {
      clauses.push(scratch.clause[node]!);
      values.push(scratch.value[node]!);
    }
    const raw = combine(index.models[mi]!, index.tables[mi]!, clauses, values, scratch.titledIn[mi] === scratch.epoch ? scratch.titleMask[mi]! : 0);
    if (raw < least) continue;
    // Filled in place: no list of pairs per scored model to build the map from.
    const byClause = new Map<number, number>();
    for (let i = 0; i < clauses.length; i++) byClause.set(clauses[i]!, values[i]!);
    out.set(mi, { raw, values: byClause });
  }
  return out;
}

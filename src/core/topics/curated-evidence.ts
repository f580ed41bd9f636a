/**
 * Evidence for catalog topics: the curated profile's phrases found in a paper (exact or near),
 * summed by tier with saturation and negative evidence, damped outside the topic's domain,
 * and the reason a person reads.
 */
import { FIELD_FACTOR, FIELDS, hasKey, surfaceForm, type Field, type PaperFeatures } from './paper-features.js';
import type { Signal, TopicProfile } from './profile.js';
import { pairKey } from './text.js';
import { MARK_NOTES } from './mark-notes.js';

/** Every profile phrase once, shared by the topics using it. */
export interface PhraseIndex {
  phrases: string[][];
  /** Space-joined stems -> phrase id. */
  exact: Map<string, number>;
  /** Pair key of a phrase's first two stems -> phrase ids (proximity evidence). */
  near: Map<string, number[]>;
  /** Phrase id -> (topic, signal) pairs using it. */
  users: Array<Array<[number, number]>>;
}

/** What scoring needs of a catalog topic. */
export interface CuratedTopic {
  profile: TopicProfile;
  /** Phrase id of each profile signal. */
  phraseOf: number[];
}

/** Phrase words near each other but not adjacent count for this share. */
const NEAR_FACTOR = 0.6;
/** Each further signal of the same tier counts for less: evidence saturates. */
const TIER_DECAY: Record<Signal['tier'], number> = { strong: 0.5, related: 0.75, weak: 0.75, negative: 0.5 };
const SINGLE_WORD_CAP = 1.5;
const TIERS = Object.keys(TIER_DECAY) as Array<Signal['tier']>;
/** Score multiplier when the topic's domain words are absent. */
const NO_CONTEXT_FACTOR = 0.35;

/** Evidence quality per field (1 exact, NEAR_FACTOR near, 0 none), indexed like FIELDS. */
export type Quality = [number, number, number];

export interface PaperHits {
  /** Phrase id -> quality per field. */
  phrases: Map<number, Quality>;
  /** Topic index -> its signals that hit. */
  topics: Map<number, number[]>;
}

export function collectHits(index: PhraseIndex, f: PaperFeatures): PaperHits {
  const phrases = new Map<number, Quality>();
  const record = (id: number, fi: number, q: number): void => {
    let qs = phrases.get(id);
    if (!qs) phrases.set(id, (qs = [0, 0, 0]));
    if (qs[fi]! < q) qs[fi] = q;
  };
  FIELDS.forEach((field, fi) => {
    const { grams, pairs } = f.fields[field];
    for (const g of grams) {
      const id = index.exact.get(g);
      if (id !== undefined) record(id, fi, 1);
    }
    for (const p of pairs) {
      const ids = index.near.get(p);
      if (!ids) continue;
      for (const id of ids) {
        const stems = index.phrases[id]!;
        let ok = true;
        for (let i = 1; i + 1 < stems.length && ok; i++) ok = pairs.has(pairKey(stems[i]!, stems[i + 1]!));
        if (ok) record(id, fi, NEAR_FACTOR);
      }
    }
  });
  const topics = new Map<number, number[]>();
  for (const id of phrases.keys()) {
    for (const [t, s] of index.users[id]!) {
      const list = topics.get(t);
      if (list) list.push(s);
      else topics.set(t, [s]);
    }
  }
  return { phrases, topics };
}

interface Evidence {
  signal: Signal;
  field: Field;
  value: number;
  exact: boolean;
}

function contextPresent(profile: TopicProfile, f: PaperFeatures): boolean {
  return profile.contexts.every((group) => group.length === 0 || group.some((key) => hasKey(f, key)));
}

export function squash(raw: number, threshold: number): number {
  return raw <= 0 ? 0 : 1 - 2 ** (-raw / threshold);
}

export function quote(s: string): string {
  return `'${s}'`;
}

function explain(evidence: Evidence[], damped: boolean, texts: Record<Field, string>): string {
  const shown = new Map<Field, string[]>();
  const against: string[] = [];
  let count = 0;
  const ranked = [...evidence].sort((a, b) => b.value - a.value);
  for (const e of ranked) {
    if (e.value <= 0 || count >= 5) continue;
    const words = surfaceForm(texts[e.field], e.signal.stems, e.exact).toLowerCase();
    const here = shown.get(e.field) ?? [];
    // 'audio codec' adds nothing next to 'neural audio codec'.
    if (here.some((w) => w.includes(words))) continue;
    shown.set(e.field, [...here.filter((w) => !words.includes(w)), words]);
    count++;
  }
  for (const e of ranked.reverse()) {
    if (e.value < 0 && against.length < 2) against.push(surfaceForm(texts[e.field], e.signal.stems, e.exact).toLowerCase());
  }
  const parts: string[] = [];
  for (const field of FIELDS) {
    const here = shown.get(field);
    if (here?.length) parts.push(`${field}: ${here.map(quote).join(', ')}`);
  }
  if (against.length) parts.push(`against: ${against.map(quote).join(', ')}`);
  if (damped) parts.push("outside the topic's usual domain");
  return parts.length ? parts.join('; ') : 'no evidence';
}

export interface Scored {
  raw: number;
  /** `raw` squashed to 0..1 (set once scored). */
  score?: number;
  evidence: Evidence[];
  damped: boolean;
  shifted: string;
}

/**
 * `shift`: the feedback model's nudge (feedback-model.ts); `rejected` whether any paper was marked
 * not relevant, since without such marks a paper moves down for being unlike the relevant ones.
 */
export function scoreTopic(ct: CuratedTopic, signals: readonly number[], hits: PaperHits, f: PaperFeatures, shift: number, rejected = false): Scored {
  const evidence: Evidence[] = [];
  // Values per group (tier x sign x single word or phrase), each summed with decay.
  const groups: number[][] = [];
  for (const s of signals) {
    const signal = ct.profile.signals[s]!;
    const quality = hits.phrases.get(ct.phraseOf[s]!)!;
    let best = 0;
    let bestField: Field = 'abstract';
    let bestQ = 0;
    let fieldCount = 0;
    for (let fi = 0; fi < FIELDS.length; fi++) {
      // A neighbouring sense counts against a paper only when said as such: the words of
      // 'generative retrieval' near each other ("generation via retrieval") are the topic itself.
      const q = signal.weight < 0 && quality[fi]! < 1 ? 0 : quality[fi]!;
      if (q === 0) continue;
      fieldCount++;
      const v = q * FIELD_FACTOR[FIELDS[fi]!];
      if (v > best) {
        best = v;
        bestField = FIELDS[fi]!;
        bestQ = q;
      }
    }
    const value = signal.weight * best * (1 + 0.2 * (fieldCount - 1));
    evidence.push({ signal, field: bestField, value, exact: bestQ === 1 });
    const g = TIERS.indexOf(signal.tier) * 4 + (value > 0 ? 0 : 2) + (signal.stems.length === 1 ? 1 : 0);
    (groups[g] ??= []).push(Math.abs(value));
  }
  let raw = 0;
  let singleWords = 0;
  groups.forEach((values, g) => {
    const tier = TIERS[Math.floor(g / 4)]!;
    const positive = (g & 2) === 0;
    const single = (g & 1) === 1;
    values.sort((x, y) => y - x);
    let sum = 0;
    let factor = 1;
    for (const v of values) {
      sum += v * factor;
      factor *= TIER_DECAY[tier];
    }
    if (single && positive && tier !== 'strong') singleWords += sum;
    else raw += positive ? sum : -sum;
  });
  // Loose words ("graph", "queries") are everywhere: together they only add up to a hint.
  raw += Math.min(singleWords, SINGLE_WORD_CAP);
  // Feedback can tip a paper that already has topic evidence; it never creates a match alone.
  let shifted = '';
  if (shift !== 0 && raw > 0) {
    const applied = Math.min(shift, raw);
    raw += applied;
    shifted = applied > 0 ? MARK_NOTES.likeUp : rejected ? MARK_NOTES.likeDown : MARK_NOTES.unlikeUp;
  }
  const damped = raw > 0 && !contextPresent(ct.profile, f);
  if (damped) raw *= NO_CONTEXT_FACTOR;
  return { raw, evidence, damped, shifted };
}

export function reason(scored: Scored, texts: Record<Field, string>): string {
  const why = explain(scored.evidence, scored.damped, texts);
  return scored.shifted ? `${why}; ${scored.shifted}` : why;
}

/** The catalog topics' reason maker, defined outside the matching loop so its closure keeps only what it needs (not the paper's n-gram sets). */
export function catalogWhy(scored: Scored | null, texts: Record<Field, string>): () => string {
  return () => (scored ? reason(scored, texts) : 'no evidence');
}

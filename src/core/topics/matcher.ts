/**
 * The offline topic matcher: weighted phrase evidence per field, proximity, negative
 * evidence and domain context, squashed into a 0..1 score with a calibrated threshold
 * (score >= 0.5 means matched). Every result carries a one-line reason.
 *
 * matchPapers compiles all topics into one phrase index, so the cost grows with the
 * papers' text, not with papers x topics.
 */
import type { TopicDefinition } from '../ports.js';
import { feedbackShift, paperTerms, type LearnedModel } from './feedback-model.js';
import { FIELD_FACTOR, FIELDS, analyzePaper, hasPhrase, surfaceForm, type Field, type MatchablePaper, type PaperFeatures } from './paper-features.js';
import { buildProfile, type Signal, type TopicProfile } from './profile.js';
import { contentStems, pairKey } from './text.js';

export type MatchOutcome = 'matched' | 'below-threshold' | 'excluded';

export interface MatchResult {
  arxivId: string;
  topicSlug: string;
  /** 0..1; 0.5 is the default decision threshold. */
  score: number;
  matched: boolean;
  outcome: MatchOutcome;
  /** One line: "title: 'speech tokenizer'; abstract: 'neural audio codec'". */
  why: string;
}

export interface MatcherOptions {
  /** Raw evidence at which a paper counts as matched (score 0.5). */
  rawThreshold?: number;
  /** Learned per-topic models from feedback, by topic slug. */
  learned?: ReadonlyMap<string, LearnedModel>;
  /** Expand topics with the curated catalog (default true; false measures bare definitions). */
  useCatalog?: boolean;
}

export interface Matcher {
  matchPaper(paper: MatchablePaper, topic: TopicDefinition): MatchResult;
  /** Every (paper, topic) pair with any evidence; `matchedOnly` (default true) keeps matches. */
  matchPapers(papers: readonly MatchablePaper[], topics: readonly TopicDefinition[], opts?: { matchedOnly?: boolean }): MatchResult[];
}

export const DEFAULT_RAW_THRESHOLD = 3.5;
/** Phrase words near each other but not adjacent count for this share. */
const NEAR_FACTOR = 0.6;
/** Each further signal of the same tier counts for less: evidence saturates. */
const TIER_DECAY: Record<Signal['tier'], number> = { strong: 0.5, related: 0.75, weak: 0.75, negative: 0.5, learned: 0.75 };
const SINGLE_WORD_CAP = 1.5;
/** Score multiplier when the topic's domain words are absent. */
const NO_CONTEXT_FACTOR = 0.35;

interface Ref {
  t: number;
  s: number;
}

interface CompiledTopic {
  topic: TopicDefinition;
  profile: TopicProfile;
  must: string[][];
  mustNot: string[][];
  model: LearnedModel | undefined;
}

interface Index {
  topics: CompiledTopic[];
  exact: Map<string, Ref[]>;
  near: Map<string, Ref[]>;
}

function push(map: Map<string, Ref[]>, key: string, ref: Ref): void {
  const list = map.get(key);
  if (list) list.push(ref);
  else map.set(key, [ref]);
}

function compile(topics: readonly TopicDefinition[], learned: ReadonlyMap<string, LearnedModel> | undefined, useCatalog: boolean): Index {
  const index: Index = { topics: [], exact: new Map(), near: new Map() };
  topics.forEach((topic, t) => {
    const profile = buildProfile(topic, { useCatalog });
    const model = learned?.get(topic.slug);
    index.topics.push({
      topic,
      profile,
      must: topic.mustPhrases.map((p) => contentStems(p)).filter((s) => s.length > 0),
      mustNot: topic.mustNotPhrases.map((p) => contentStems(p)).filter((s) => s.length > 0),
      model,
    });
    profile.signals.forEach((sig, s) => {
      push(index.exact, sig.stems.join(' '), { t, s });
      if (sig.stems.length >= 2) push(index.near, pairKey(sig.stems[0]!, sig.stems[1]!), { t, s });
    });
  });
  return index;
}

/** Per signal: the best evidence quality (1 exact, NEAR_FACTOR near) in each field. */
type Hits = Map<number, Map<number, Partial<Record<Field, number>>>>;

function collectHits(index: Index, f: PaperFeatures): Hits {
  const hits: Hits = new Map();
  const record = (ref: Ref, field: Field, q: number): void => {
    let bySignal = hits.get(ref.t);
    if (!bySignal) hits.set(ref.t, (bySignal = new Map()));
    let byField = bySignal.get(ref.s);
    if (!byField) bySignal.set(ref.s, (byField = {}));
    if ((byField[field] ?? 0) < q) byField[field] = q;
  };
  for (const field of FIELDS) {
    const { grams, pairs } = f.fields[field];
    for (const g of grams) for (const ref of index.exact.get(g) ?? []) record(ref, field, 1);
    for (const p of pairs) {
      for (const ref of index.near.get(p) ?? []) {
        const stems = index.topics[ref.t]!.profile.signals[ref.s]!.stems;
        let ok = true;
        for (let i = 1; i + 1 < stems.length && ok; i++) ok = pairs.has(pairKey(stems[i]!, stems[i + 1]!));
        if (ok) record(ref, field, NEAR_FACTOR);
      }
    }
  }
  return hits;
}

interface Evidence {
  signal: Signal;
  field: Field;
  value: number;
  exact: boolean;
}

function contextPresent(profile: TopicProfile, f: PaperFeatures): boolean {
  return profile.contexts.every((group) => group.length === 0 || group.some((stems) => hasPhrase(f, stems)));
}

function squash(raw: number, threshold: number): number {
  return raw <= 0 ? 0 : 1 - 2 ** (-raw / threshold);
}

function quote(s: string): string {
  return `'${s}'`;
}

function explain(evidence: Evidence[], damped: boolean, f: PaperFeatures): string {
  const shown = new Map<Field, string[]>();
  const against: string[] = [];
  let count = 0;
  const ranked = [...evidence].sort((a, b) => b.value - a.value);
  for (const e of ranked) {
    if (e.value <= 0 || count >= 5) continue;
    const words = surfaceForm(f.fields[e.field].text, e.signal.stems, e.exact).toLowerCase();
    const here = shown.get(e.field) ?? [];
    // 'audio codec' adds nothing next to 'neural audio codec'.
    if (here.some((w) => w.includes(words))) continue;
    shown.set(e.field, [...here.filter((w) => !words.includes(w)), words]);
    count++;
  }
  for (const e of ranked.reverse()) {
    if (e.value < 0 && against.length < 2) against.push(surfaceForm(f.fields[e.field].text, e.signal.stems, e.exact).toLowerCase());
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

function scoreTopic(ct: CompiledTopic, bySignal: Map<number, Partial<Record<Field, number>>>, f: PaperFeatures, shift: number): { raw: number; why: string } {
  const evidence: Evidence[] = [];
  for (const [s, byField] of bySignal) {
    const signal = ct.profile.signals[s]!;
    let best = 0;
    let bestField: Field = 'abstract';
    let fieldCount = 0;
    for (const field of FIELDS) {
      const q = byField[field];
      if (q === undefined) continue;
      fieldCount++;
      const v = q * FIELD_FACTOR[field];
      if (v > best) {
        best = v;
        bestField = field;
      }
    }
    evidence.push({ signal, field: bestField, value: signal.weight * best * (1 + 0.2 * (fieldCount - 1)), exact: byField[bestField] === 1 });
  }
  let raw = 0;
  let singleWords = 0;
  for (const tier of Object.keys(TIER_DECAY) as Array<Signal['tier']>) {
    for (const sign of [1, -1]) {
      for (const single of [false, true]) {
        const values = evidence
          .filter((e) => e.signal.tier === tier && Math.sign(e.value) === sign && (e.signal.stems.length === 1) === single)
          .map((e) => Math.abs(e.value))
          .sort((a, b) => b - a);
        let sum = 0;
        let factor = 1;
        for (const v of values) {
          sum += v * factor;
          factor *= TIER_DECAY[tier];
        }
        if (single && sign > 0 && tier !== 'strong') singleWords += sum;
        else raw += sign * sum;
      }
    }
  }
  // Loose words ("graph", "queries") are everywhere: together they only add up to a hint.
  raw += Math.min(singleWords, SINGLE_WORD_CAP);
  // Feedback can tip a paper that already has topic evidence; it never creates a match alone.
  let shifted = '';
  if (shift !== 0 && raw > 0) {
    const applied = Math.min(shift, raw);
    raw += applied;
    shifted = applied > 0 ? 'like papers marked relevant' : 'like papers marked not relevant';
  }
  const damped = raw > 0 && !contextPresent(ct.profile, f);
  if (damped) raw *= NO_CONTEXT_FACTOR;
  const why = explain(evidence, damped, f);
  return { raw, why: shifted ? `${why}; ${shifted}` : why };
}

/** Hard filters from the definition; a reason when one excludes the paper. */
function exclusion(ct: CompiledTopic, paper: MatchablePaper, f: PaperFeatures): string | null {
  const banned = ct.mustNot.find((stems) => hasPhrase(f, stems));
  if (banned) return `excluded: contains '${banned.join(' ')}'`;
  if (ct.must.length && !ct.must.some((stems) => hasPhrase(f, stems))) {
    return `excluded: none of ${ct.topic.mustPhrases.map(quote).join(', ')}`;
  }
  const cats = ct.topic.categories;
  if (cats.length && f.categories.length && !f.categories.some((c) => cats.includes(c))) {
    return `excluded: not in ${cats.join(', ')}`;
  }
  const min = ct.topic.minUpvotes;
  if (min !== null && (paper.upvotes ?? 0) < min) return `excluded: fewer than ${min} upvotes`;
  return null;
}

export function createMatcher(options: MatcherOptions = {}): Matcher {
  const threshold = options.rawThreshold ?? DEFAULT_RAW_THRESHOLD;

  function evaluate(index: Index, paper: MatchablePaper, matchedOnly: boolean, out: MatchResult[]): void {
    const f = analyzePaper(paper);
    const hits = collectHits(index, f);
    let terms: Set<string> | undefined;
    index.topics.forEach((ct, t) => {
      const bySignal = hits.get(t);
      const verdict = ct.model?.verdicts.get(paper.arxivId);
      if (!bySignal && !verdict) return;
      const base = { arxivId: paper.arxivId, topicSlug: ct.topic.slug };
      const excluded = exclusion(ct, paper, f);
      if (excluded) {
        if (!matchedOnly) out.push({ ...base, score: 0, matched: false, outcome: 'excluded', why: excluded });
        return;
      }
      let shift = 0;
      if (ct.model && bySignal) {
        terms ??= paperTerms(paper);
        shift = feedbackShift(ct.model, terms);
      }
      const { raw, why } = bySignal ? scoreTopic(ct, bySignal, f, shift) : { raw: 0, why: 'no evidence' };
      if (verdict === 'down') {
        if (!matchedOnly) out.push({ ...base, score: 0, matched: false, outcome: 'excluded', why: `marked not relevant; ${why}` });
        return;
      }
      let score = squash(raw, threshold);
      let reason = why;
      if (verdict === 'up') {
        score = Math.max(score, 0.99);
        reason = `marked relevant; ${why}`;
      }
      const matched = score >= 0.5;
      if (matched || !matchedOnly) {
        out.push({ ...base, score: Math.round(score * 1000) / 1000, matched, outcome: matched ? 'matched' : 'below-threshold', why: reason });
      }
    });
  }

  return {
    matchPaper(paper, topic) {
      const out: MatchResult[] = [];
      evaluate(compile([topic], options.learned, options.useCatalog ?? true), paper, false, out);
      return out[0] ?? { arxivId: paper.arxivId, topicSlug: topic.slug, score: 0, matched: false, outcome: 'below-threshold', why: 'no evidence' };
    },
    matchPapers(papers, topics, opts = {}) {
      const index = compile(topics, options.learned, options.useCatalog ?? true);
      const out: MatchResult[] = [];
      for (const paper of papers) evaluate(index, paper, opts.matchedOnly ?? true, out);
      return out.sort((a, b) => b.score - a.score);
    },
  };
}

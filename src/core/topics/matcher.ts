/**
 * The offline topic matcher: weighted phrase evidence per field, proximity, negative
 * evidence and domain context, squashed into a 0..1 score with a calibrated threshold
 * (score >= 0.5 means matched). Every result carries a one-line reason.
 *
 * matchPapers compiles all topics into one phrase index, so the cost grows with the
 * papers' text, not with papers x topics.
 */
import type { TopicDefinition } from '../ports.js';
import { buildCorpus, docFields, type Corpus } from './corpus.js';
import { feedbackShift, paperTerms, type LearnedModel } from './feedback-model.js';
import { freeTextModel, freeTextReason } from './free-text.js';
import { indexModels, scoreAgainst, type ModelIndex, type ModelScore } from './model-index.js';
import { neighbourShift, termVector } from './neighbours.js';
import { FIELD_FACTOR, FIELDS, analyzePaper, hasKey, hasPhrase, surfaceForm, type Field, type MatchablePaper, type PaperFeatures } from './paper-features.js';
import { buildProfile, catalogSpec, type Signal, type TopicProfile } from './profile.js';
import { contentStems, pairKey } from './text.js';
import { MIN_CALIBRATION_DOCS, type TopicModel } from './topic-model.js';
import type { Vocabulary } from './vocabulary/vocabulary.js';

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
  /**
   * The reference corpus free-text topics are compiled against (recent stored papers). Without
   * one, the papers being matched serve as the corpus.
   */
  corpus?: Corpus;
  /** The shipped machine-learning vocabulary (default: vocabulary/index.ts). */
  vocabulary?: Vocabulary;
  /** Stored topic definitions (drafted by an LLM or edited), by topic slug. */
  definitions?: ReadonlyMap<string, TopicDraft>;
}

/** Extra words that define a topic beyond its name: expansions count for it, exclusions against. */
export interface TopicDraft {
  expansions: string[];
  exclusions: string[];
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
const TIER_DECAY: Record<Signal['tier'], number> = { strong: 0.5, related: 0.75, weak: 0.75, negative: 0.5 };
const SINGLE_WORD_CAP = 1.5;
const TIERS = Object.keys(TIER_DECAY) as Array<Signal['tier']>;
/** Score multiplier when the topic's domain words are absent. */
const NO_CONTEXT_FACTOR = 0.35;

interface CompiledTopic {
  topic: TopicDefinition;
  /** Catalog topics: curated phrase evidence. */
  profile: TopicProfile;
  /** Whether the catalog curates this topic (its profile has signals). */
  curated: boolean;
  /**
   * The corpus-compiled model (index into Index.free). Every topic has one: a catalog topic's
   * score is the mean of its curated profile's and its model's, so the catalog adds precision
   * to what the corpus says rather than deciding alone.
   */
  free: number;
  /** Phrase id of each profile signal. */
  phraseOf: number[];
  must: string[][];
  mustNot: string[][];
  model: LearnedModel | undefined;
}

/**
 * Topics share most phrases (ad-hoc topics reuse catalog concepts), so phrases are
 * deduplicated: each paper is checked once per distinct phrase, then fanned out to topics.
 */
interface Index {
  topics: CompiledTopic[];
  phrases: string[][];
  /** Space-joined stems -> phrase id. */
  exact: Map<string, number>;
  /** Pair key of a phrase's first two stems -> phrase ids (proximity evidence). */
  near: Map<string, number[]>;
  /** Phrase id -> (topic, signal) pairs using it. */
  users: Array<Array<[number, number]>>;
  /** Paper id -> topics with a feedback verdict on it. */
  marked: Map<string, number[]>;
  /** Free-text models and the topic each belongs to. */
  free: { models: TopicModel[]; topicOf: number[]; index: ModelIndex; floors: Float64Array };
  corpus: Corpus;
}

interface CompileContext {
  learned: ReadonlyMap<string, LearnedModel> | undefined;
  useCatalog: boolean;
  corpus: Corpus;
  vocabulary: Vocabulary | undefined;
  definitions: ReadonlyMap<string, TopicDraft> | undefined;
}

function compile(topics: readonly TopicDefinition[], ctx: CompileContext): Index {
  const { learned, useCatalog } = ctx;
  const models: TopicModel[] = [];
  const topicOf: number[] = [];
  const index: Index = { topics: [], phrases: [], exact: new Map(), near: new Map(), users: [], marked: new Map(), free: { models, topicOf, index: indexModels([]), floors: new Float64Array() }, corpus: ctx.corpus };
  const phraseId = (stems: string[]): number => {
    const key = stems.join(' ');
    let id = index.exact.get(key);
    if (id === undefined) {
      id = index.phrases.length;
      index.phrases.push(stems);
      index.users.push([]);
      index.exact.set(key, id);
      if (stems.length >= 2) {
        const pk = pairKey(stems[0]!, stems[1]!);
        const list = index.near.get(pk);
        if (list) list.push(id);
        else index.near.set(pk, [id]);
      }
    }
    return id;
  };
  topics.forEach((topic, t) => {
    const curated = useCatalog && catalogSpec(topic.slug) !== undefined;
    const profile = curated ? buildProfile(topic, { useCatalog }) : { slug: topic.slug, signals: [], contexts: [] };
    const phraseOf = profile.signals.map((sig, s) => {
      const id = phraseId(sig.stems);
      index.users[id]!.push([t, s]);
      return id;
    });
    const free = models.length;
    models.push(freeTextModel(topic, { ...ctx, learned: learned?.get(topic.slug), draft: withCatalogExclusions(ctx.definitions?.get(topic.slug), curated ? catalogSpec(topic.slug) : undefined) }));
    topicOf.push(t);
    index.topics.push({
      topic,
      profile,
      curated,
      free,
      phraseOf,
      must: topic.mustPhrases.map((p) => contentStems(p)).filter((x) => x.length > 0),
      mustNot: topic.mustNotPhrases.map((p) => contentStems(p)).filter((x) => x.length > 0),
      model: learned?.get(topic.slug),
    });
    for (const id of learned?.get(topic.slug)?.verdicts.keys() ?? []) {
      const list = index.marked.get(id);
      if (list) list.push(t);
      else index.marked.set(id, [t]);
    }
  });
  index.free.index = indexModels(models);
  // When only matches are wanted, a model's papers under its threshold can be skipped unless
  // feedback by example may lift them, or the topic's curated profile may (the mean of two).
  index.free.floors = Float64Array.from(models, (m, i) => (m.neighbours || index.topics[topicOf[i]!]!.curated ? -Infinity : m.threshold));
  return index;
}

/** A curated topic's model also counts its catalog entry's neighbouring senses against a paper. */
function withCatalogExclusions(draft: TopicDraft | undefined, spec: ReturnType<typeof catalogSpec>): TopicDraft | undefined {
  if (!spec?.negative.length) return draft;
  return { expansions: draft?.expansions ?? [], exclusions: [...(draft?.exclusions ?? []), ...spec.negative] };
}

/** Evidence quality per field (1 exact, NEAR_FACTOR near, 0 none), indexed like FIELDS. */
type Quality = [number, number, number];

interface PaperHits {
  /** Phrase id -> quality per field. */
  phrases: Map<number, Quality>;
  /** Topic index -> its signals that hit. */
  topics: Map<number, number[]>;
}

function collectHits(index: Index, f: PaperFeatures): PaperHits {
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

function squash(raw: number, threshold: number): number {
  return raw <= 0 ? 0 : 1 - 2 ** (-raw / threshold);
}

function quote(s: string): string {
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

interface Scored {
  raw: number;
  evidence: Evidence[];
  damped: boolean;
  shifted: string;
}

function scoreTopic(ct: CompiledTopic, signals: readonly number[], hits: PaperHits, f: PaperFeatures, shift: number): Scored {
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
      const q = quality[fi]!;
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
    shifted = applied > 0 ? 'like papers marked relevant' : 'like papers marked not relevant';
  }
  const damped = raw > 0 && !contextPresent(ct.profile, f);
  if (damped) raw *= NO_CONTEXT_FACTOR;
  return { raw, evidence, damped, shifted };
}

function reason(scored: Scored, texts: Record<Field, string>): string {
  const why = explain(scored.evidence, scored.damped, texts);
  return scored.shifted ? `${why}; ${scored.shifted}` : why;
}

/** Hard filters from the definition; a reason when one excludes the paper. */
function exclusion(ct: CompiledTopic, paper: MatchablePaper, features: () => PaperFeatures): string | null {
  const banned = ct.mustNot.find((stems) => hasPhrase(features(), stems));
  if (banned) return `excluded: contains '${banned.join(' ')}'`;
  if (ct.must.length && !ct.must.some((stems) => hasPhrase(features(), stems))) {
    return `excluded: none of ${ct.topic.mustPhrases.map(quote).join(', ')}`;
  }
  const cats = ct.topic.categories;
  const paperCats = paper.categories ?? [];
  if (cats.length && paperCats.length && !paperCats.some((c) => cats.includes(c))) {
    return `excluded: not in ${cats.join(', ')}`;
  }
  const min = ct.topic.minUpvotes;
  if (min !== null && (paper.upvotes ?? 0) < min) return `excluded: fewer than ${min} upvotes`;
  return null;
}

/**
 * Explanations quote the paper, which costs a re-tokenisation; most results (a digest keeps a
 * few per subscriber) are never shown, so the reason is computed on first read.
 */
function withLazyWhy(result: Omit<MatchResult, 'why'>, make: () => string): MatchResult {
  let why: string | undefined;
  return Object.defineProperty(result, 'why', { get: () => (why ??= make()), enumerable: true }) as MatchResult;
}

/** The catalog topics' reason maker, defined outside the matching loop so its closure keeps only what it needs (not the paper's n-gram sets). */
function catalogWhy(scored: Scored | null, texts: Record<Field, string>, prefix: string): () => string {
  return () => prefix + (scored ? reason(scored, texts) : 'no evidence');
}

function evaluateFree(index: Index, ct: CompiledTopic, paper: MatchablePaper, features: () => PaperFeatures, scored: ModelScore | undefined, matchedOnly: boolean, out: MatchResult[]): void {
  const model = index.free.models[ct.free!]!;
  const verdict = ct.model?.verdicts.get(paper.arxivId);
  const base = { arxivId: paper.arxivId, topicSlug: ct.topic.slug };
  const excluded = exclusion(ct, paper, features);
  if (excluded) {
    if (!matchedOnly) out.push({ ...base, score: 0, matched: false, outcome: 'excluded', why: excluded });
    return;
  }
  const texts: Record<Field, string> = { title: paper.title, keywords: (paper.aiKeywords ?? []).join(' ; '), abstract: paper.aiSummary ? `${paper.abstract}\n${paper.aiSummary}` : paper.abstract };
  let raw = scored?.raw ?? 0;
  let like: 'up' | 'down' | null = null;
  if (model.neighbours && raw > 0 && verdict === undefined) {
    const n = neighbourShift(model.neighbours, termVector(docFields(paper), index.corpus));
    raw = Math.max(0, raw + n.shift * model.threshold);
    like = n.like;
  }
  const likeNote = like === 'up' ? '; like papers marked relevant' : like === 'down' ? '; like papers marked not relevant' : '';
  const why = () => (scored ? freeTextReason(model, scored, texts) + likeNote : 'no evidence');
  if (verdict === 'down') {
    if (!matchedOnly) out.push({ ...base, score: 0, matched: false, outcome: 'excluded', why: `marked not relevant; ${why()}` });
    return;
  }
  let score = squash(raw, model.threshold);
  if (verdict === 'up') score = Math.max(score, 0.99);
  const matched = score >= 0.5;
  if (!matched && matchedOnly) return;
  const result = { ...base, score: Math.round(score * 1000) / 1000, matched, outcome: matched ? ('matched' as const) : ('below-threshold' as const) };
  const prefix = verdict === 'up' ? 'marked relevant; ' : '';
  out.push(withLazyWhy(result, () => prefix + why()));
}

export function createMatcher(options: MatcherOptions = {}): Matcher {
  const threshold = options.rawThreshold ?? DEFAULT_RAW_THRESHOLD;
  const context = (papers: readonly MatchablePaper[]): CompileContext => ({
    learned: options.learned,
    useCatalog: options.useCatalog ?? true,
    corpus: options.corpus ?? buildCorpus(papers),
    vocabulary: options.vocabulary,
    definitions: options.definitions,
  });

  function evaluate(index: Index, paper: MatchablePaper, matchedOnly: boolean, out: MatchResult[]): void {
    // The phrase features only catalog topics and must/must-not phrases need: computed on demand.
    let analysed: PaperFeatures | undefined;
    const features = () => (analysed ??= analyzePaper(paper));
    const hits = index.phrases.length ? collectHits(index, features()) : { phrases: new Map<number, Quality>(), topics: new Map<number, number[]>() };
    let terms: Set<string> | undefined;
    const candidates = new Set(hits.topics.keys());
    for (const t of index.marked.get(paper.arxivId) ?? []) candidates.add(t);
    // Below-threshold results are only wanted when asked for (or when the paper is marked).
    const freeScores = index.free.models.length ? scoreAgainst(index.free.index, docFields(paper), index.corpus, matchedOnly ? index.free.floors : undefined) : new Map<number, ModelScore>();
    for (const mi of freeScores.keys()) candidates.add(index.free.topicOf[mi]!);
    for (const t of candidates) {
      const ct = index.topics[t]!;
      if (!ct.curated) {
        evaluateFree(index, ct, paper, features, freeScores.get(ct.free), matchedOnly, out);
        continue;
      }
      const f = features();
      const texts: Record<Field, string> = { title: f.fields.title.text, keywords: f.fields.keywords.text, abstract: f.fields.abstract.text };
      const bySignal = hits.topics.get(t);
      const verdict = ct.model?.verdicts.get(paper.arxivId);
      const base = { arxivId: paper.arxivId, topicSlug: ct.topic.slug };
      const excluded = exclusion(ct, paper, features);
      if (excluded) {
        if (!matchedOnly) out.push({ ...base, score: 0, matched: false, outcome: 'excluded', why: excluded });
        continue;
      }
      let shift = 0;
      if (ct.model && bySignal) {
        terms ??= paperTerms(paper);
        shift = feedbackShift(ct.model, terms);
      }
      const scored = bySignal ? scoreTopic(ct, bySignal, hits, f, shift) : null;
      if (verdict === 'down') {
        if (!matchedOnly) out.push({ ...base, score: 0, matched: false, outcome: 'excluded', why: `marked not relevant; ${scored ? reason(scored, texts) : 'no evidence'}` });
        continue;
      }
      const model = freeScores.get(ct.free);
      const curatedScore = squash(scored?.raw ?? 0, threshold);
      // A corpus too small to calibrate on leaves the decision to the curated profile.
      let score = index.corpus.docs.length < MIN_CALIBRATION_DOCS ? curatedScore : (curatedScore + squash(model?.raw ?? 0, index.free.models[ct.free]!.threshold)) / 2;
      if (verdict === 'up') score = Math.max(score, 0.99);
      const matched = score >= 0.5;
      if (matched || !matchedOnly) {
        const result = { ...base, score: Math.round(score * 1000) / 1000, matched, outcome: matched ? ('matched' as const) : ('below-threshold' as const) };
        out.push(withLazyWhy(result, catalogWhy(scored, texts, verdict === 'up' ? 'marked relevant; ' : '')));
      }
    }
  }

  return {
    matchPaper(paper, topic) {
      const out: MatchResult[] = [];
      evaluate(compile([topic], context([paper])), paper, false, out);
      return out[0] ?? { arxivId: paper.arxivId, topicSlug: topic.slug, score: 0, matched: false, outcome: 'below-threshold', why: 'no evidence' };
    },
    matchPapers(papers, topics, opts = {}) {
      const index = compile(topics, context(papers));
      const out: MatchResult[] = [];
      for (const paper of papers) evaluate(index, paper, opts.matchedOnly ?? true, out);
      return out.sort((a, b) => b.score - a.score);
    },
  };
}

/**
 * The offline topic matcher. Every topic is compiled against the reference corpus into a model
 * with a calibrated threshold of its own (topic-model.ts); a catalog topic also has a curated
 * profile (curated-evidence.ts) and scores the mean of the two. Scores are 0..1, 0.5 means
 * matched, and every result carries a one-line reason.
 *
 * matchPapers compiles all topics into one index, so the cost grows with the papers' text,
 * not with papers x topics.
 */
import type { TopicDefinition } from '../ports.js';
import { inArxivCategory } from '../papers/arxiv-categories.js';
import { buildCorpus, docFields, type Corpus } from './corpus.js';
import { feedbackShift, paperTerms, type LearnedModel } from './feedback-model.js';
import { freeTextModel, freeTextReason } from './free-text.js';
import { MARK_NOTES } from './mark-notes.js';
import { indexModels, scoreAgainst, type ModelIndex, type ModelScore } from './model-index.js';
import { neighbourShift, termVector } from './neighbours.js';
import { catalogWhy, collectHits, quote, scoreTopic, squash, type CuratedTopic, type PaperHits, type PhraseIndex, type Quality, type Scored } from './curated-evidence.js';
import { analyzePaper, hasPhrase, type Field, type MatchablePaper, type PaperFeatures } from './paper-features.js';
import { buildProfile, catalogSpec } from './profile.js';
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
  /**
   * Every (paper, topic) pair with any evidence; `matchedOnly` (default true) keeps matches.
   * `minScore` keeps the results scoring at least that instead (excluded ones only at 0): a
   * layer that looks at papers near the bar asks for them, not for every pair with a common word
   * (1,000 papers x 1,000 topics gave 976,011 results and took 5x as long).
   */
  matchPapers(papers: readonly MatchablePaper[], topics: readonly TopicDefinition[], opts?: { matchedOnly?: boolean; minScore?: number }): MatchResult[];
  /** The model a topic is compiled into on this matcher's corpus, as matching uses it (what `topics show` and `match` say of it). */
  modelOf(topic: TopicDefinition): TopicModel;
}

export const DEFAULT_RAW_THRESHOLD = 3.5;
interface CompiledTopic extends CuratedTopic {
  topic: TopicDefinition;
  /** Whether the catalog curates this topic (its profile has signals). */
  curated: boolean;
  /**
   * The corpus-compiled model (index into Index.free). Every topic has one: a catalog topic's
   * score is the mean of its curated profile's and its model's, so the catalog adds precision
   * to what the corpus says rather than deciding alone.
   */
  free: number;
  must: string[][];
  mustNot: string[][];
  model: LearnedModel | undefined;
}

/**
 * Topics share most phrases (ad-hoc topics reuse catalog concepts), so phrases are
 * deduplicated: each paper is checked once per distinct phrase, then fanned out to topics.
 */
interface Index extends PhraseIndex {
  topics: CompiledTopic[];
  /** Paper id -> topics with a feedback verdict on it. */
  marked: Map<string, number[]>;
  /** Free-text models and the topic each belongs to. */
  free: { models: TopicModel[]; topicOf: number[]; index: ModelIndex; floors: Float64Array; scratchFloors: Float64Array };
  /** Indexes of the catalog topics (curated profiles). */
  curated: number[];
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
  const index: Index = { topics: [], phrases: [], exact: new Map(), near: new Map(), users: [], marked: new Map(), free: { models, topicOf, index: indexModels([]), floors: new Float64Array(), scratchFloors: new Float64Array() }, curated: [], corpus: ctx.corpus };
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
    if (curated) index.curated.push(t);
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
  // feedback by example may lift them (catalog topics: curatedFloors).
  index.free.floors = Float64Array.from(models, (m) => (m.neighbours ? -Infinity : m.threshold));
  index.free.scratchFloors = new Float64Array(models.length);
  return index;
}

/** A curated topic's model also counts its catalog entry's neighbouring senses against a paper. */
function withCatalogExclusions(draft: TopicDraft | undefined, spec: ReturnType<typeof catalogSpec>): TopicDraft | undefined {
  if (!spec?.negative.length) return draft;
  return { expansions: draft?.expansions ?? [], exclusions: [...(draft?.exclusions ?? []), ...spec.negative] };
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
  // A topic's archive ("cs") holds its categories (cs.CL), as arXiv's listings read it.
  if (cats.length && paperCats.length && !paperCats.some((c) => cats.some((wanted) => inArxivCategory(c, wanted)))) {
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
function withLazyWhy(arxivId: string, topicSlug: string, score: number, matched: boolean, make: () => string): MatchResult {
  let why: string | undefined;
  // A getter in the literal, not defined onto the object afterwards: one shape for every result
  // of thousands of pairs, and no property definition per result.
  return {
    arxivId,
    topicSlug,
    score,
    matched,
    outcome: matched ? 'matched' : 'below-threshold',
    get why() {
      return (why ??= make());
    },
  };
}

/** True when the definition excludes the paper; the exclusion is kept when below-threshold results are wanted. */
function excludedByDefinition(ct: CompiledTopic, paper: MatchablePaper, features: () => PaperFeatures, least: number, out: MatchResult[]): boolean {
  const excluded = exclusion(ct, paper, features);
  if (excluded && least <= 0) out.push({ arxivId: paper.arxivId, topicSlug: ct.topic.slug, score: 0, matched: false, outcome: 'excluded', why: excluded });
  return excluded !== null;
}

/** A scored pair's result: a paper marked relevant stays in, one marked not relevant is excluded; under `least` is left out. */
function pushScored(out: MatchResult[], ct: CompiledTopic, paper: MatchablePaper, score: number, least: number, why: () => string): void {
  const verdict = ct.model?.verdicts.get(paper.arxivId);
  if (verdict === 'down') {
    if (least <= 0) out.push({ arxivId: paper.arxivId, topicSlug: ct.topic.slug, score: 0, matched: false, outcome: 'excluded', why: `${MARK_NOTES.markedDown}; ${why()}` });
    return;
  }
  if (verdict === 'up') score = Math.max(score, 0.99);
  const matched = score >= 0.5;
  if (score < least) return;
  // Written out, not spread from a base object: one object per result of thousands of pairs.
  out.push(withLazyWhy(paper.arxivId, ct.topic.slug, Math.round(score * 1000) / 1000, matched, verdict === 'up' ? () => `${MARK_NOTES.markedUp}; ${why()}` : why));
}

/** Whether catalog topics blend in their model: a corpus too small to calibrate on leaves the decision to the curated profile. */
function blendsModel(index: Index): boolean {
  return index.corpus.docs.length >= MIN_CALIBRATION_DOCS;
}

function evaluateFree(index: Index, ct: CompiledTopic, paper: MatchablePaper, features: () => PaperFeatures, scored: ModelScore | undefined, least: number, out: MatchResult[]): void {
  if (excludedByDefinition(ct, paper, features, least, out)) return;
  const model = index.free.models[ct.free]!;
  // Only a reason read quotes the paper (withLazyWhy): the texts are put together then.
  const { title, aiKeywords, abstract, aiSummary } = paper;
  const texts = (): Record<Field, string> => ({ title, keywords: (aiKeywords ?? []).join(' ; '), abstract: aiSummary ? `${abstract}\n${aiSummary}` : abstract });
  let raw = scored?.raw ?? 0;
  let like: 'up' | 'down' | null = null;
  if (model.neighbours && raw > 0 && !ct.model?.verdicts.has(paper.arxivId)) {
    const n = neighbourShift(model.neighbours, termVector(docFields(paper), index.corpus));
    raw = Math.max(0, raw + n.shift * model.threshold);
    like = n.like;
  }
  const likeNote = like === 'up' ? `; ${MARK_NOTES.likeUp}` : like === 'down' ? `; ${MARK_NOTES.likeDown}` : '';
  pushScored(out, ct, paper, squash(raw, model.threshold), least, () => (scored ? freeTextReason(model, scored, texts()) + likeNote : 'no evidence'));
}

/** Curated evidence of each catalog topic the paper has phrase hits for, by topic index. */
function scoreCurated(index: Index, paper: MatchablePaper, hits: PaperHits, features: () => PaperFeatures, threshold: number): Map<number, Scored> {
  const out = new Map<number, Scored>();
  let terms: Set<string> | undefined;
  for (const t of index.curated) {
    const bySignal = hits.topics.get(t);
    if (!bySignal) continue;
    const ct = index.topics[t]!;
    let shift = 0;
    if (ct.model) {
      terms ??= paperTerms(paper);
      shift = feedbackShift(ct.model, terms);
    }
    const scored = scoreTopic(ct, bySignal, hits, features(), shift, (ct.model?.down.length ?? 0) > 0);
    out.set(t, { ...scored, score: squash(scored.raw, threshold) });
  }
  return out;
}

/**
 * Least raw model score worth computing per model when only results scoring `least` or more are
 * wanted. A free-text topic scores squash(raw, threshold), so raw must reach -threshold *
 * log2(1 - least) (its threshold at 0.5). A catalog topic scores the mean of its curated score c
 * and its model's, so its model must reach 2 * least - c: at 0.5, nothing without curated
 * evidence, unless the paper is marked.
 */
function leastRaw(index: Index, curated: ReadonlyMap<number, Scored>, marked: readonly number[], least: number): Float64Array {
  const floors = index.free.floors;
  const blended = index.curated.length > 0 && blendsModel(index);
  if (least === 0.5 && !blended) return floors;
  const out = index.free.scratchFloors;
  if (least === 0.5) out.set(floors);
  else {
    // A hair lower for rounding.
    const scale = -Math.log2(1 - Math.min(least, 0.999)) * (1 - 1e-9);
    for (let i = 0; i < floors.length; i++) out[i] = floors[i]! * scale;
  }
  if (!blended) return out;
  for (const t of index.curated) {
    const ct = index.topics[t]!;
    const need = 2 * least - (curated.get(t)?.score ?? 0);
    const model = index.free.models[ct.free]!;
    out[ct.free] = marked.includes(t) || need <= 0 ? -Infinity : need >= 1 ? Infinity : -model.threshold * Math.log2(1 - need) * (1 - 1e-9);
  }
  return out;
}

function evaluateCurated(index: Index, ct: CompiledTopic, paper: MatchablePaper, features: () => PaperFeatures, scored: Scored | null, model: ModelScore | undefined, least: number, out: MatchResult[]): void {
  if (excludedByDefinition(ct, paper, features, least, out)) return;
  const f = features();
  const texts: Record<Field, string> = { title: f.fields.title.text, keywords: f.fields.keywords.text, abstract: f.fields.abstract.text };
  const curatedScore = scored?.score ?? 0;
  const score = blendsModel(index) ? (curatedScore + squash(model?.raw ?? 0, index.free.models[ct.free]!.threshold)) / 2 : curatedScore;
  pushScored(out, ct, paper, score, least, catalogWhy(scored, texts));
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

  // A digest over a big window matches page by page with the same topics: on a corpus of its
  // own (not the papers matched) the index is the same for every page, and compiling it per page
  // was 13 s of 151 s at 100,000 papers x 11 topics. The topics are read from the store per page,
  // so they are told by their content, not identity.
  let last: { key: string; index: Index } | null = null;
  function compiledFor(topics: readonly TopicDefinition[], papers: readonly MatchablePaper[]): Index {
    if (!options.corpus) return compile(topics, context(papers));
    const key = JSON.stringify(topics);
    if (last?.key !== key) last = { key, index: compile(topics, context(papers)) };
    return last.index;
  }

  function evaluate(index: Index, paper: MatchablePaper, least: number, out: MatchResult[]): void {
    // The phrase features only catalog topics and must/must-not phrases need: computed on demand.
    let analysed: PaperFeatures | undefined;
    const features = () => (analysed ??= analyzePaper(paper));
    const hits = index.phrases.length ? collectHits(index, features()) : { phrases: new Map<number, Quality>(), topics: new Map<number, number[]>() };
    const candidates = new Set(hits.topics.keys());
    const marked = index.marked.get(paper.arxivId) ?? [];
    for (const t of marked) candidates.add(t);
    const curated = scoreCurated(index, paper, hits, features, threshold);
    // Results under `least` are not wanted (a marked paper's are).
    const floors = least > 0 ? leastRaw(index, curated, marked, least) : undefined;
    const freeScores = index.free.models.length ? scoreAgainst(index.free.index, docFields(paper), index.corpus, floors) : new Map<number, ModelScore>();
    for (const mi of freeScores.keys()) candidates.add(index.free.topicOf[mi]!);
    for (const t of candidates) {
      const ct = index.topics[t]!;
      if (ct.curated) evaluateCurated(index, ct, paper, features, curated.get(t) ?? null, freeScores.get(ct.free), least, out);
      else evaluateFree(index, ct, paper, features, freeScores.get(ct.free), least, out);
    }
  }

  return {
    matchPaper(paper, topic) {
      const out: MatchResult[] = [];
      evaluate(compile([topic], context([paper])), paper, 0, out);
      return out[0] ?? { arxivId: paper.arxivId, topicSlug: topic.slug, score: 0, matched: false, outcome: 'below-threshold', why: 'no evidence' };
    },
    modelOf(topic) {
      return compile([topic], context([])).free.models[0]!;
    },
    matchPapers(papers, topics, opts = {}) {
      const index = compiledFor(topics, papers);
      const out: MatchResult[] = [];
      const least = opts.minScore ?? ((opts.matchedOnly ?? true) ? 0.5 : 0);
      for (const paper of papers) evaluate(index, paper, least, out);
      return out.sort((a, b) => b.score - a.score);
    },
  };
}

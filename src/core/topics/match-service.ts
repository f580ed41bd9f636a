/**
 * Matching as the CLI, chat and digest job use it: the offline matcher with each topic's
 * learned feedback model and the recent stored papers as the reference corpus, plus the
 * semantic layer and the LLM check of borderline papers when they are configured.
 */
import type { Paper } from '../papers/paper.js';
import type { PaperStore, TopicDefinition } from '../ports.js';
import { buildCorpusYielding, type Corpus } from './corpus.js';
import type { FeedbackService } from './feedback-service.js';
import { readingOf, type TopicReading } from './free-text.js';
import type { Respelling } from './spelling.js';
import type { LearnedModel } from './feedback-model.js';
import { createMatcher, type Matcher, type MatchResult, type TopicDraft } from './matcher.js';
import { isMarked } from './mark-notes.js';
import { checkTopicText, MAX_TOPIC_NAME, topicTextProblem } from './names.js';
import { CHECK_BAND, type RelevanceCheck } from './relevance-check.js';
import { blend, type SemanticScorer } from './semantic.js';
import { freeTextTopic, type TopicLookup, type TopicService } from './topic-service.js';

/** Papers one `match` reads, the newest first: matching a whole archive would take minutes. */
export const MATCH_SCAN = 5_000;

export interface MatchedPaper extends MatchResult {
  title: string;
  publishedAt: Date | null;
}

export type TopicMatches =
  /** `matched`: how many papers matched in all; `items` holds the best of them, up to the limit. */
  /** `considered`: the papers read, the newest first; at most MATCH_SCAN unless asked otherwise. */
  /**
   * `respelled`: words of a free-text topic read as others, likely meant (spelling.ts); `excluded`: what it says it is not;
   * `unmet`: fields it names that no stored paper mentions (free-text.ts).
   */
  | { status: 'ok'; topic: TopicDefinition; items: MatchedPaper[]; matched: number; considered: number; respelled: Respelling[]; excluded: string[]; unmet: string[] }
  | Extract<TopicLookup, { status: 'unknown' }>
  | { status: 'invalid'; message: string };

export interface MatchOptions {
  since?: Date;
  limit?: number;
  scan?: number;
}

export interface MatchService {
  /** Matches of one stored topic among stored papers (first seen since `since`), best first. */
  matchTopic(nameOrSlug: string, opts?: MatchOptions): Promise<TopicMatches>;
  /** Matches of any text as if it were a topic; nothing is stored. */
  previewText(text: string, opts?: MatchOptions): Promise<TopicMatches>;
  /** Matches of a topic definition that may not be stored yet (a subscription's preview). */
  matchDefinition(topic: TopicDefinition, opts?: MatchOptions): Promise<TopicMatches>;
  /** Every match of the papers against the topics (digest job: new papers x subscribed topics). */
  matchPapers(papers: readonly Paper[], topics: readonly TopicDefinition[]): Promise<MatchResult[]>;
  /** How a topic's words are read on the stored papers, as matching reads them: slips, what it says it is not, the concepts it names. */
  reading(topic: TopicDefinition): Promise<TopicReading>;
  /**
   * Reads the recent papers into the reference corpus now, if it is stale or papers stored since
   * are missing from it, so the next preview does not: in chat, that preview is someone's answer.
   */
  warm(): Promise<void>;
}

/** How long a digest's matching waits for the LLM check's answers (a chat command waits less). */
const DIGEST_CHECK_WAIT_MS = 60_000;
/** Papers the semantic layer may lift: lexical evidence, even if below the threshold. */
const SEMANTIC_FLOOR = 0.2;
/**
 * Recent papers a free-text topic is calibrated against. Enough for stable word statistics and
 * score distributions, bounded so memory does not grow with the archive.
 */
export const REFERENCE_PAPERS = 3_000;
/** A reference corpus is rebuilt at most this often (ingest adds papers; a few minutes' lag is harmless). */
const CORPUS_TTL_MS = 10 * 60_000;
/**
 * How long the topics' learned models and stored definitions are reused: a digest matches a big
 * window page by page with the same topics, and loading every topic's marks and re-learning
 * from them per page cost a query per topic per page. A mark recorded here takes effect at once
 * (FeedbackService.revision); one recorded by another replica within this time.
 */
const MODELS_TTL_MS = 60_000;

/** Every result with the semantic layer's shift applied to those with lexical evidence (SEMANTIC_FLOOR). */
async function semanticShift(
  semantic: SemanticScorer,
  all: readonly MatchResult[],
  paperById: ReadonlyMap<string, Paper>,
  topicBySlug: ReadonlyMap<string, TopicDefinition>,
): Promise<MatchResult[]> {
  const candidates = all.filter((r) => r.outcome !== 'excluded' && r.score >= SEMANTIC_FLOOR && !isMarked(r));
  const sims = await semantic.similarities(candidates.map((r) => ({ paper: paperById.get(r.arxivId)!, topic: topicBySlug.get(r.topicSlug)! })));
  return all.map((r) => {
    const sim = sims.get(`${r.topicSlug}|${r.arxivId}`);
    if (sim === undefined) return r;
    const score = Math.round(blend(r.score, sim) * 1000) / 1000;
    const matched = score >= 0.5;
    return { ...r, score, matched, outcome: matched ? 'matched' : 'below-threshold', why: `${r.why}; semantic similarity ${sim.toFixed(2)}` };
  });
}

export function createMatchService(deps: {
  papers: PaperStore;
  topics: TopicService;
  feedback: FeedbackService;
  semantic?: SemanticScorer;
  /** An LLM deciding the papers near a topic's bar (relevance-check.ts). */
  check?: RelevanceCheck;
  /** Stored definitions (LLM drafts, edits) by topic slug. */
  drafts?: (slugs: readonly string[]) => Promise<ReadonlyMap<string, TopicDraft>>;
  now?: () => number;
  referencePapers?: number;
}): MatchService {
  const now = deps.now ?? Date.now;
  let reference: { corpus: Corpus; builtAt: number } | null = null;
  // One build at a time: a subscribe during the start-up read, or the digest right after an
  // ingest's, waits for it and then sees whether it still needs one, instead of building too.
  let building: Promise<void> | null = null;

  async function corpus(extra: readonly Paper[]): Promise<Corpus> {
    if (building) {
      await building.catch(() => undefined);
      return corpus(extra);
    }
    const stale = !reference || now() - reference.builtAt > CORPUS_TTL_MS;
    // Papers stored since the reference was read (just ingested) make it rebuild, with them in
    // it. Papers that were stored then but are not in it were not among the recent ones, and
    // stay out: a digest over a big window (after a backfill) matches it page by page, and a
    // rebuild per page cost more than the matching.
    const missing = stale ? extra : extra.filter((p) => !reference!.corpus.byId.has(p.arxivId) && p.firstSeenAt.getTime() >= reference!.builtAt);
    if (!stale && missing.length === 0) return reference!.corpus;
    const build = (async () => {
      const builtAt = now();
      const recent = await deps.papers.list({ limit: deps.referencePapers ?? REFERENCE_PAPERS });
      reference = { corpus: await buildCorpusYielding([...missing, ...recent]), builtAt };
    })();
    building = build;
    try {
      await build;
    } finally {
      if (building === build) building = null;
    }
    return reference!.corpus;
  }

  type Knowledge = { key: string; at: number; learned: Map<string, LearnedModel>; definitions: ReadonlyMap<string, TopicDraft> | undefined };
  let knowledge: Knowledge | null = null;
  async function topicKnowledge(topics: readonly TopicDefinition[]) {
    const slugs = topics.map((t) => t.slug);
    const key = `${deps.feedback.revision()}|${slugs.join('\u0000')}`;
    if (knowledge && knowledge.key === key && now() - knowledge.at <= MODELS_TTL_MS) return knowledge;
    const learned = await deps.feedback.models(slugs);
    const definitions = deps.drafts ? await deps.drafts(slugs) : undefined;
    knowledge = { key, at: now(), learned, definitions };
    return knowledge;
  }

  // Kept while the topics' marks, definitions and the reference corpus are the same objects: the
  // matcher keeps its compiled topics (matcher.ts), which a digest's next page reuses.
  let current: { knowledge: Knowledge; corpus: Corpus; matcher: Matcher } | null = null;
  /** The offline matcher for these topics: their marks and stored definitions, on the reference corpus (with `papers`). */
  async function matcherFor(papers: readonly Paper[], topics: readonly TopicDefinition[]) {
    const known = await topicKnowledge(topics);
    const reference = await corpus(papers);
    if (current?.knowledge !== known || current.corpus !== reference) {
      current = { knowledge: known, corpus: reference, matcher: createMatcher({ learned: known.learned, corpus: reference, definitions: known.definitions }) };
    }
    return { matcher: current.matcher, learned: known.learned };
  }

  /** `checkWaitMs`: how long the LLM check may hold the answer up (relevance-check.ts). */
  async function matchWith(papers: readonly Paper[], topics: readonly TopicDefinition[], checkWaitMs?: number, built?: Awaited<ReturnType<typeof matcherFor>>): Promise<MatchResult[]> {
    const { matcher, learned } = built ?? (await matcherFor(papers, topics));
    if (!deps.semantic && !deps.check) return matcher.matchPapers(papers, topics);

    // Only what the layers look at: pairs near the bar or over it, not every pair with a common word.
    let all = matcher.matchPapers(papers, topics, { minScore: deps.semantic ? SEMANTIC_FLOOR : CHECK_BAND.low });
    const paperById = new Map(papers.map((p) => [p.arxivId, p]));
    const topicBySlug = new Map(topics.map((t) => [t.slug, t]));
    if (deps.semantic) all = await semanticShift(deps.semantic, all, paperById, topicBySlug);
    if (deps.check) {
      const examples = new Map([...learned].map(([slug, m]) => [slug, { up: m.up.map((p) => p.title), down: m.down.map((p) => p.title) }]));
      return deps.check.decide(all, paperById, topicBySlug, { waitMs: checkWaitMs, examples });
    }
    return all.filter((r) => r.matched).sort((a, b) => b.score - a.score);
  }

  async function matchDefinition(topic: TopicDefinition, opts: MatchOptions = {}): Promise<TopicMatches> {
    const papers = await deps.papers.list({ since: opts.since, limit: opts.scan ?? MATCH_SCAN });
    // One matcher for the matches and for how the topic was read.
    const built = await matcherFor(papers, [topic]);
    const results = await matchWith(papers, [topic], undefined, built);
    const { respelled, excluded, unmet } = readingOf(topic, built.matcher.modelOf(topic));
    const byId = new Map(papers.map((p) => [p.arxivId, p]));
    const items = results.slice(0, opts.limit ?? 50).map((r) => {
      const p = byId.get(r.arxivId)!;
      return { ...r, title: p.title, publishedAt: p.publishedAt };
    });
    return { status: 'ok', topic, items, matched: results.length, considered: papers.length, respelled, excluded, unmet };
  }

  return {
    // A digest is no chat reply: it waits for the check's answers.
    matchPapers: (papers, topics) => matchWith(papers, topics, DIGEST_CHECK_WAIT_MS),
    matchDefinition,
    async matchTopic(nameOrSlug, opts = {}) {
      const found = await deps.topics.find(nameOrSlug);
      if (found.status !== 'found') return found;
      return matchDefinition(found.topic, opts);
    },
    reading: async (topic) => readingOf(topic, (await matcherFor([], [topic])).matcher.modelOf(topic)),
    async warm() {
      // The recent papers alone when nothing was read yet (as the first digest page would); after
      // that, those stored since, so an ingest's papers are in before the next preview asks.
      await corpus(reference ? await deps.papers.list({ since: new Date(reference.builtAt), limit: MATCH_SCAN }) : []);
    },
    async previewText(text, opts = {}) {
      const checked = checkTopicText(text, 'Topic text', MAX_TOPIC_NAME);
      if (!checked.ok) return { status: 'invalid', message: checked.error };
      const problem = topicTextProblem(checked.value);
      if (problem) return { status: 'invalid', message: problem };
      return matchDefinition(freeTextTopic(checked.value, new Date(now()), null, `preview:${checked.value}`), opts);
    },
  };
}

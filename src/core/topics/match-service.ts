/**
 * Matching as the CLI, chat and digest job use it: the offline matcher with each topic's
 * learned feedback model, plus the semantic layer when one is configured.
 */
import type { Paper } from '../papers/paper.js';
import type { PaperStore, TopicDefinition } from '../ports.js';
import type { FeedbackService } from './feedback-service.js';
import { createMatcher, type MatchResult } from './matcher.js';
import { blend, type SemanticScorer } from './semantic.js';
import type { TopicLookup, TopicService } from './topic-service.js';

export interface MatchedPaper extends MatchResult {
  title: string;
  publishedAt: Date | null;
}

export type TopicMatches =
  | { status: 'ok'; topic: TopicDefinition; items: MatchedPaper[]; considered: number }
  | Extract<TopicLookup, { status: 'unknown' }>;

export interface MatchService {
  /** Matches of one topic among stored papers (first seen since `since`, newest first). */
  matchTopic(nameOrSlug: string, opts?: { since?: Date; limit?: number; scan?: number }): Promise<TopicMatches>;
  /** Every match of the papers against the topics (digest job: new papers x subscribed topics). */
  matchPapers(papers: readonly Paper[], topics: readonly TopicDefinition[]): Promise<MatchResult[]>;
}

/** Papers the semantic layer may lift: lexical evidence, even if below the threshold. */
const SEMANTIC_FLOOR = 0.2;

export function createMatchService(deps: {
  papers: PaperStore;
  topics: TopicService;
  feedback: FeedbackService;
  semantic?: SemanticScorer;
}): MatchService {
  async function matchPapers(papers: readonly Paper[], topics: readonly TopicDefinition[]): Promise<MatchResult[]> {
    const learned = await deps.feedback.models(topics.map((t) => t.slug));
    const matcher = createMatcher({ learned });
    if (!deps.semantic) return matcher.matchPapers(papers, topics);

    const all = matcher.matchPapers(papers, topics, { matchedOnly: false });
    const candidates = all.filter((r) => r.outcome !== 'excluded' && r.score >= SEMANTIC_FLOOR && !r.why.startsWith('marked'));
    const paperById = new Map(papers.map((p) => [p.arxivId, p]));
    const topicBySlug = new Map(topics.map((t) => [t.slug, t]));
    const sims = await deps.semantic.similarities(
      candidates.map((r) => ({ paper: paperById.get(r.arxivId)!, topic: topicBySlug.get(r.topicSlug)! })),
    );
    const out: MatchResult[] = [];
    for (const r of all) {
      const sim = sims.get(`${r.topicSlug}|${r.arxivId}`);
      if (sim === undefined) {
        if (r.matched) out.push(r);
        continue;
      }
      const score = Math.round(blend(r.score, sim) * 1000) / 1000;
      const matched = score >= 0.5;
      if (matched) out.push({ ...r, score, matched, outcome: 'matched', why: `${r.why}; semantic similarity ${sim.toFixed(2)}` });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  return {
    matchPapers,
    async matchTopic(nameOrSlug, opts = {}) {
      const found = await deps.topics.find(nameOrSlug);
      if (found.status !== 'found') return found;
      const papers = await deps.papers.list({ since: opts.since, limit: opts.scan ?? 5_000 });
      const results = await matchPapers(papers, [found.topic]);
      const byId = new Map(papers.map((p) => [p.arxivId, p]));
      const items = results.slice(0, opts.limit ?? 50).map((r) => {
        const p = byId.get(r.arxivId)!;
        return { ...r, title: p.title, publishedAt: p.publishedAt };
      });
      return { status: 'ok', topic: found.topic, items, considered: papers.length };
    },
  };
}

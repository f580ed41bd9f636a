/**
 * What the digest needs from topic matching. The topics module provides the real one; the
 * composition root adapts it to this shape.
 */
import type { Paper } from '../papers/paper.js';
import type { RankedPaper } from './plan.js';

export interface TopicMatch {
  arxivId: string;
  topicSlug: string;
  /** Higher is better; comparable across topics. */
  score: number;
  /** Human reason: matched phrases, category. */
  why: string;
}

/** One page of a digest window, matched: how many papers it held, and each match with the ranking fields of its paper. */
export interface WindowPage {
  papers: number;
  hits: Array<{ match: TopicMatch; paper: RankedPaper }>;
}

export interface TopicMatcher {
  /** Matches of `papers` against the given topics; non-matches are simply absent. */
  match(papers: readonly Paper[], topicSlugs: readonly string[]): Promise<TopicMatch[]>;
  /**
   * Optional: a whole digest window (papers first seen in [since, before)) read and matched
   * elsewhere, page by page in the window's order. The long-running service reads and matches
   * it in a worker thread, so the event loop that answers chat and /healthz only collects the
   * hits. Without it the window is read and matched here (`matchWindowPages`).
   */
  matchWindow?(window: { since: Date; before: Date }, topicSlugs: readonly string[]): AsyncIterable<WindowPage>;
}

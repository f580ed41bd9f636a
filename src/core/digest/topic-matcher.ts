/**
 * What the digest needs from topic matching. The topics module provides the real one; the
 * composition root adapts it to this shape.
 */
import type { Paper } from '../papers/paper.js';

export interface TopicMatch {
  arxivId: string;
  topicSlug: string;
  /** Higher is better; comparable across topics. */
  score: number;
  /** Human reason: matched phrases, category. */
  why: string;
}

export interface TopicMatcher {
  /** Matches of `papers` against the given topics; non-matches are simply absent. */
  match(papers: readonly Paper[], topicSlugs: readonly string[]): Promise<TopicMatch[]>;
}

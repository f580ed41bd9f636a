/** The topics module's matcher in the digest planner's shape (the composition root and the match worker both build it). */
import type { TopicMatcher } from '../core/digest/topic-matcher.js';
import type { TopicStore } from '../core/ports.js';
import type { MatchService } from '../core/topics/match-service.js';

export function topicMatcherFrom(match: MatchService, stores: { topics: Pick<TopicStore, 'list'> }): TopicMatcher {
  return {
    async match(papers, slugs) {
      const wanted = new Set(slugs);
      const topics = (await stores.topics.list()).filter((t) => wanted.has(t.slug));
      if (!topics.length || !papers.length) return [];
      const results = await match.matchPapers(papers, topics);
      return results.filter((r) => r.matched).map((r) => ({ arxivId: r.arxivId, topicSlug: r.topicSlug, score: r.score, why: r.why }));
    },
  };
}


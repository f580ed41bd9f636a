/**
 * Wiring, not domain: the topic, feedback, matching, search and subscription services over the
 * store bundle, built in one call (compose.ts uses it; tests that need only these use it too).
 */
import type { Clock, Logger, Stores, TopicDrafter } from '../core/ports.js';
import type { IndexSnapshotStore } from '../core/search/index-snapshot.js';
import { createSearchService, type SearchService } from '../core/search/search-service.js';
import { createSubscriptionService, type SubscriptionService } from '../core/subscriptions/subscription-service.js';
import { createDraftService, type DraftService } from '../core/topics/draft-service.js';
import { createFeedbackService, type FeedbackService } from '../core/topics/feedback-service.js';
import { createMatchService, type MatchService } from '../core/topics/match-service.js';
import type { RelevanceCheck } from '../core/topics/relevance-check.js';
import type { SemanticScorer } from '../core/topics/semantic.js';
import { createTopicService, type TopicService } from '../core/topics/topic-service.js';

export interface TopicServices {
  topics: TopicService;
  feedback: FeedbackService;
  matching: MatchService;
  search: SearchService;
  subscriptions: SubscriptionService;
  drafts: DraftService;
}

export function createTopicServices(deps: {
  stores: Pick<Stores, 'papers' | 'topics' | 'feedback' | 'subscriptions' | 'cache' | 'archive'> & Partial<Pick<Stores, 'targets'>>;
  semantic?: SemanticScorer;
  /** The LLM check of borderline papers; absent = the offline decision alone. */
  check?: RelevanceCheck;
  snapshots?: IndexSnapshotStore;
  /** Days of papers search holds in memory when the store has an archive index (0: all). */
  searchHotDays?: number;
  logger?: Logger;
  clock?: Clock;
  /** The search service to use (app/search.ts); absent = one built from the deps above. */
  search?: SearchService;
  /** Drafts new free-text topics' definitions (an LLM); absent = none. */
  drafter?: TopicDrafter;
  /**
   * The feedback revision matching follows (default: this feedback service's own). The match
   * worker follows the main thread's, where marks are recorded, so a mark takes effect there at once.
   */
  feedbackRevision?: () => number;
}): TopicServices {
  const { stores, clock } = deps;
  const topics = createTopicService({ topics: stores.topics, cache: stores.cache, clock });
  const feedback = createFeedbackService({ feedback: stores.feedback, papers: stores.papers, topics, clock });
  const drafts = createDraftService({ cache: stores.cache, drafter: deps.drafter, logger: deps.logger });
  return {
    topics,
    feedback,
    drafts,
    matching: createMatchService({
      papers: stores.papers,
      topics,
      feedback: deps.feedbackRevision ? { ...feedback, revision: deps.feedbackRevision } : feedback,
      semantic: deps.semantic,
      check: deps.check,
      drafts: (slugs) => drafts.get(slugs),
    }),
    search: deps.search ?? createSearchService({ papers: stores.papers, archive: stores.archive, hotDays: deps.searchHotDays, snapshots: deps.snapshots, logger: deps.logger }),
    subscriptions: createSubscriptionService({ subscriptions: stores.subscriptions, topics, targets: stores.targets, clock }),
  };
}

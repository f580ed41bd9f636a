/**
 * The digest job, as the scheduler and the CLI call it. `createDigestRunner` wires the stores,
 * the real topic matcher, the summary service and the platform channels from configuration;
 * tests and benches pass their own pieces through `overrides`.
 */
import type { Config } from '../src/config.js';
import type { DigestChannels, PaperSummaries } from '../src/core/digest/channel.js';
import { runDigests as runDigestsCore, type RunDigestsDeps, type RunDigestsOptions, type RunDigestsReport } from '../src/core/digest/run-digests.js';
import type { TopicMatcher } from '../src/core/digest/topic-matcher.js';
import type { DeliveryTarget, Logger, Stores, Subscription } from '../src/core/ports.js';
import { createFeedbackService } from '../src/core/topics/feedback-service.js';
import { createMatchService, type MatchService } from '../src/core/topics/match-service.js';
import { createTopicService } from '../src/core/topics/topic-service.js';
import { createDigestChannels, type ChannelOptions } from '../src/delivery/channels.js';
import { createSummaryServiceFromConfig } from '../src/summarize/factory.js';
import { newDeliveryTarget } from '../src/core/digest/target.js';
import { createArxivCalendar } from '../src/core/digest/arxiv-calendar.js';

export type { RunDigestsOptions, RunDigestsReport } from '../src/core/digest/run-digests.js';

/** The topics module's matcher, in the shape the digest planner takes. */
export function topicMatcherFrom(match: MatchService, stores: Pick<Stores, 'topics'>): TopicMatcher {
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

export function createTopicMatcher(stores: Stores): TopicMatcher {
  const topics = createTopicService({ topics: stores.topics });
  const feedback = createFeedbackService({ feedback: stores.feedback, papers: stores.papers, topics });
  return topicMatcherFrom(createMatchService({ papers: stores.papers, topics, feedback }), stores);
}

/** The console target follows every topic unless it has subscriptions of its own. */
export function consoleDefaultSubscriptions(stores: Pick<Stores, 'topics'>) {
  return async (target: DeliveryTarget): Promise<Subscription[]> => {
    if (target.platform !== 'console') return [];
    return (await stores.topics.list()).map((t) => ({
      subscriber: target.id,
      kind: 'channel' as const,
      topicSlug: t.slug,
      minScore: null,
      maxPapers: null,
      createdBy: 'default',
      createdAt: t.createdAt,
    }));
  };
}

/** The embedded default: a console target (created once) when no chat platform is configured. */
export async function ensureConsoleTarget(stores: Pick<Stores, 'targets'>, config: Pick<Config, 'PAPERBOY_DIGEST_DEFAULT_TIME' | 'PAPERBOY_DIGEST_DEFAULT_TZ' | 'PAPERBOY_DIGEST_MAX_PAPERS'>): Promise<DeliveryTarget> {
  const existing = await stores.targets.get('console');
  if (existing) return existing;
  // The console prints a line even on an empty morning, so a newcomer sees it working.
  const target = newDeliveryTarget('console', 'console', 'console', config, { notifyEmpty: true });
  await stores.targets.upsert(target);
  return target;
}

export interface DigestRunnerOverrides {
  matcher?: TopicMatcher;
  summaries?: PaperSummaries;
  channels?: DigestChannels;
  channelOptions?: ChannelOptions;
  policy?: RunDigestsDeps['policy'];
  sleep?: RunDigestsDeps['sleep'];
}

export interface DigestRunner {
  deps: RunDigestsDeps;
  run(opts?: RunDigestsOptions): Promise<RunDigestsReport>;
}

export function createDigestRunner(stores: Stores, config: Config, logger: Logger, overrides: DigestRunnerOverrides = {}): DigestRunner {
  const deps: RunDigestsDeps = {
    stores,
    matcher: overrides.matcher ?? createTopicMatcher(stores),
    summaries: overrides.summaries ?? createSummaryServiceFromConfig(config, { papers: stores.papers, cache: stores.cache, logger }),
    channels: overrides.channels ?? createDigestChannels(config, { cache: stores.cache, ...overrides.channelOptions }),
    logger,
    concurrency: config.PAPERBOY_DELIVERY_CONCURRENCY,
    policy: overrides.policy,
    sleep: overrides.sleep,
    defaultSubscriptions: consoleDefaultSubscriptions(stores),
    calendar: createArxivCalendar(config.PAPERBOY_ARXIV_HOLIDAYS),
  };
  return { deps, run: (opts) => runDigestsCore(deps, opts) };
}

/** One digest run (scheduler tick or CLI): resume open digests, then due (or chosen) targets. */
export function runDigests(deps: RunDigestsDeps, opts: RunDigestsOptions = {}): Promise<RunDigestsReport> {
  return runDigestsCore(deps, opts);
}

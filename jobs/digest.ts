/**
 * The digest job, as the scheduler and the CLI call it. `createDigestRunner` puts together the
 * pieces the composition root (src/app/compose.ts) built: the matcher with its semantic layer
 * and feedback, the summary service and the platform channels; tests pass their own.
 */
import type { Config } from '../src/config.js';
import type { DigestChannels, PaperSummaries } from '../src/core/digest/channel.js';
import { runDigests as runDigestsCore, type RunDigestsDeps, type RunDigestsOptions, type RunDigestsReport } from '../src/core/digest/run-digests.js';
import type { TopicMatcher } from '../src/core/digest/topic-matcher.js';
import type { DeliveryTarget, Logger, Stores, Subscription } from '../src/core/ports.js';
import type { ChannelOptions } from '../src/delivery/channels.js';
import { createArxivCalendar } from '../src/core/digest/arxiv-calendar.js';

export type { RunDigestsOptions, RunDigestsReport } from '../src/core/digest/run-digests.js';

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

/** What tests and the CLI may choose instead of the composition root's defaults. */
export interface DigestRunnerOverrides {
  matcher?: TopicMatcher;
  summaries?: PaperSummaries;
  channels?: DigestChannels;
  channelOptions?: ChannelOptions;
  policy?: RunDigestsDeps['policy'];
  sleep?: RunDigestsDeps['sleep'];
  progress?: RunDigestsDeps['progress'];
}

export interface DigestRunnerParts {
  matcher: TopicMatcher;
  summaries: PaperSummaries;
  channels: DigestChannels;
  policy?: RunDigestsDeps['policy'];
  sleep?: RunDigestsDeps['sleep'];
  progress?: RunDigestsDeps['progress'];
}

export interface DigestRunner {
  deps: RunDigestsDeps;
  run(opts?: RunDigestsOptions): Promise<RunDigestsReport>;
}

export function createDigestRunner(stores: Stores, config: Pick<Config, 'PAPERBOY_DELIVERY_CONCURRENCY' | 'PAPERBOY_ARXIV_HOLIDAYS'>, logger: Logger, parts: DigestRunnerParts): DigestRunner {
  const deps: RunDigestsDeps = {
    stores,
    matcher: parts.matcher,
    summaries: parts.summaries,
    channels: parts.channels,
    logger,
    concurrency: config.PAPERBOY_DELIVERY_CONCURRENCY,
    policy: parts.policy,
    sleep: parts.sleep,
    progress: parts.progress,
    defaultSubscriptions: consoleDefaultSubscriptions(stores),
    calendar: createArxivCalendar(config.PAPERBOY_ARXIV_HOLIDAYS),
  };
  return { deps, run: (opts) => runDigestsCore(deps, opts) };
}

/** One digest run (scheduler tick or CLI): resume open digests, then due (or chosen) targets. */
export function runDigests(deps: RunDigestsDeps, opts: RunDigestsOptions = {}): Promise<RunDigestsReport> {
  return runDigestsCore(deps, opts);
}

/**
 * The composition root: the one place that builds the application's services over a store
 * bundle, so the service (src/service.ts), the CLI, the digest job and the chat commands share
 * the same wiring (the matcher always with its semantic layer and feedback).
 *
 * Lazy where it costs: the platform channels (discord.js, the Slack web client) load only when
 * a digest runner is asked for, and then only for the platforms configured (or rendered by a
 * dry run), so a command that only reads the database (`paperboy papers list`) and a service
 * with no platform configured never load a chat client.
 */
import type { Config } from '../config.js';
import type { Clock, Stores } from '../core/ports.js';
import { createDigestPreviews, type DigestPreviews } from '../core/digest/preview.js';
import type { TopicMatcher } from '../core/digest/topic-matcher.js';
import { topicMatcherFrom } from './topic-matcher.js';
import { createWorkerTopicMatcher } from './match-worker-client.js';
import { createTargetService, type TargetService } from '../core/targets/target-service.js';
import { searchSnapshotName } from '../store/file-snapshot-store.js';
import { createCoreCommandServices } from '../chat/commands/core-adapter.js';
import { createFollowCommandServices } from '../chat/commands/follow-services.js';
import { createFollowService, type FollowService } from '../core/follows/follow-service.js';
import type { CommandServices } from '../chat/commands/services.js';
import { createSummaryServiceFromConfig, topicDrafterFromConfig } from '../summarize/factory.js';
import { matchingLayersFromConfig } from './matching-layers.js';
import type { Logger } from '../log.js';
import { createWorkerSearchService } from '../search-worker/client.js';
import { createDigestRunner, type DigestRunner, type DigestRunnerOverrides } from '../../jobs/digest.js';
import { createTopicServices, type TopicServices } from './core-services.js';
import { composeSearch } from './search.js';
import { createTargetOptionsServices } from '../chat/commands/target-options-command.js';
import { notifierUnavailable } from '../chat/console/notifier.js';
import type { DigestChannels } from '../core/digest/channel.js';

export interface AppServices {
  stores: Stores;
  topics: TopicServices;
  targets: TargetService;
  previews: DigestPreviews;
  /** Following authors (core/follows). */
  follows: FollowService;
  /** The topics module's matcher in the digest planner's shape (semantic layer and feedback included). */
  matcher: TopicMatcher;
  commands: CommandServices;
  /**
   * The digest job over these services. Loads the platform channels on first use; `extra` (the CLI's stdout, dry-run rendering) adds to the compose-time overrides.
   */
  digests(extra?: DigestRunnerOverrides): Promise<DigestRunner>;
  /**
   * Why `platform`'s digests cannot be posted now (the console once its stdout failed a write),
   * or null; null too before digests() built the channels. The digest producer skips its targets.
   */
  unavailable(platform: string): string | null;
  /** Stops what composeServices started (the search and match workers); after `search.persist()`. */
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** Search in its own thread, so scoring never delays chat acks (the long-running service). */
  searchWorker?: boolean;
  /** Digest windows read and matched in a worker thread (the long-running service). */
  matchWorker?: boolean;
  /** Warm the in-process search index when it opens (default true); the one-shot CLI does not. */
  searchWarm?: boolean;
  clock?: Clock;
}

export function composeServices(
  config: Config,
  stores: Stores,
  logger: Logger,
  overrides: DigestRunnerOverrides = {},
  options: ComposeOptions = {},
): AppServices {
  const { clock } = options;
  const inProcess = createTopicServices({
    stores,
    ...matchingLayersFromConfig(config, stores.cache, logger),
    search: composeSearch(config, stores, logger, { ...(options.searchWarm !== undefined ? { warm: options.searchWarm } : {}) }),
    logger,
    clock,
    drafter: topicDrafterFromConfig(config, { cache: stores.cache, logger }),
  });
  // The in-process search service opens its index lazily, so replacing it holds no second index.
  const worker = options.searchWorker ? createWorkerSearchService({ papers: stores.papers, archive: stores.archive, hotDays: config.PAPERBOY_SEARCH_HOT_DAYS, hotMax: config.PAPERBOY_SEARCH_HOT_MAX_PAPERS, snapshotDir: config.PAPERBOY_DATA_DIR, snapshotName: searchSnapshotName(config.DATABASE_URL), logger }) : null;
  const topics = worker ? { ...inProcess, search: worker } : inProcess;
  const inProcessMatcher = topicMatcherFrom(topics.matching, stores);
  const matchWorker = options.matchWorker && !overrides.matcher ? createWorkerTopicMatcher({ config, inProcess: inProcessMatcher, feedbackRevision: () => topics.feedback.revision(), logger }) : null;
  const matcher = overrides.matcher ?? matchWorker ?? inProcessMatcher;
  const targets = createTargetService({
    targets: stores.targets,
    subscriptionStore: stores.subscriptions,
    subscriptions: topics.subscriptions,
    topics: topics.topics,
    defaults: config,
    clock,
  });
  const previews = createDigestPreviews({ stores, matcher, maxPapers: config.PAPERBOY_DIGEST_MAX_PAPERS, clock });
  const follows = createFollowService({ follows: stores.follows, papers: stores.papers, clock });
  const commands = createCoreCommandServices({
    stores,
    search: topics.search,
    topics: topics.topics,
    subscriptions: topics.subscriptions,
    feedback: topics.feedback,
    drafts: topics.drafts,
    matching: topics.matching,
    targets,
    previews,
    clock,
  });
  commands.follows = createFollowCommandServices({ follows, targets, clock });
  commands.targetOptions = createTargetOptionsServices(targets);

  // The channels the last digests() built: the service builds them once, for its queue's jobs.
  let built: DigestChannels | null = null;
  const digests = async (extra: DigestRunnerOverrides = {}): Promise<DigestRunner> => {
    const chosen = { ...overrides, ...extra, channelOptions: { ...overrides.channelOptions, ...extra.channelOptions } };
    const { createDigestChannels } = await import('../delivery/channels.js');
    built = chosen.channels ?? (await createDigestChannels(config, { cache: stores.cache, ...chosen.channelOptions }));
    return createDigestRunner(stores, config, logger, {
      matcher,
      summaries: chosen.summaries ?? createSummaryServiceFromConfig(config, { papers: stores.papers, cache: stores.cache, logger }),
      channels: built,
      policy: chosen.policy,
      sleep: chosen.sleep,
      progress: chosen.progress,
    });
  };

  const unavailable = (platform: string): string | null => {
    const notifier = built?.[platform as keyof DigestChannels]?.notifier;
    return notifier ? notifierUnavailable(notifier) : null;
  };

  return { stores, topics, targets, previews, follows, matcher, commands, digests, unavailable, close: async () => {
      await worker?.close();
      await matchWorker?.close();
    },
  };
}

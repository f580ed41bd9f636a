/**
 * The one place that builds the application's services over a store bundle, so the service
 * (src/main.ts), the CLI and the chat commands share the same wiring.
 */
import type { Config } from '../config.js';
import type { Stores } from '../core/ports.js';
import { fileSnapshotStore, searchSnapshotName } from '../store/file-snapshot-store.js';
import { createTopicServices, type TopicServices } from '../core/topics/core-services.js';
import { createCoreCommandServices } from '../chat/commands/core-adapter.js';
import type { CommandServices } from '../chat/commands/services.js';
import { semanticLayerFromConfig } from '../embeddings/index.js';
import { topicDrafterFromConfig } from '../summarize/factory.js';
import type { Logger } from '../log.js';
import { createWorkerSearchService } from '../search-worker/client.js';
import { createDigestRunner, topicMatcherFrom, type DigestRunner, type DigestRunnerOverrides } from '../../jobs/digest.js';

export interface AppServices {
  topics: TopicServices;
  digests: DigestRunner;
  commands: CommandServices;
  /** Stops what composeServices started (the search worker); after `search.persist()`. */
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** Search in its own thread, so scoring never delays chat acks (the long-running service). */
  searchWorker?: boolean;
}

export function composeServices(
  config: Config,
  stores: Stores,
  logger: Logger,
  overrides: DigestRunnerOverrides = {},
  options: ComposeOptions = {},
): AppServices {
  const inProcess = createTopicServices({
    stores,
    semantic: semanticLayerFromConfig(config, stores.cache),
    snapshots: fileSnapshotStore(config.PAPERBOY_DATA_DIR, searchSnapshotName(config.DATABASE_URL)),
    logger,
    drafter: topicDrafterFromConfig(config, { cache: stores.cache, logger }),
  });
  // The in-process search service opens its index lazily, so replacing it holds no second index.
  const worker = options.searchWorker ? createWorkerSearchService({ papers: stores.papers, snapshotDir: config.PAPERBOY_DATA_DIR, snapshotName: searchSnapshotName(config.DATABASE_URL), logger }) : null;
  const topics = worker ? { ...inProcess, search: worker } : inProcess;
  const matcher = overrides.matcher ?? topicMatcherFrom(topics.matching, stores);
  const digests = createDigestRunner(stores, config, logger, { ...overrides, matcher });
  const commands = createCoreCommandServices({
    stores,
    search: topics.search,
    matcher,
    config,
    topics: topics.topics,
    subscriptions: topics.subscriptions,
    feedback: topics.feedback,
    drafts: topics.drafts,
  });
  return { topics, digests, commands, close: async () => worker?.close() };
}

/**
 * The match worker: reads a digest window from the store and matches it against topics on its
 * own thread, so the event loop that answers chat and /healthz never runs topic matching (after
 * a backfill a window holds 100,000 papers: minutes of CPU). It opens its own stores and builds
 * the same matcher as the composition root (semantic layer and feedback included); the main
 * thread receives one page's hits at a time (`match-worker-client.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config.js';
import { matchWindowPages } from '../core/digest/window-papers.js';
import type { WindowPage } from '../core/digest/topic-matcher.js';
import { matchingLayersFromConfig } from './matching-layers.js';
import { openStores } from '../store/index.js';
import { createRpc } from '../search-worker/rpc.js';
import { behindMainThread, portLogger } from '../search-worker/thread.js';
import { topicMatcherFrom } from './topic-matcher.js';
import { createTopicServices } from './core-services.js';

export interface MatchWorkerData {
  config: Config;
}

const port = parentPort!;
behindMainThread();
const { config } = workerData as MatchWorkerData;

const logger = portLogger(port);

/** The main thread's feedback revision, as of the last window it asked for. */
let revision = 0;
type Matching = { stores: Awaited<ReturnType<typeof openStores>>; services: ReturnType<typeof createTopicServices> };
let opened: Promise<Matching> | null = null;
/**
 * The worker's stores and matcher, opened on the first window. A database that cannot be
 * reached fails that window only (`open`): the next window tries again, so a worker started
 * during an outage works once the database is back.
 */
function matching(): Promise<Matching> {
  opened ??= (async () => {
    // Reads only (the semantic layer's and the LLM check's caches aside); the main thread migrated at start.
    const stores = await openStores(config.DATABASE_URL, { migrate: false, poolSize: 2 });
    const services = createTopicServices({
      stores,
      ...matchingLayersFromConfig(config, stores.cache, logger),
      logger,
      feedbackRevision: () => revision,
    });
    return { stores, services };
  })().catch((err: unknown) => {
    opened = null;
    throw err;
  });
  return opened;
}

/**
 * Open windows. Each keeps the next page in the making while the main thread takes the last
 * one, so reading and matching do not wait on the round trip.
 */
const windows = new Map<number, { pages: AsyncGenerator<WindowPage>; next: Promise<IteratorResult<WindowPage>> }>();
let cursors = 0;

const ahead = (pages: AsyncGenerator<WindowPage>) => {
  const next = pages.next();
  next.catch(() => undefined);
  return next;
};

createRpc(port, {
  async open(window: { since: Date; before: Date }, slugs: string[], mainRevision: number) {
    revision = mainRevision;
    const { stores, services } = await matching();
    // The topics are read once per window, not once per page (a thousand pages at 100,000 papers).
    const topics = await stores.topics.list();
    const matcher = topicMatcherFrom(services.matching, { topics: { list: async () => topics } });
    const pages = matchWindowPages(stores.papers, matcher, window, slugs);
    const id = ++cursors;
    windows.set(id, { pages, next: ahead(pages) });
    return id;
  },
  async next(id: number): Promise<WindowPage | null> {
    const w = windows.get(id);
    if (!w) throw new Error(`no open window ${id}`);
    const r = await w.next;
    if (r.done) {
      windows.delete(id);
      return null;
    }
    w.next = ahead(w.pages);
    return r.value;
  },
  async close(id: number) {
    const w = windows.get(id);
    windows.delete(id);
    // A page still in the making is finished first (a generator cannot return while running).
    await w?.next.catch(() => undefined);
    await w?.pages.return(undefined);
  },
});

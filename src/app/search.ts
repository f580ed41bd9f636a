/**
 * The search service as the composition root wires it (hot window, the database's archive
 * index, the snapshot in the data directory), on its own: `paperboy search` needs nothing else,
 * and building only this keeps the topic matcher, the digest job and the chat services unloaded.
 */
import type { Config } from '../config.js';
import type { Logger, Stores } from '../core/ports.js';
import { createSearchService, type SearchService } from '../core/search/search-service.js';
import { fileSnapshotStore, searchSnapshotName } from '../store/file-snapshot-store.js';

export function composeSearch(config: Config, stores: Pick<Stores, 'papers' | 'archive'>, logger: Logger, opts: { warm?: boolean; onSlowOpen?: (what: string) => void } = {}): SearchService {
  return createSearchService({
    papers: stores.papers,
    archive: stores.archive,
    hotDays: config.PAPERBOY_SEARCH_HOT_DAYS,
    hotMax: config.PAPERBOY_SEARCH_HOT_MAX_PAPERS,
    snapshots: fileSnapshotStore(config.PAPERBOY_DATA_DIR, searchSnapshotName(config.DATABASE_URL)),
    logger,
    ...(opts.warm !== undefined ? { warm: opts.warm } : {}),
    ...(opts.onSlowOpen ? { onSlowOpen: opts.onSlowOpen } : {}),
  });
}

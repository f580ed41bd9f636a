/**
 * The search service as the composition root wires it (hot window, the database's archive
 * index, the snapshot in the data directory), on its own: `paperboy search` needs nothing else,
 * and building only this keeps the topic matcher, the digest job and the chat services unloaded.
 */
import type { Config } from '../config.js';
import type { Logger, Stores } from '../core/ports.js';
import { createSearchService, type SearchService } from '../core/search/search-service.js';
import { fileSnapshotStore, searchSnapshotName } from '../store/file-snapshot-store.js';
import { dataDirError, type DataDirError } from '../store/data-dir.js';

export interface ComposeSearchOptions {
  warm?: boolean;
  onSlowOpen?: (what: string) => void;
  /**
   * Told why the snapshot could not be written (said as the start-up check says it), instead
   * of the write failing: the index is only a cache, and a one-off command still has its answer.
   */
  onSnapshotNotWritten?: (err: DataDirError) => void;
}

export function composeSearch(config: Config, stores: Pick<Stores, 'papers' | 'archive'>, logger: Logger, opts: ComposeSearchOptions = {}): SearchService {
  let snapshots = fileSnapshotStore(config.PAPERBOY_DATA_DIR, searchSnapshotName(config.DATABASE_URL));
  const report = opts.onSnapshotNotWritten;
  if (report) {
    const files = snapshots;
    snapshots = {
      read: () => files.read(),
      // Resolving marks the index saved, so the search's own persist() after a rebuild does not try (and report) again.
      write: (data) => files.write(data).catch((err: unknown) => report(dataDirError(config.PAPERBOY_DATA_DIR, err))),
    };
  }
  return createSearchService({
    papers: stores.papers,
    archive: stores.archive,
    hotDays: config.PAPERBOY_SEARCH_HOT_DAYS,
    hotMax: config.PAPERBOY_SEARCH_HOT_MAX_PAPERS,
    snapshots,
    logger,
    ...(opts.warm !== undefined ? { warm: opts.warm } : {}),
    ...(opts.onSlowOpen ? { onSlowOpen: opts.onSlowOpen } : {}),
  });
}

/**
 * The search worker: owns the one in-memory index (the core search service) so scoring never
 * runs on the event loop that reads chat requests and sends acks. The papers it indexes come
 * from the main thread's store through `rpc.ts`; the snapshot file it reads and writes itself.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { PaperStore } from '../core/ports.js';
import type { Paper } from '../core/papers/paper.js';
import type { ArchiveSearch, TermCounts, WordCount } from '../core/search/archive-search.js';
import { createSearchService } from '../core/search/search-service.js';
import { fileSnapshotStore } from '../store/file-snapshot-store.js';
import { createRpc } from './rpc.js';
import { behindMainThread, portLogger } from './thread.js';
import type { SearchWorkerData } from './client.js';

const port = parentPort!;

behindMainThread();
const { snapshotDir, snapshotName, hotDays, hotMax, hasArchive, archiveCountsTerms, archiveListsWords, archiveHoldsWords } = workerData as SearchWorkerData;

const unavailable = (op: string) => () => Promise.reject(new Error(`the search worker does not ${op}`));

// Only what the search service reads; it never writes papers.
const papers: PaperStore = {
  getMany: (ids) => rpc.call('getMany', ids),
  get: async (id) => (await rpc.call<Map<string, Paper>>('getMany', [id])).get(id) ?? null,
  list: (query) => rpc.call('list', query),
  // The search index counts every paper; a digest window's count is the digest's, never asked here.
  count: (window) => (window ? Promise.reject(new Error('the search worker does not read digest windows')) : rpc.call('count')),
  iterate: (pageSize) => remotePages(pageSize),
  iterateUpdated: (after, pageSize) => remotePages(pageSize, { after: after ?? null }),
  // eslint-disable-next-line require-yield -- the search index never reads a digest window
  async *iterateSeen() {
    throw new Error('the search worker does not read digest windows');
  },
  upsertMany: unavailable('write papers'),
  setSummary: unavailable('write papers'),
};

/** Pages of a cursor the main thread keeps open (see iterOpen in client.ts). */
async function* remotePages(pageSize: number | undefined, updated?: { after: Date | null }): AsyncGenerator<Paper[]> {
  const cursor = await rpc.call<number>('iterOpen', pageSize, updated);
  try {
    for (;;) {
      const page = await rpc.call<Paper[] | null>('iterNext', cursor);
      if (page === null) return;
      yield page;
    }
  } finally {
    await rpc.call('iterClose', cursor);
  }
}

const logger = portLogger(port);

const archive: ArchiveSearch | undefined = hasArchive
  ? {
      search: (q) => rpc.call('archiveSearch', q),
      countFrom: (from) => rpc.call('archiveCountFrom', from),
      dateAfterNewest: (n) => rpc.call('archiveDateAfterNewest', n),
      ...(archiveCountsTerms
        ? {
            termCounts: (terms: readonly string[]) => rpc.call<TermCounts>('archiveTermCounts', terms),
            prefixCounts: (words: readonly string[]) => rpc.call<Map<string, number>>('archivePrefixCounts', words),
          }
        : {}),
      ...(archiveListsWords ? { wordsStartingWith: (prefix: string) => rpc.call<WordCount[]>('archiveWordsStartingWith', prefix) } : {}),
      ...(archiveHoldsWords ? { wordsHeld: (words: readonly string[]) => rpc.call<Set<string>>('archiveWordsHeld', words) } : {}),
    }
  : undefined;

const search = createSearchService({ papers, archive, hotDays, hotMax, snapshots: snapshotDir ? fileSnapshotStore(snapshotDir, snapshotName) : undefined, logger });

/**
 * One full collection once the index is open: reading the snapshot (or rebuilding) and the
 * catch-up leave tens of MB of garbage in the old generation, and a worker that then sits idle
 * allocates too little for V8 ever to collect it (measured at 100k papers: RSS -38 MB).
 * `gc` is exposed only inside a throwaway context; this thread's globals stay as they were.
 */
let collected = false;
function collectOnce<T>(value: T): T {
  if (!collected) {
    collected = true;
    setImmediate(() => {
      try {
        setFlagsFromString('--expose-gc');
        (runInNewContext('gc') as () => void)();
      } catch {
        // No gc hook in this runtime: V8 collects on its own schedule.
      }
    });
  }
  return value;
}

const rpc = createRpc(port, {
  ready: () => search.ready().then(collectOnce),
  search: (query: string, opts?: { limit?: number }) => search.search(query, opts).then(collectOnce),
  indexPapers: (list: Paper[]) => search.indexPapers(list),
  removePapers: (ids: string[]) => search.removePapers(ids),
  refresh: () => search.refresh(),
  persist: () => search.persist(),
});

/**
 * SearchService in a worker thread, for the long-running service: MiniSearch scoring is
 * CPU-bound (tens of ms for common words at 100k papers), and on the main thread it delays
 * every chat ack queued behind it. Here the main thread only forwards calls and serves the
 * worker's reads of the paper store; the worker holds the only index.
 *
 * A worker that dies fails the calls it had (the chat handler turns that into an apology) and is
 * started again by the next call; the new one reopens the index from the snapshot or the
 * store, so papers indexed in between are not lost (ingest writes the store first). A worker
 * that keeps dying before answering anything is restarted with a growing pause (1 s, 2 s, …
 * 60 s), and calls in the pause fail at once: reopening a 100k-paper index on every chat
 * command would keep a core busy for nothing.
 */
import type { Worker } from 'node:worker_threads';
import type { Logger, PaperListQuery, PaperStore } from '../core/ports.js';
import type { ArchiveQuery, ArchiveSearch } from '../core/search/archive-search.js';
import type { IndexOpening, SearchOutcome, SearchService } from '../core/search/search-service.js';
import type { Paper } from '../core/papers/paper.js';
import { createRpc, type Rpc } from './rpc.js';
import { spawnWorker, watchWorker } from './thread.js';
import { describeError } from '../core/error-text.js';

export interface SearchWorkerData {
  /** Where the worker keeps the index snapshot (fileSnapshotStore); none: always rebuild. */
  snapshotDir?: string;
  /** The snapshot's file name in that directory (searchSnapshotName: one per database). */
  snapshotName?: string;
  /** Days of papers MiniSearch holds when there is an archive (see SearchServiceDeps). */
  hotDays?: number;
  /** Most papers of that window it holds (see SearchServiceDeps). */
  hotMax?: number;
  /** The main thread serves archive queries (the worker has no database connection). */
  hasArchive?: boolean;
  /** That archive counts exact words and word beginnings (ArchiveSearch.termCounts, prefixCounts; SQLite's index does, PostgreSQL's not). */
  archiveCountsTerms?: boolean;
  /** That archive lists its stored words for typos (ArchiveSearch.wordsStartingWith). */
  archiveListsWords?: boolean;
  /** That archive says which words it holds without counting them (ArchiveSearch.wordsHeld; PostgreSQL). */
  archiveHoldsWords?: boolean;
}

export interface WorkerSearchService extends SearchService {
  /** Stop the worker (after `persist()`); a later call would start a new one. */
  close(): Promise<void>;
  /** Times a worker was started (tests, logs). */
  readonly starts: number;
  /** The running thread, if any (health checks, tests). */
  worker(): Worker | null;
}

export interface WorkerSearchOptions extends Omit<SearchWorkerData, 'hasArchive' | 'archiveCountsTerms' | 'archiveListsWords'> {
  papers: PaperStore;
  archive?: ArchiveSearch;
  logger?: Logger;
  /** Pause before restarting after the 2nd, 3rd, … death in a row: base doubling up to max (ms). */
  restartBackoff?: { baseMs: number; maxMs: number };
  /** Milliseconds clock for the restart pause (tests). */
  now?: () => number;
}

interface Running {
  worker: Worker;
  rpc: Rpc;
  exited: Promise<void>;
}

/**
 * The worker's young generation, kept small: V8 sizes it for throughput (up to 3 x 16 MB of
 * semi-spaces), and a worker that mostly sits idle between searches held ~34 MB of it.
 * Scavenges after this are a little more frequent while an index is rebuilt.
 */
const LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * Papers per page this thread reads for the worker, whatever page the worker asks for: each
 * page is read, decoded and copied to the worker in one task of this thread, so its size is
 * a stretch in which no /healthz or chat ack is answered (500 papers: 50-200 ms on a busy host
 * while a start-up rebuild ran beside a digest catch-up).
 */
export const SERVED_PAGE = 100;

export function createWorkerSearchService(options: WorkerSearchOptions): WorkerSearchService {
  const { papers, logger } = options;
  let running: Running | null = null;
  let starts = 0;
  const backoff = options.restartBackoff ?? { baseMs: 1000, maxMs: 60_000 };
  const now = options.now ?? Date.now;
  // Deaths since the last answered call, and when the next start may happen.
  let deathsInARow = 0;
  let restartAt = 0;
  let cursors = 0;
  const iterators = new Map<number, AsyncIterator<Paper[]>>();

  const start = (): Running => {
    starts++;
    const data: SearchWorkerData = { snapshotDir: options.snapshotDir, snapshotName: options.snapshotName, hotDays: options.hotDays, hotMax: options.hotMax, hasArchive: !!options.archive, archiveCountsTerms: !!options.archive?.termCounts, archiveListsWords: !!options.archive?.wordsStartingWith, archiveHoldsWords: !!options.archive?.wordsHeld };
    const worker = spawnWorker(import.meta.url, './worker', { workerData: data, resourceLimits: LIMITS });
    const rpc = createRpc(worker, {
      archiveSearch: (q: ArchiveQuery) => options.archive!.search(q),
      archiveCountFrom: (from: Date) => options.archive!.countFrom(from),
      archiveDateAfterNewest: async (n: number) => (options.archive!.dateAfterNewest ? options.archive!.dateAfterNewest(n) : null),
      archiveTermCounts: async (terms: string[]) => (options.archive!.termCounts ? options.archive!.termCounts(terms) : new Map()),
      archiveWordsStartingWith: async (prefix: string) => (options.archive!.wordsStartingWith ? options.archive!.wordsStartingWith(prefix) : []),
      archiveWordsHeld: async (words: string[]) => (options.archive!.wordsHeld ? options.archive!.wordsHeld(words) : new Set(words)),
      archivePrefixCounts: async (words: string[]) => (options.archive!.prefixCounts ? options.archive!.prefixCounts(words) : new Map()),
      getMany: (ids: string[]) => papers.getMany(ids),
      list: (query: PaperListQuery) => papers.list(query),
      count: () => papers.count(),
      // `updated` picks iterateUpdated (its `after` null for every paper), else iterate.
      iterOpen: (pageSize?: number, updated?: { after: Date | null }) => {
        const id = ++cursors;
        const size = Math.min(pageSize ?? SERVED_PAGE, SERVED_PAGE);
        const pages = updated ? papers.iterateUpdated(updated.after ?? undefined, size) : papers.iterate(size);
        iterators.set(id, pages[Symbol.asyncIterator]());
        return id;
      },
      iterNext: async (id: number) => {
        const r = await iterators.get(id)?.next();
        return !r || r.done ? null : r.value;
      },
      iterClose: async (id: number) => {
        const it = iterators.get(id);
        iterators.delete(id);
        await it?.return?.();
      },
    });
    const self: Running = {
      worker,
      rpc,
      exited: watchWorker(worker, rpc, 'search worker', {
        logger,
        current: () => running === self,
        onExit: ({ unexpected, failure, code }) => {
          if (running === self) running = null;
          for (const it of iterators.values()) Promise.resolve(it.return?.()).catch(() => undefined);
          iterators.clear();
          if (!unexpected) return;
          deathsInARow++;
          const pause = deathsInARow < 2 ? 0 : Math.min(backoff.maxMs, backoff.baseMs * 2 ** (deathsInARow - 2));
          restartAt = now() + pause;
          logger?.error(
            { err: failure ? describeError(failure) : undefined, code, deathsInARow, restartInMs: pause },
            pause ? 'search worker died again before answering; pausing before the next start' : 'search worker died; the next search starts a new one',
          );
        },
      }),
    };
    // Idle, the worker must not keep a CLI process alive; `call` refs it while answers are due.
    worker.unref();
    return self;
  };

  const call = async <T>(op: string, ...args: unknown[]): Promise<T> => {
    if (!running) {
      const wait = restartAt - now();
      if (wait > 0) throw new Error(`search is restarting after repeated crashes; try again in ${Math.ceil(wait / 1000)} s`);
      running = start();
    }
    const { worker, rpc } = running;
    worker.ref();
    try {
      const answer = await rpc.call<T>(op, ...args);
      deathsInARow = 0;
      return answer;
    } finally {
      if (rpc.pending() === 0) worker.unref();
    }
  };

  return {
    ready: () => call<IndexOpening>('ready'),
    search: (query, opts) => call<SearchOutcome>('search', query, opts),
    indexPapers: (list) => call<void>('indexPapers', list),
    removePapers: (ids) => call<void>('removePapers', ids),
    refresh: () => call<number>('refresh'),
    persist: () => call<void>('persist'),
    get starts() {
      return starts;
    },
    worker: () => running?.worker ?? null,
    async close() {
      const r = running;
      running = null;
      if (!r) return;
      await r.worker.terminate();
      await r.exited;
    },
  };
}

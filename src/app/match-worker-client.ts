/**
 * The digest's topic matcher for the long-running service: a digest window is read and matched
 * in a worker thread (`match-worker.ts`), a page at a time, and this thread only collects each
 * page's hits. After a backfill that is 100,000 papers: read and matched on the main thread it
 * held /healthz and chat acks behind pages of matching for seconds at a time.
 *
 * Matching a handful of papers (`match`, the digest preview) stays on this thread. The worker
 * starts with the first window and stops when idle for a while; one that dies fails the window
 * it was matching (the digest is retried at the next run) and the next window starts a new one.
 */
import type { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { TopicMatcher, WindowPage } from '../core/digest/topic-matcher.js';
import type { Logger } from '../core/ports.js';
import { createRpc, type Rpc } from '../search-worker/rpc.js';
import { spawnWorker, watchWorker } from '../search-worker/thread.js';
import type { MatchWorkerData } from './match-worker.js';
import { describeError } from '../core/error-text.js';

export interface WorkerTopicMatcher extends TopicMatcher {
  matchWindow(window: { since: Date; before: Date }, topicSlugs: readonly string[]): AsyncIterable<WindowPage>;
  /** Stop the worker; a later window would start a new one. */
  close(): Promise<void>;
  /** Times a worker was started (tests, logs). */
  readonly starts: number;
  /** True while a worker thread is up. */
  running(): boolean;
}

export interface WorkerTopicMatcherOptions {
  config: Config;
  /** The same matcher on this thread, for `match`. */
  inProcess: TopicMatcher;
  /** This thread's feedback revision (marks are recorded here): the worker re-learns when it moves. */
  feedbackRevision: () => number;
  logger?: Logger;
  /** An idle worker stops after this long (default two minutes): it holds its own stores and corpus. */
  idleMs?: number;
}

interface Running {
  worker: Worker;
  rpc: Rpc;
  exited: Promise<void>;
}

export function createWorkerTopicMatcher(options: WorkerTopicMatcherOptions): WorkerTopicMatcher {
  const { logger } = options;
  const idleMs = options.idleMs ?? 120_000;
  let running: Running | null = null;
  let starts = 0;
  let open = 0;
  let idleTimer: NodeJS.Timeout | null = null;

  const start = (): Running => {
    starts++;
    const data: MatchWorkerData = { config: options.config };
    const worker = spawnWorker(import.meta.url, './match-worker', { workerData: data });
    const rpc = createRpc(worker, {});
    const self: Running = {
      worker,
      rpc,
      exited: watchWorker(worker, rpc, 'match worker', {
        logger,
        current: () => running === self,
        onExit: ({ unexpected, failure, code }) => {
          if (running === self) running = null;
          if (unexpected) logger?.error({ err: failure ? describeError(failure) : undefined, code }, 'match worker died; the next digest window starts a new one');
        },
      }),
    };
    // Idle, the worker must not keep a process alive; it is referenced while a window is open.
    worker.unref();
    return self;
  };

  const stop = async () => {
    const r = running;
    running = null;
    if (!r) return;
    await r.worker.terminate();
    await r.exited;
  };

  const begin = (): Running => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    running ??= start();
    open++;
    running.worker.ref();
    return running;
  };
  const end = () => {
    if (--open > 0) return;
    // The worker now running, which is not the window's own if that one died meanwhile.
    running?.worker.unref();
    idleTimer = setTimeout(() => void stop(), idleMs);
    idleTimer.unref();
  };

  return {
    match: (papers, slugs) => options.inProcess.match(papers, slugs),
    async *matchWindow(window, topicSlugs) {
      const r = begin();
      let id: number | null = null;
      try {
        id = await r.rpc.call<number>('open', window, [...topicSlugs], options.feedbackRevision());
        for (;;) {
          const page = await r.rpc.call<WindowPage | null>('next', id);
          if (page === null) {
            id = null;
            return;
          }
          yield page;
        }
      } finally {
        if (id !== null) await r.rpc.call('close', id).catch(() => undefined);
        end();
      }
    },
    get starts() {
      return starts;
    },
    running: () => running !== null,
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      await stop();
    },
  };
}

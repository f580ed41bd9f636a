/**
 * Spaces requests to one host: at most one at a time and one start every `intervalMs`
 * (arXiv asks for one request every 3 s over a single connection).
 *
 * The one-at-a-time queue is p-queue's. The spacing is not p-queue's `interval` option: that runs
 * on real timers, and the arXiv tests (unit and against the real database) drive the spacing with
 * an injected clock and sleep to check the wait without waiting it.
 */
import PQueue from 'p-queue';
import { realSleep, type Sleep } from '../core/sleep.js';

export interface Throttle {
  /** Run `task` when the previous one has finished and the interval since its start has passed. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export function createThrottle(intervalMs: number, deps: { sleep?: Sleep; now?: () => number } = {}): Throttle {
  const sleep = deps.sleep ?? realSleep;
  const now = deps.now ?? Date.now;
  // A failed task rejects its own caller only; p-queue goes on with the next one.
  const queue = new PQueue({ concurrency: 1 });
  let lastStart: number | null = null;
  return {
    run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      return queue.add(async () => {
        if (lastStart !== null) {
          const wait = lastStart + intervalMs - now();
          if (wait > 0) await sleep(wait, signal);
        }
        lastStart = now();
        return task();
      });
    },
  };
}

/**
 * Spaces requests to one host: at most one at a time and one start every `intervalMs`
 * (arXiv asks for one request every 3 s over a single connection).
 */
import { realSleep, type Sleep } from './http.js';

export interface Throttle {
  /** Run `task` when the previous one has finished and the interval since its start has passed. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export function createThrottle(intervalMs: number, deps: { sleep?: Sleep; now?: () => number } = {}): Throttle {
  const sleep = deps.sleep ?? realSleep;
  const now = deps.now ?? Date.now;
  let lastStart: number | null = null;
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const next = tail.then(async () => {
        if (lastStart !== null) {
          const wait = lastStart + intervalMs - now();
          if (wait > 0) await sleep(wait, signal);
        }
        lastStart = now();
        return task();
      });
      // A failed task must not jam the queue for the next caller.
      tail = next.catch(() => undefined);
      return next;
    },
  };
}

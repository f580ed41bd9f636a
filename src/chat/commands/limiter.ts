/**
 * Bounded, yielding concurrency for core work behind chat commands. Search and matching are
 * CPU-bound and our stores may answer without real I/O, so 200 commands started at once would
 * run back to back as one long chain of microtasks and starve the event loop: no ack, no new
 * request read, until all were done. Each job here starts from `setImmediate`, so the loop
 * polls sockets (and acks other commands) between jobs.
 */
export type Limiter = <T>(work: () => Promise<T>) => Promise<T>;

export function createLimiter(concurrency: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  const pump = () => {
    while (active < concurrency && waiting.length > 0) {
      active++;
      setImmediate(waiting.shift()!);
    }
  };
  return async (work) => {
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      pump();
    });
    try {
      return await work();
    } finally {
      active--;
      pump();
    }
  };
}

/**
 * The one wait on a timer, for retry backoffs (HTTP, deliveries) and pacing alike. In the core
 * because the digest loop paces posts with it and the core imports nothing from src/net.
 */

/** Injected where code waits, so tests record the waits instead of taking them. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Resolves after `ms`; rejects with the signal's reason as soon as it aborts (a request's timeout
 * or a stop must not sit out a backoff of up to a minute first). A negative `ms` (a pacing slot
 * already past) waits no time: Node's timers take it as 1 ms too, but the Pacer relies on it.
 */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

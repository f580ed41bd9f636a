/** Lets queued I/O (HTTP requests, chat acks) run between chunks of CPU-bound work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * `step` over every item, with a turn of the event loop between each `chunk` of them: a pass of
 * CPU work over a big list (a corpus being built, a backfilled window's matches) holds the loop
 * for one chunk at most.
 */
export async function forEachInChunks<T>(items: readonly T[], chunk: number, step: (item: T) => void): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % chunk === 0) await yieldToEventLoop();
    step(items[i]!);
  }
}

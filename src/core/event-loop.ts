/** Lets queued I/O (HTTP requests, chat acks) run between chunks of CPU-bound work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

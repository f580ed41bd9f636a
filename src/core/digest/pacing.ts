/** Small concurrency and pacing helpers the delivery loop needs (no dependency on purpose: core). */
import { realSleep, type Sleep } from '../sleep.js';

/** Run `fn` over `items` with at most `limit` in flight; results keep input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * Keeps posts to one conversation at least `minIntervalMs` apart (Slack allows about one
 * message per second per channel). Reservations are taken synchronously, so concurrent
 * callers for the same address queue up instead of bursting.
 */
export class Pacer {
  private readonly nextFree = new Map<string, number>();

  constructor(
    private readonly sleep: Sleep = realSleep,
    private readonly now: () => number = Date.now,
  ) {}

  async wait(address: string, minIntervalMs: number): Promise<void> {
    if (minIntervalMs <= 0) return;
    const now = this.now();
    const at = Math.max(now, this.nextFree.get(address) ?? 0);
    this.nextFree.set(address, at + minIntervalMs);
    if (at > now) await this.sleep(at - now);
  }
}

/**
 * The service's stop while its delivery queue's server may be away. An enqueue into a Redis
 * that does not answer waits for it to come back (BullMQ waits for its connection to be ready,
 * and cutting the connection does not end that wait), so a digest run in flight or the
 * start-up catch-up never ended and the service never stopped. While the queue's server is
 * away, the queue is closed and that enqueue left behind: nothing of it was written, and the
 * digests it held are due again at the next start (or on another replica).
 */
import type { Logger } from '../core/ports.js';
import { waitAtMost } from '../core/timeout.js';
import type { DeliveryQueue } from './queue.js';

export interface StopWaitOptions {
  /** How often the queue's health is looked at while the jobs run. */
  pollMs?: number;
  /** How long the jobs still get once the queue was closed under them. */
  afterCloseMs?: number;
}

/** Waits for `jobsDone`, closing the queue if its server stops answering meanwhile; true when it closed it. */
export async function waitForJobsOrCloseQueue(jobsDone: Promise<unknown>, queue: Pick<DeliveryQueue, 'health' | 'close'>, logger: Pick<Logger, 'warn'>, opts: StopWaitOptions = {}): Promise<boolean> {
  while (!(await waitAtMost(jobsDone, opts.pollMs ?? 1_000))) {
    // Asked once: a second read could find Redis back and log {ok: true} over a queue being closed for it.
    const health = queue.health?.();
    if (health?.ok !== false) continue;
    logger.warn({ queue: health }, 'delivery queue unreachable while stopping: closing it; digests not yet enqueued are left to the next start');
    await queue.close();
    await waitAtMost(jobsDone, opts.afterCloseMs ?? 2_000);
    return true;
  }
  return false;
}

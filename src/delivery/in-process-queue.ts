/**
 * The embedded default: delivery jobs run in this process, one p-queue per platform for bounded
 * concurrency and pacing, with retries and exponential backoff. No sharing between replicas —
 * run one replica without Redis, or set REDIS_URL.
 */
import PQueue from 'p-queue';
import type { Logger } from '../core/ports.js';
import {
  DEFAULT_QUEUE_OPTIONS,
  DELIVERY_PLATFORMS,
  PermanentDeliveryError,
  RetryLaterError,
  backoffDelay,
  deliveryJobId,
  enqueuedPlatform,
  type DeliveryHandler,
  type DeliveryJob,
  type DeliveryPlatform,
  type DeliveryQueue,
  type DeliveryQueueOptions,
} from './queue.js';
import { describeError } from '../core/error-text.js';

const neverAborted = new AbortController().signal;

export function createInProcessQueue(logger: Logger, options: Partial<DeliveryQueueOptions> = {}): DeliveryQueue {
  const opts: DeliveryQueueOptions = { ...DEFAULT_QUEUE_OPTIONS, ...options };
  const queues = new Map<DeliveryPlatform, PQueue>(
    DELIVERY_PLATFORMS.map((p) => [
      p,
      new PQueue({ concurrency: opts.concurrency, intervalCap: opts.limits[p].max, interval: opts.limits[p].durationMs, autoStart: false }),
    ]),
  );
  // Ids waiting, delayed or running: the same digest enqueued again meanwhile is one job.
  const pendingIds = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let handler: DeliveryHandler | null = null;
  let closed = false;
  let outstanding = 0;
  let running = 0;
  let idleWaiters: Array<() => void> = [];

  const settle = (job: DeliveryJob) => {
    pendingIds.delete(deliveryJobId(job));
    outstanding -= 1;
    if (outstanding === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  const schedule = (job: DeliveryJob, platform: DeliveryPlatform, attempt: number, delayMs: number) => {
    if (closed) return settle(job);
    if (delayMs <= 0) {
      void queues.get(platform)!.add(() => run(job, platform, attempt));
      return;
    }
    const t = setTimeout(() => {
      timers.delete(t);
      schedule(job, platform, attempt, 0);
    }, delayMs);
    timers.add(t);
  };

  const run = async (job: DeliveryJob, platform: DeliveryPlatform, attempt: number): Promise<void> => {
    running += 1;
    try {
      // Nobody else can take an in-process job: the signal never fires.
      await handler!({ ...job, platform, attempt, signal: neverAborted });
      settle(job);
    } catch (err) {
      const message = describeError(err);
      if (err instanceof RetryLaterError) {
        logger.warn({ ...job, delayMs: err.delayMs }, `delivery postponed: ${message}`);
        return schedule(job, platform, attempt, err.delayMs);
      }
      if (err instanceof PermanentDeliveryError || attempt >= opts.attempts) {
        // Spent attempts are not the end of the digest: the producer enqueues the slot again while it stays due.
        logger.error({ ...job, attempt, err: message }, err instanceof PermanentDeliveryError ? `delivery failed, not retried: ${message}` : `delivery gave up after ${attempt} attempts: ${message} (enqueued again at the scheduler's next check while the digest is due)`);
        return settle(job);
      }
      const delayMs = backoffDelay(opts.backoffMs, attempt);
      logger.warn({ ...job, attempt, delayMs, err: message }, `delivery failed, retrying: ${message}`);
      schedule(job, platform, attempt + 1, delayMs);
    } finally {
      running -= 1;
    }
  };

  return {
    kind: 'in-process',
    async enqueue(jobs) {
      if (closed) throw new Error('delivery queue is closed');
      for (const job of jobs) {
        const id = deliveryJobId(job);
        if (pendingIds.has(id)) continue;
        const platform = enqueuedPlatform(job, logger);
        if (!platform) continue;
        pendingIds.add(id);
        outstanding += 1;
        schedule(job, platform, 1, 0);
      }
    },
    start(h) {
      if (handler) throw new Error('delivery queue already started');
      handler = h;
      for (const q of queues.values()) q.start();
    },
    drain() {
      if (outstanding === 0) return Promise.resolve();
      if (!handler) return Promise.reject(new Error('drain() before start(): nothing would ever run'));
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    async counts() {
      return { waiting: Math.max(0, outstanding - running - timers.size), active: running, delayed: timers.size };
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const q of queues.values()) {
        q.pause();
        q.clear();
      }
      // Jobs already running finish; the ledger lets the next start resume anything unsent.
      await Promise.all([...queues.values()].map((q) => q.onPendingZero()));
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    },
  };
}

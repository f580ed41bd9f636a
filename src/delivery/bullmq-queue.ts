/**
 * Delivery jobs on BullMQ (Redis), shared by every replica. One queue per platform so each gets
 * its own rate limiter; the job id is derived from (target, slot) so two replicas enqueueing
 * one digest make one job; a replica that dies mid-job loses its lock and the stalled-job
 * checker of any live replica moves the job back to waiting.
 */
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../core/ports.js';
import { redactUrl } from '../core/redact-url.js';
import { waitAtMost, withTimeout } from '../core/timeout.js';
import { realSleep } from '../core/sleep.js';
import { slices } from '../slices.js';
import { isRedisConnectionError, watchRedis } from './redis-outage.js';
import {
  DEFAULT_QUEUE_OPTIONS,
  DELIVERY_PLATFORMS,
  PermanentDeliveryError,
  RetryLaterError,
  deliveryJobId,
  enqueuedPlatform,
  type DeliveryHandler,
  type DeliveryJob,
  type DeliveryPlatform,
  type DeliveryQueue,
  type DeliveryQueueOptions,
} from './queue.js';
import { describeError } from '../core/error-text.js';

export interface BullmqQueueOptions extends DeliveryQueueOptions {
  redisUrl: string;
  /** Redis key prefix; tests use a unique one each. */
  prefix: string;
  /** Shown on jobs this worker takes (which replica ran what). */
  workerName?: string;
  /** A job whose worker stops renewing its lock (crashed) is stalled after this long. */
  lockDurationMs: number;
  /** How often this replica looks for stalled jobs. */
  stalledIntervalMs: number;
  /** Times a job may stall (its replica died) before it is failed instead of retried. */
  maxStalledCount: number;
  /** Poll period of drain(). */
  drainPollMs: number;
  /**
   * How long close() waits, after this replica's running jobs finished, for BullMQ to let go of
   * Redis before cutting the connections (see close()).
   */
  closeGraceMs: number;
}

export const DEFAULT_BULLMQ_OPTIONS: Omit<BullmqQueueOptions, 'redisUrl'> = {
  ...DEFAULT_QUEUE_OPTIONS,
  prefix: 'paperboy',
  lockDurationMs: 30_000,
  stalledIntervalMs: 15_000,
  maxStalledCount: 3,
  drainPollMs: 100,
  closeGraceMs: 5_000,
};

/** How long a queue-depth read (GET /metrics) waits for Redis. */
const COUNTS_TIMEOUT_MS = 2_000;

/** Jobs per addBulk call. */
const ADD_BULK_SLICE = 1_000;

export function queueName(platform: DeliveryPlatform): string {
  return `delivery-${platform}`;
}

export function createBullmqQueue(
  logger: Logger,
  options: Partial<BullmqQueueOptions> & { redisUrl: string },
): DeliveryQueue {
  const opts: BullmqQueueOptions = { ...DEFAULT_BULLMQ_OPTIONS, ...options };
  // BullMQ needs maxRetriesPerRequest: null so blocking commands survive reconnects.
  const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  const redis = watchRedis(logger, opts.redisUrl);
  connection.on('error', (err) => redis.failed(err));
  connection.on('ready', () => redis.ready());
  const queues = new Map<DeliveryPlatform, Queue>(
    DELIVERY_PLATFORMS.map((p) => [p, new Queue(queueName(p), { connection, prefix: opts.prefix })]),
  );
  const workers: Worker[] = [];
  /** This replica's handlers still running: what close() waits for. */
  const running = new Set<Promise<unknown>>();

  const processorFor = (platform: DeliveryPlatform, handler: DeliveryHandler) => async (job: Job<DeliveryJob>, token?: string, signal?: AbortSignal) => {
    const work = handler({ targetId: job.data.targetId, slot: job.data.slot, platform, attempt: job.attemptsMade + 1, signal: signal ?? new AbortController().signal });
    running.add(work);
    try {
      await work;
    } catch (err) {
      if (err instanceof RetryLaterError) {
        // Postponing is not a failed attempt: a 429 says "later", not "broken".
        await job.moveToDelayed(Date.now() + err.delayMs, token);
        throw new DelayedError();
      }
      if (err instanceof PermanentDeliveryError) throw new UnrecoverableError(err.message);
      throw err;
    } finally {
      running.delete(work);
    }
  };

  return {
    kind: 'bullmq',
    async enqueue(jobs) {
      const byPlatform = new Map<DeliveryPlatform, DeliveryJob[]>();
      for (const job of jobs) {
        const platform = enqueuedPlatform(job, logger);
        if (!platform) continue;
        const list = byPlatform.get(platform) ?? [];
        list.push({ targetId: job.targetId, slot: job.slot });
        byPlatform.set(platform, list);
      }
      for (const [platform, all] of byPlatform) {
        // In slices: one addBulk of 100,000 jobs is one Redis MULTI held in memory at once (the
        // producing replica peaked at 1.4 GB), and no job could start before all were added.
        for (const list of slices(all, ADD_BULK_SLICE)) {
          await queues.get(platform)!.addBulk(
            list.map((data) => ({
              name: 'deliver',
              data,
              opts: {
                jobId: deliveryJobId(data),
                attempts: opts.attempts,
                backoff: { type: 'exponential', delay: opts.backoffMs },
                // Dedupe covers jobs waiting, delayed or running. Finished jobs are removed so that
                // an unfinished digest (a refused part, 5xx past the retries) can be enqueued
                // again under the same id by a later schedule slot; running a finished digest
                // again posts nothing, since the ledger has every part as sent.
                removeOnComplete: true,
                removeOnFail: true,
              },
            })),
          );
        }
      }
    },
    start(handler) {
      if (workers.length) throw new Error('delivery queue already started');
      for (const platform of DELIVERY_PLATFORMS) {
        const worker = new Worker<DeliveryJob>(queueName(platform), processorFor(platform, handler), {
          connection,
          prefix: opts.prefix,
          name: opts.workerName,
          concurrency: opts.concurrency,
          limiter: { max: opts.limits[platform].max, duration: opts.limits[platform].durationMs },
          lockDuration: opts.lockDurationMs,
          stalledInterval: opts.stalledIntervalMs,
          maxStalledCount: opts.maxStalledCount,
        });
        worker.on('failed', (job, err) => {
          if (!job) return;
          const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
          const why = describeError(err);
          const fields = { ...job.data, attempt: job.attemptsMade, err: why };
          if (final) logger.error(fields, err instanceof UnrecoverableError ? `delivery failed, not retried: ${why}` : `delivery gave up after ${job.attemptsMade} attempts: ${why}`);
          else logger.warn(fields, `delivery failed, will retry: ${why}`);
        });
        // A lapsed lock means the stalled-job checker may hand this job to another replica:
        // abort ours so it stops posting (the ledger and history check cover the overlap).
        worker.on('lockRenewalFailed', (jobIds) => {
          for (const id of jobIds) worker.cancelJob(id, 'lock lost');
          logger.warn({ jobIds, platform }, 'lost the lock on delivery jobs; stopping them here');
        });
        worker.on('stalled', (jobId) => logger.warn({ jobId, platform }, 'delivery job stalled (its replica stopped); requeued'));
        // Redis being away is one outage (redis-outage.ts), not an error per worker per reconnect.
        worker.on('error', (err) => (isRedisConnectionError(err) ? redis.failed(err) : logger.error({ platform, err: describeError(err) }, `delivery worker error: ${describeError(err)}`)));
        workers.push(worker);
      }
    },
    async drain() {
      for (;;) {
        let open = 0;
        for (const q of queues.values()) {
          const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused', 'waiting-children');
          open += Object.values(c).reduce((a, b) => a + b, 0);
        }
        if (open === 0) return;
        await realSleep(opts.drainPollMs);
      }
    },
    async counts() {
      // Commands wait for Redis to come back (maxRetriesPerRequest: null): a scrape of /metrics
      // during an outage hung, one more pending request per scrape. Fail fast instead.
      const health = redis.health();
      if (!health.ok) throw new Error(health.error);
      const read = async () => {
        const total = { waiting: 0, active: 0, delayed: 0 };
        for (const q of queues.values()) {
          const c = await q.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
          total.waiting += (c.waiting ?? 0) + (c.prioritized ?? 0);
          total.active += c.active ?? 0;
          total.delayed += c.delayed ?? 0;
        }
        return total;
      };
      return withTimeout(read(), COUNTS_TIMEOUT_MS, `redis did not answer within ${COUNTS_TIMEOUT_MS} ms`);
    },
    health: () => redis.health(),
    async answering(ms) {
      if (connection.status === 'ready') return;
      const ready = new Promise<void>((resolve) => connection.once('ready', () => resolve()));
      await withTimeout(ready, ms, () => {
        const health = redis.health();
        const why = health.ok ? `redis at ${redactUrl(opts.redisUrl)} did not answer` : health.error;
        return new Error(`REDIS_URL: ${why} (waited ${Math.round(ms / 1000)} s); start Redis, or correct REDIS_URL`);
      });
    },
    async close() {
      // Worker.close() waits for active jobs, then for Redis to confirm each disconnect. With
      // Redis unreachable, or just back from an outage, that second wait never ends (BullMQ
      // #4656) and SIGTERM left the service hanging at "finishing in-flight work". What must
      // finish is this replica's running jobs (their parts are in the ledger); after them BullMQ
      // gets closeGraceMs to let go, then the connections are cut. A job cut short this way is
      // no loss: its lock lapses and another replica (or the next start) resumes it.
      const released = (async () => {
        await Promise.all(workers.map((w) => w.close()));
        await Promise.all([...queues.values()].map((q) => q.close()));
        await connection.quit().catch(() => connection.disconnect());
      })().catch((err: unknown) => logger.debug({ err: String(err) }, 'delivery queue close'));
      await Promise.allSettled([...running]);
      if (await waitAtMost(released, opts.closeGraceMs)) return;
      logger.warn({ redis: redis.health() }, `delivery queue: redis did not answer while closing; connections cut after ${opts.closeGraceMs} ms`);
      connection.disconnect();
      for (const w of workers) void w.disconnect().catch(() => undefined);
    },
  };
}

/**
 * The delivery queue: digests to deliver, one job per (target, schedule slot), shared by every
 * replica. Two engines sit behind this interface — BullMQ on Redis when REDIS_URL is set, an
 * in-process queue otherwise. Neither is what makes delivery exactly-once: the DeliveryLedger is.
 * The queue only spreads the work, retries it, paces it per platform and hands a dead replica's
 * job to a live one.
 */

import { TARGET_PLATFORMS, type TargetPlatform } from '../core/platforms.js';
import type { Logger } from '../core/ports.js';
import { platformOfId } from '../core/targets/target-id.js';
import { describeError } from '../core/error-text.js';

export type DeliveryPlatform = TargetPlatform;

export const DELIVERY_PLATFORMS: readonly DeliveryPlatform[] = TARGET_PLATFORMS;

/** One digest to deliver: the target (`slack:C123`, `discord:123…`, `console`) and its slot. */
export interface DeliveryJob {
  targetId: string;
  /** ISO instant of the schedule slot / window end; identifies the digest. */
  slot: string;
}

export interface DeliveryAttempt extends DeliveryJob {
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  platform: DeliveryPlatform;
  /**
   * Aborted when this replica no longer owns the job — its lock lapsed (event loop stalled past
   * the lock duration) and another replica may already be running it. Stop posting then.
   */
  signal: AbortSignal;
}

/** Does one job. Throwing retries it with backoff until attempts are spent. */
export type DeliveryHandler = (job: DeliveryAttempt) => Promise<void>;

/**
 * Thrown by a handler to come back later without spending an attempt — a platform 429 with
 * Retry-After, say.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly delayMs: number,
    message = `retry in ${delayMs} ms`,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** Thrown by a handler when retrying cannot help (target broken, bad data). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

export interface PlatformLimit {
  /** At most `max` jobs started per `durationMs`, across all replicas (BullMQ) or this process. */
  max: number;
  durationMs: number;
}

export interface DeliveryQueueOptions {
  /** Jobs handled at once per platform in this process. */
  concurrency: number;
  /** Tries per job, the first included. */
  attempts: number;
  /** First retry delay; doubles on each retry. */
  backoffMs: number;
  limits: Record<DeliveryPlatform, PlatformLimit>;
}

/**
 * Job-level pacing per platform. Parts inside one digest are paced by the notifier (Slack ~1
 * message/s per channel); these caps keep the whole fleet under the workspace-wide (Slack) and
 * global 50 req/s (Discord) limits when many targets are due at once.
 */
export const DEFAULT_QUEUE_OPTIONS: DeliveryQueueOptions = {
  concurrency: 8,
  attempts: 5,
  backoffMs: 2_000,
  limits: {
    slack: { max: 20, durationMs: 1_000 },
    discord: { max: 20, durationMs: 1_000 },
    console: { max: 1_000, durationMs: 1_000 },
  },
};

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
}

export interface DeliveryQueue {
  readonly kind: 'in-process' | 'bullmq';
  /**
   * Add jobs. The same (target, slot) enqueued twice — by two replicas, or twice by one — is
   * one job.
   */
  enqueue(jobs: readonly DeliveryJob[]): Promise<void>;
  /** Begin taking jobs (call once, after wiring the handler's dependencies). */
  start(handler: DeliveryHandler): void;
  /** Resolves when nothing is waiting, delayed or running (one-shot runs and tests). */
  drain(): Promise<void>;
  /** Jobs per state across platforms, for the queue-depth gauge. */
  counts(): Promise<QueueCounts>;
  /** Stop taking jobs, let running ones finish, release connections. */
  close(): Promise<void>;
  /**
   * Whether the queue's server answers (BullMQ: Redis), for /healthz; absent for a queue that
   * has none (in-process). While it does not, nothing is delivered.
   */
  health?(): QueueHealth;
  /**
   * Resolves once the queue's server answers, rejects naming its setting when it has not within
   * `ms` (BullMQ: REDIS_URL); absent for a queue that has none. The service's start waits on it.
   */
  answering?(ms: number): Promise<void>;
}

export type QueueHealth = { ok: true } | { ok: false; error: string; since: Date };

export function platformOf(targetId: string): DeliveryPlatform {
  const platform = platformOfId(targetId);
  if (platform) return platform;
  throw new PermanentDeliveryError(`unknown platform for target "${targetId}" (expected slack:…, discord:… or console)`);
}

/**
 * The platform whose queue takes a job; null, logged, for a target no platform owns: it could
 * only fail, so each queue leaves it out of what it enqueues, saying so alike.
 */
export function enqueuedPlatform(job: DeliveryJob, logger: Pick<Logger, 'error'>): DeliveryPlatform | null {
  try {
    return platformOf(job.targetId);
  } catch (err) {
    logger.error({ ...job }, describeError(err));
    return null;
  }
}

/**
 * Stable job id from target and slot, so both replicas enqueueing one digest name one job.
 * BullMQ forbids ':' in custom ids; percent-encoding keeps the id readable and injective.
 */
export function deliveryJobId(job: DeliveryJob): string {
  return `${encodeURIComponent(job.targetId)}@${encodeURIComponent(job.slot)}`;
}

/** Exponential backoff: base, 2×base, 4×base, … */
export function backoffDelay(baseMs: number, attempt: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}

/**
 * Digests through the delivery queue, so that many replicas share the work:
 * - the producer (run by whichever replica wins the digest schedule slot) enqueues one job per
 *   due target and per unfinished digest;
 * - the handler (every replica) runs the digest job for that one target.
 * Exactly-once parts come from the ledger inside runDigests, not from the queue: a job run
 * twice (a stalled job taken over while its first replica was merely slow) finds its parts
 * recorded or looks them up on the platform before posting.
 */
import { windowKeyOf } from '../core/digest/window-key.js';
import { lastUnsentAt, postedByEarlierRun, retryDelayMs, runDigests, type RunDigestsDeps, type TargetRunReport, type TargetRunStatus } from '../core/digest/run-digests.js';
import { createDigestRunCache } from '../core/digest/run-cache.js';
import { dueChecker } from '../core/digest/schedule.js';
import type { DigestChannel, DigestChannels } from '../core/digest/channel.js';
import type { DeliveryTarget, Logger, Notifier, SendOutcome, Stores } from '../core/ports.js';
import type { Metrics } from '../observability/metrics.js';
import { notConfiguredText } from '../config.js';
import { PermanentDeliveryError, RetryLaterError, type DeliveryHandler, type DeliveryJob, type DeliveryQueue } from './queue.js';

/**
 * How long a job waits while another run (a manual `paperboy digest`, a stalled job's first
 * replica) has its target's digest: it then finds that digest sent, or resumes it.
 */
export const IN_PROGRESS_RETRY_MS = 5_000;

/** How long an open digest whose part failed (5xx, timeout) waits before it is enqueued again. */
export const FAILED_RESUME_MS = 5 * 60_000;

export interface EnqueueDigestsDeps {
  stores: Pick<Stores, 'targets' | 'ledger'>;
  queue: DeliveryQueue;
  logger: Logger;
  /**
   * The setting a platform lacks in this service's configuration (config.ts missingToken). A
   * target on such a platform is not enqueued, and said once per target in `warned`: it was due
   * every minute, forever, with three INFO lines and never a word of why nothing came. Absent:
   * every platform posts.
   */
  platforms?: {
    missingToken: (platform: string) => string | null;
    /**
     * Why a platform cannot post for now (the console while stdout cannot be written), or null.
     * Its targets are skipped as a missing token's are, said once until it can post again: a
     * console part that failed for good was enqueued again every 5 minutes, three log lines
     * each time, for as long as the service ran.
     */
    unavailable?: (platform: string) => string | null;
    warned: Set<string>;
  };
}

export interface EnqueueDigestsResult {
  resumed: number;
  due: number;
}

/** Enqueue every unfinished digest (to resume) and every target due at `now`. */
export async function enqueueDueDigests(deps: EnqueueDigestsDeps, now: Date): Promise<EnqueueDigestsResult> {
  const targets = new Map((await deps.stores.targets.list()).map((t) => [t.id, t]));
  const jobs: DeliveryJob[] = [];
  const open = new Set<string>();
  /** Whether `target`'s platform has its token here and can post now; said once per target when not. */
  const configured = (target: DeliveryTarget): boolean => {
    const platforms = deps.platforms;
    const problem = platforms?.unavailable?.(target.platform);
    const paused = `unavailable:${target.id}`;
    if (platforms && problem) {
      if (!platforms.warned.has(paused)) {
        platforms.warned.add(paused);
        deps.logger.warn({ target: target.id }, `digests for ${target.id} are not sent while ${problem}; they are sent again when it clears, or at the next start`);
      }
      return false;
    }
    if (platforms?.warned.delete(paused)) deps.logger.info({ target: target.id }, `digests for ${target.id} are sent again`);
    const token = platforms?.missingToken(target.platform);
    if (!platforms || !token) return true;
    if (!platforms.warned.has(target.id)) {
      platforms.warned.add(target.id);
      deps.logger.warn({ target: target.id }, `digests for ${target.id} are not sent: ${notConfiguredText(target.id, target.platform, token)}`);
    }
    return false;
  };
  for (const plan of await deps.stores.ledger.openDigests()) {
    const target = targets.get(plan.targetId);
    if (!target || target.status === 'broken' || open.has(target.id)) continue;
    open.add(target.id);
    // Planned while the service had the token: a job would only find it cannot be sent.
    if (!configured(target)) continue;
    const windowKey = windowKeyOf(plan.windowEnd);
    // Refusals back off by their count; a part that failed on a 5xx or a timeout waits a few
    // minutes once the queue's attempts are spent, rather than being enqueued again every
    // minute for as long as the platform is down.
    const wait = target.failureCount > 0 ? retryDelayMs(target.failureCount) : plan.parts.some((p) => p.status === 'failed') ? FAILED_RESUME_MS : 0;
    if (now.getTime() - lastUnsentAt(plan.parts) < wait) continue;
    // Same id as the job that planned it: no second job while the first is still queued.
    jobs.push({ targetId: target.id, slot: windowKey });
  }
  const resumed = jobs.length;
  const checkDue = dueChecker(now);
  for (const target of targets.values()) {
    if (open.has(target.id)) continue;
    const due = checkDue(target);
    if (due.status !== 'due' || !configured(target)) continue;
    jobs.push({ targetId: target.id, slot: windowKeyOf(due.slot) });
  }
  if (jobs.length) await deps.queue.enqueue(jobs);
  const result = { resumed, due: jobs.length - resumed };
  // Checked every minute: a quiet minute is not worth an INFO line (1,440 a day).
  if (jobs.length) deps.logger.info(result, 'digest jobs enqueued');
  else deps.logger.debug(result, 'no digest due');
  return result;
}

/** Statuses that a later attempt of the same job may fix. */
const RETRYABLE: ReadonlySet<TargetRunStatus> = new Set(['failed']);

/** The last post of a job that failed, as its notifier said it (null once a post went through). */
interface LastFailure {
  failure: { error: string; retryable: boolean } | null;
}

/**
 * Notifiers that refuse to post once the job is no longer this replica's, and count every
 * post's outcome (sent, failed, rejected, rate-limited = a platform 429).
 */
function guardChannels(channels: DigestChannels, signal: AbortSignal, metrics: Metrics | undefined, last: LastFailure): DigestChannels {
  const out: DigestChannels = {};
  for (const [platform, channel] of Object.entries(channels) as Array<[keyof DigestChannels, DigestChannel]>) {
    const notifier: Notifier = {
      platform: channel.notifier.platform,
      // Every argument passes through: the thread one dropped here posted threaded digests flat.
      findPosted: (address, key, since, thread) => channel.notifier.findPosted(address, key, since, thread),
      ...(channel.notifier.accessProblems ? { accessProblems: () => channel.notifier.accessProblems!() } : {}),
      send: async (address, part, thread): Promise<SendOutcome> => {
        if (signal.aborted) return { status: 'failed', error: 'this replica lost the delivery job to another one', retryable: false };
        const outcome = await channel.notifier.send(address, part, thread);
        metrics?.messages.inc({ platform, status: outcome.status });
        if (outcome.status === 'failed') last.failure = { error: outcome.error, retryable: outcome.retryable };
        else if (outcome.status === 'sent') last.failure = null;
        if (outcome.status === 'rate-limited') metrics?.platformRateLimited.inc({ platform });
        return outcome;
      },
    };
    out[platform] = { ...channel, notifier };
  }
  return out;
}

/**
 * A digest's status for paperboy_digests_total: one an earlier run had posted in full (it
 * stopped before closing the window) is `already-delivered`. Counted as delivered, a crash and
 * its retry showed two digests delivered where one was.
 */
function metricStatus(outcome: TargetRunReport): string {
  return postedByEarlierRun(outcome) ? 'already-delivered' : outcome.status;
}

/**
 * Runs one target's digest for the job's slot (the window ends at the slot). `startedAt`: when
 * this service started; a job for an earlier slot is its start-up catch-up (RunDigestsOptions.catchUp).
 */
export function createDigestJobHandler(deps: RunDigestsDeps, opts: { metrics?: Metrics; startedAt?: Date } = {}): DeliveryHandler {
  // Jobs of one slot share the window's papers, matches, summaries and topic names.
  const cache = deps.cache ?? createDigestRunCache();
  return async (job) => {
    const slot = new Date(job.slot);
    if (Number.isNaN(slot.getTime())) throw new PermanentDeliveryError(`bad slot "${job.slot}" for ${job.targetId}: not an ISO instant`);
    const target = await deps.stores.targets.get(job.targetId);
    if (!target) throw new PermanentDeliveryError(`no delivery target "${job.targetId}"`);
    // A late duplicate of a slot already delivered (the window only advances once every part
    // is sent): running it would only move the window back.
    if (target.lastDigestAt && target.lastDigestAt.getTime() >= slot.getTime()) {
      deps.logger.debug({ targetId: job.targetId, slot: job.slot }, 'digest slot already delivered; nothing to do');
      return;
    }
    // A job queued before the target was removed and added again: its slot is the old
    // target's, before the new one's first window starts (running it set lastDigestAt, and
    // with --notify-empty posted "no new papers"). Not rescheduledAt: an open plan queued
    // before a schedule change still has parts to finish.
    if (target.digestFrom && target.digestFrom.getTime() >= slot.getTime()) {
      deps.logger.debug({ targetId: job.targetId, slot: job.slot }, 'digest slot before the target was added; nothing to do');
      return;
    }
    const last: LastFailure = { failure: null };
    // A slot before this service started passed while it was down: the start-up catch-up's digest.
    const catchUp = opts.startedAt !== undefined && slot.getTime() < opts.startedAt.getTime();
    const report = await runDigests({ ...deps, cache, channels: guardChannels(deps.channels, job.signal, opts.metrics, last) }, { targetId: job.targetId, target, now: slot, catchUp });
    const outcome = report.targets.find((t) => t.targetId === job.targetId);
    if (!outcome) return;
    opts.metrics?.digests.inc({ platform: job.platform, status: metricStatus(outcome) });
    // A 429 asking for a longer wait than a run gives: the job comes back then, without spending
    // an attempt, rather than after the queue's own few-second backoff.
    if (outcome.retryAfterMs !== undefined) throw new RetryLaterError(outcome.retryAfterMs, outcome.error ?? 'rate limited');
    // Not an attempt spent: the other run may stop short, and this slot is not done until a
    // run finds it sent; back then, this job ends as an already delivered slot.
    if (outcome.status === 'in-progress') throw new RetryLaterError(IN_PROGRESS_RETRY_MS, outcome.error ?? 'another run has this digest');
    // A post its notifier says no retry can help (a stdout that cannot be written, a refused
    // token) fails the same way on every attempt: retried, it was five attempts and a dozen log
    // lines in both queues for one failure. Ended for good instead, said once; its part stays
    // unsent in the ledger, for the producer's next check or the next start.
    const failure = last.failure;
    if (outcome.status === 'failed' && failure && !failure.retryable && failure.error === outcome.error) {
      throw new PermanentDeliveryError(`${outcome.error}; the digest stays unsent for a later run`);
    }
    if (RETRYABLE.has(outcome.status)) throw new Error(outcome.error ?? `digest ${outcome.status}`);
    // 'rejected' already counted a failure on the target (broken after N): the next slot's
    // producer enqueues it again after a pause, rather than hammering a refusing channel now.
  };
}

/**
 * Delivering one frozen digest, part by part, exactly once. The ledger is written before
 * and after every post; a part that may have reached the platform (crash after posting,
 * timeout, lost response) is looked up in the conversation's history before it is posted
 * again. The target's window advances only once every part is sent.
 */
import {
  HistoryUnavailableError,
  PlatformUnreachableError,
  type DeliveryLedger,
  type DeliveryPart,
  type DeliveryTarget,
  type Logger,
  type PlannedDigest,
  type RenderedPart,
  type TargetStore,
  type ThreadContext,
} from '../ports.js';
import { addressOf, type DigestChannel } from './channel.js';
import { windowKeyOf } from './window-key.js';
import type { Pacer } from './pacing.js';
import type { Sleep } from '../sleep.js';
import { describeError } from '../error-text.js';

export interface DeliveryPolicy {
  /** Posts per part per run for 5xx/timeouts before giving up until the next run. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Total Retry-After waiting per part before giving up until the next run. */
  maxRateLimitWaitMs: number;
  /** Runs ending in a platform refusal (channel gone, no access) before the target is marked broken. */
  brokenAfter: number;
  /** How far before a part first became pending history is searched for an earlier post (clock skew). */
  historySlackMs: number;
  /**
   * After a post that may have landed (a timeout, a 5xx), how long before history is read to
   * check: a post slower than the client's timeout lands seconds later, and read at once it was
   * not there yet and went out twice.
   */
  lostPostSettleMs: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxAttempts: 4,
  backoffBaseMs: 1000,
  backoffMaxMs: 30_000,
  maxRateLimitWaitMs: 5 * 60_000,
  brokenAfter: 3,
  historySlackMs: 5 * 60_000,
  lostPostSettleMs: 10_000,
};

export type DigestDeliveryOutcome =
  /** `already`: parts the ledger had as sent when this run came to them (posted by an earlier run), not posted again. */
  | { status: 'delivered'; parts: number; sent: number; recovered: number; unverified: number; already: number }
  | { status: 'rejected'; error: string; broken: boolean; part: number }
  | { status: 'failed'; error: string; part: number; retryAfterMs?: number };

/** The message id recorded for a part that may have been posted but could not be checked. */
export const UNVERIFIED_MESSAGE_ID = 'unverified';

type PartOutcome =
  | { status: 'sent'; messageId: string; how: 'posted' | 'recovered' | 'already' | 'unverified' }
  | { status: 'rejected'; error: string }
  /** `retryAfterMs`: the platform asked for a longer wait than this run gives a part (a 429). */
  | { status: 'failed'; error: string; retryAfterMs?: number };

export interface DeliverDeps {
  ledger: DeliveryLedger;
  targets: TargetStore;
  logger: Logger;
  pacer: Pacer;
  sleep: Sleep;
  policy: DeliveryPolicy;
  /**
   * Platforms this run could not connect to after every retry, with why (one map per run):
   * the other targets on them fail at once with that reason instead of each waiting out its
   * own retries (seconds per target, minutes for a run over hundreds of channels).
   */
  unreachable?: Map<string, string>;
}

export interface DeliverArgs {
  target: DeliveryTarget;
  plan: PlannedDigest;
  parts: RenderedPart[];
  channel: DigestChannel;
}

function backoff(policy: DeliveryPolicy, attempt: number): number {
  const exp = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  // Jitter keeps many targets that failed together from retrying in lock-step.
  return Math.round(exp * (0.75 + Math.random() * 0.5));
}

async function deliverPart(deps: DeliverDeps, args: DeliverArgs, part: RenderedPart, recorded: DeliveryPart | undefined, thread: ThreadContext | undefined): Promise<PartOutcome> {
  const { ledger, policy } = deps;
  const { target, plan, channel } = args;
  const windowKey = windowKeyOf(plan.windowEnd);
  const address = addressOf(target);

  if (recorded?.status === 'sent' && recorded.platformMessageId) return { status: 'sent', messageId: recorded.platformMessageId, how: 'already' };
  // Any earlier attempt may have reached the platform (a crash or a lost response right after it).
  let mayBePosted = recorded !== undefined && recorded.status !== 'rejected' && recorded.status !== 'rate-limited';
  const marked = await ledger.markPending(target.id, windowKey, part.part, part.totalParts);
  // Another replica may have sent this part between our read of the ledger and now.
  if (marked.status === 'sent' && marked.platformMessageId) return { status: 'sent', messageId: marked.platformMessageId, how: 'already' };
  const down = deps.unreachable?.get(target.platform);
  if (down) {
    const error = `${down}; not tried, as an earlier target of this run could not reach it either`;
    await ledger.markFailed(target.id, windowKey, part.part, 'failed', error);
    return { status: 'failed', error };
  }
  // No post of this part can be older than the moment it first became pending: history is read
  // back to there, page after page, whatever came after it (parts recorded before pendingSince
  // was kept fall back to the plan's creation).
  const since = new Date((marked.pendingSince ?? plan.createdAt).getTime() - policy.historySlackMs);

  let attempts = 0;
  let rateWaited = 0;
  for (;;) {
    if (mayBePosted) {
      let found: string | null;
      try {
        found = await channel.notifier.findPosted(address, part.dedupeKey, since, thread);
      } catch (err) {
        if (err instanceof HistoryUnavailableError) {
          // The bot may not read this conversation, and the platform does not drop a repeated
          // post: posting again would duplicate every post whose response was lost (Slack: 41
          // in one run). A paper reaches a person at most once, so the part is recorded as
          // posted-but-unverified and the operator is told what to fix.
          deps.logger.warn(
            { targetId: target.id, windowKey, part: part.part, error: describeError(err), operatorAction: true },
            'digest part may be missing: its post may have reached the platform, but the bot cannot read the conversation to check, so it is not posted again (grant history access to avoid this)',
          );
          await ledger.markSent(target.id, windowKey, part.part, UNVERIFIED_MESSAGE_ID);
          return { status: 'sent', messageId: UNVERIFIED_MESSAGE_ID, how: 'unverified' };
        }
        // Not knowing whether it was posted: posting again risks a duplicate, so wait and re-check.
        // A platform out of reach is said as such: "history lookup failed" hid that the network was down.
        attempts++;
        const error = err instanceof PlatformUnreachableError ? err.message : `history lookup failed: ${describeError(err)}`;
        await ledger.markFailed(target.id, windowKey, part.part, 'failed', error);
        if (attempts >= policy.maxAttempts) {
          if (err instanceof PlatformUnreachableError) deps.unreachable?.set(target.platform, error);
          return { status: 'failed', error };
        }
        await deps.sleep(backoff(policy, attempts));
        continue;
      }
      if (found !== null) {
        await ledger.markSent(target.id, windowKey, part.part, found);
        return { status: 'sent', messageId: found, how: 'recovered' };
      }
    }

    await deps.pacer.wait(address, channel.minIntervalMs);
    let outcome;
    try {
      outcome = await channel.notifier.send(address, part, thread);
    } catch (err) {
      outcome = { status: 'failed' as const, error: describeError(err), retryable: true };
    }
    switch (outcome.status) {
      case 'sent':
        await ledger.markSent(target.id, windowKey, part.part, outcome.messageId);
        return { status: 'sent', messageId: outcome.messageId, how: 'posted' };
      case 'rate-limited': {
        await ledger.markFailed(target.id, windowKey, part.part, 'rate-limited', outcome.error);
        // Longer than this run waits: the caller is told when to come back (a queue postpones the
        // job that long), not to try again sooner.
        if (rateWaited + outcome.retryAfterMs > policy.maxRateLimitWaitMs) {
          return { status: 'failed', error: `rate limited: ${outcome.error} (the platform asked to wait ${Math.ceil(outcome.retryAfterMs / 1000)} s)`, retryAfterMs: outcome.retryAfterMs };
        }
        rateWaited += outcome.retryAfterMs;
        deps.logger.info({ targetId: target.id, part: part.part, retryAfterMs: outcome.retryAfterMs }, `rate limited by the platform: waiting ${Math.ceil(outcome.retryAfterMs / 1000)} s as it asked`);
        await deps.sleep(outcome.retryAfterMs);
        // Pending again before the retry: its post may land and the process die before markSent, and
        // a part left 'rate-limited' reads on resume as never posted, so it would be posted twice.
        const again = await ledger.markPending(target.id, windowKey, part.part, part.totalParts);
        if (again.status === 'sent' && again.platformMessageId) return { status: 'sent', messageId: again.platformMessageId, how: 'already' };
        continue;
      }
      case 'rejected':
        await ledger.markFailed(target.id, windowKey, part.part, 'rejected', outcome.error);
        return { status: 'rejected', error: outcome.error };
      case 'failed': {
        attempts++;
        await ledger.markFailed(target.id, windowKey, part.part, 'failed', outcome.error);
        if (!outcome.retryable || attempts >= policy.maxAttempts) {
          if (outcome.unreachable) deps.unreachable?.set(target.platform, outcome.error);
          return { status: 'failed', error: outcome.error };
        }
        // No connection was made: this post cannot land, so there is nothing to wait for or look up.
        if (outcome.unreachable) {
          await deps.sleep(backoff(policy, attempts));
          continue;
        }
        // A 5xx or timeout can come after the platform accepted the post, or before a slow one lands.
        mayBePosted = true;
        await deps.sleep(Math.max(backoff(policy, attempts), policy.lostPostSettleMs));
        continue;
      }
    }
  }
}

export async function deliverDigest(deps: DeliverDeps, args: DeliverArgs): Promise<DigestDeliveryOutcome> {
  const { target, plan, parts } = args;
  const windowKey = windowKeyOf(plan.windowEnd);
  const recorded = new Map((await deps.ledger.parts(target.id, windowKey)).map((p) => [p.part, p]));
  const recordedTotal = Math.max(0, ...[...recorded.values()].map((p) => p.totalParts));
  if (recordedTotal && recordedTotal !== parts.length) {
    // Renderers size parts from stable data, so this means a paper's text changed mid-digest.
    deps.logger.warn({ targetId: target.id, windowKey, recordedTotal, renderedTotal: parts.length }, 'digest re-rendered into a different number of parts; continuing by part number');
  }
  let sent = 0;
  let recovered = 0;
  let unverified = 0;
  let already = 0;
  // A threaded digest's root is part 1 and its id is in the ledger (markSent) before any reply
  // is posted, so a resumed run replies in the same thread. A root that could not be verified
  // has no known id: its replies go to the conversation itself rather than nowhere.
  let thread: ThreadContext | undefined;
  for (const part of parts) {
    const outcome = await deliverPart(deps, args, part, recorded.get(part.part), part.thread === 'reply' ? thread : undefined);
    if (outcome.status === 'sent' && part.thread === 'root' && outcome.messageId !== UNVERIFIED_MESSAGE_ID) {
      thread = { threadOf: outcome.messageId, threadName: part.threadName ?? 'paperboy digest' };
    }
    if (outcome.status === 'sent') {
      if (outcome.how === 'posted') sent++;
      if (outcome.how === 'recovered') recovered++;
      if (outcome.how === 'unverified') unverified++;
      if (outcome.how === 'already') already++;
      continue;
    }
    if (outcome.status === 'rejected') {
      const broken = target.failureCount + 1 >= deps.policy.brokenAfter;
      await deps.targets.markFailure(target.id, outcome.error, broken);
      deps.logger.error(
        { targetId: target.id, part: part.part, error: outcome.error, failures: target.failureCount + 1, broken, operatorAction: true },
        broken
          ? 'digest target marked broken: the platform refuses posts (invite the bot or remove the target; `paperboy channel list`)'
          : 'digest part refused by the platform; will retry at the next run',
      );
      return { status: 'rejected', error: outcome.error, broken, part: part.part };
    }
    deps.logger.warn({ targetId: target.id, part: part.part, error: outcome.error, retryAfterMs: outcome.retryAfterMs }, 'digest part not delivered this time; the next try resumes from this part');
    return { status: 'failed', error: outcome.error, part: part.part, ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}) };
  }
  await deps.targets.markDelivered(target.id, plan.windowEnd);
  return { status: 'delivered', parts: parts.length, sent, recovered, unverified, already };
}

/**
 * A platform 429 asking for a longer wait than a delivery job gives: the job is postponed in the
 * queue for that long (RetryLaterError, no attempt spent), not retried seconds later; a short
 * Retry-After is waited out within the job; a digest whose part failed on a 5xx is not enqueued
 * again at every scheduler check.
 */
import { describe, expect, it } from 'vitest';
import type { Notifier, RenderedPart, SendOutcome } from '../../../src/core/ports.js';
import { FAILED_RESUME_MS, createDigestJobHandler, enqueueDueDigests } from '../../../src/delivery/queue-digests.js';
import { RetryLaterError, type DeliveryJob, type DeliveryQueue } from '../../../src/delivery/queue.js';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { channels, firstSentenceSummaries, matchEverything, seedWorld } from '../../helpers/replica-fixture.js';

/** Answers 429 with `retryAfterMs` to the first `limited` posts, then takes them. */
function limitedNotifier(retryAfterMs: number, limited: number, sends: string[]): Notifier {
  return {
    platform: 'slack',
    async findPosted() {
      return null;
    },
    async send(address: string, part: RenderedPart): Promise<SendOutcome> {
      sends.push(`${address}#${part.part}`);
      if (sends.length <= limited) return { status: 'rate-limited', error: 'ratelimited', retryAfterMs };
      return { status: 'sent', messageId: `m${sends.length}` };
    },
  };
}

async function world(retryAfterMs: number, limited: number) {
  const stores = createMemoryStores();
  const [targetId] = await seedWorld(stores, { slackTargets: 1, discordTargets: 0, papers: 2, maxPapers: 2, time: '09:00', seenAt: new Date('2026-11-28T06:00:00Z') });
  const sends: string[] = [];
  const slept: number[] = [];
  const handler = createDigestJobHandler({
    stores,
    matcher: matchEverything,
    summaries: firstSentenceSummaries,
    channels: channels(limitedNotifier(retryAfterMs, limited, sends), undefined),
    logger: silentLogger(),
    sleep: async (ms) => void slept.push(ms),
    policy: { maxRateLimitWaitMs: 30_000 },
  });
  const job = { targetId: targetId!, slot: '2026-11-28T09:00:00.000Z', platform: 'slack' as const, attempt: 1, signal: new AbortController().signal };
  return { stores, targetId: targetId!, sends, slept, run: () => handler(job) };
}

describe('delivery jobs under a platform rate limit', () => {
  it('a Retry-After longer than the job waits postpones the job for that long, after one post', async () => {
    const w = await world(400_000, 1);
    const err = await w.run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryLaterError);
    expect((err as RetryLaterError).delayMs).toBe(400_000);
    expect(w.sends).toHaveLength(1);
    // Nothing was slept on: the queue holds the job, not the worker.
    expect(w.slept.filter((ms) => ms >= 30_000)).toEqual([]);
    // When the queue brings it back, it is delivered.
    await w.run();
    expect((await w.stores.ledger.parts(w.targetId, '2026-11-28T09:00:00.000Z')).map((p) => p.status)).toEqual(['sent']);
  });

  it('a short Retry-After is waited out within the job', async () => {
    const w = await world(10_000, 1);
    await w.run();
    expect(w.slept).toContain(10_000);
    expect(w.sends.length).toBeGreaterThanOrEqual(2);
  });
});

describe('an open digest whose part failed on a 5xx', () => {
  it('is enqueued again only after a few minutes, not at every scheduler check', async () => {
    const stores = createMemoryStores();
    const [targetId] = await seedWorld(stores, { slackTargets: 1, discordTargets: 0, papers: 2, maxPapers: 2, time: '09:00', seenAt: new Date('2026-11-28T06:00:00Z') });
    const down: Notifier = {
      platform: 'slack',
      async findPosted() {
        return null;
      },
      async send(): Promise<SendOutcome> {
        return { status: 'failed', error: 'HTTP 503', retryable: false };
      },
    };
    const handler = createDigestJobHandler({ stores, matcher: matchEverything, summaries: firstSentenceSummaries, channels: channels(down, undefined), logger: silentLogger(), sleep: async () => undefined });
    await handler({ targetId: targetId!, slot: '2026-11-28T09:00:00.000Z', platform: 'slack', attempt: 1, signal: new AbortController().signal }).catch(() => undefined);
    const failedAt = Math.max(...(await stores.ledger.parts(targetId!, '2026-11-28T09:00:00.000Z')).map((p) => p.updatedAt.getTime()));
    const enqueued: DeliveryJob[] = [];
    const queue = { enqueue: async (jobs: readonly DeliveryJob[]) => void enqueued.push(...jobs) } as unknown as DeliveryQueue;
    // The scheduler decides from the parts read with the open digests: no query per digest.
    let partReads = 0;
    const counted = { ...stores, ledger: { ...stores.ledger, parts: (...args: Parameters<typeof stores.ledger.parts>) => (partReads++, stores.ledger.parts(...args)) } };
    // A minute later: the platform is still presumed down.
    expect(await enqueueDueDigests({ stores: counted, queue, logger: silentLogger() }, new Date(failedAt + 60_000))).toMatchObject({ resumed: 0 });
    expect(await enqueueDueDigests({ stores: counted, queue, logger: silentLogger() }, new Date(failedAt + FAILED_RESUME_MS + 1))).toMatchObject({ resumed: 1 });
    expect(enqueued.map((j) => j.targetId)).toEqual([targetId]);
    expect(partReads).toBe(0);
  });
});

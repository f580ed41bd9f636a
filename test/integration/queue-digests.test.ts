import { afterEach, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../../src/delivery/bullmq-queue.js';
import { createInProcessQueue } from '../../src/delivery/in-process-queue.js';
import { createDigestJobHandler, enqueueDueDigests } from '../../src/delivery/queue-digests.js';
import { PermanentDeliveryError, type DeliveryQueue } from '../../src/delivery/queue.js';
import { silentLogger } from '../../src/log.js';
import { missingToken } from '../../src/config.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { recordingLogger } from '../helpers/text-sink.js';
import { TEST_REDIS_URL, removePrefix, uniquePrefix } from '../helpers/replica-redis.js';
import { serverFor } from '../helpers/services.js';
import type { Notifier } from '../../src/core/ports.js';
import { auditParts, channels, firstSentenceSummaries, matchEverything, recordingNotifier, seedWorld, type RecordedPost } from '../helpers/replica-fixture.js';

const opened: DeliveryQueue[] = [];
const prefixes: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((q) => q.close()));
  await Promise.all(prefixes.splice(0).map((p) => removePrefix(p)));
});

describe.runIf(await serverFor('redis', 'queue-digests'))('digests through the BullMQ queue (memory stores, real Redis)', () => {
  it('two workers share the due targets and post every part exactly once; a second slot enqueues nothing', async () => {
    const stores = createMemoryStores();
    const now = new Date('2026-11-28T09:00:30.000Z');
    const ids = await seedWorld(stores, { slackTargets: 12, discordTargets: 8, papers: 30, maxPapers: 20, time: '09:00', seenAt: new Date('2026-11-28T06:00:00Z') });
    const posts: RecordedPost[] = [];
    const metrics = createMetrics();
    const deps = {
      stores,
      matcher: matchEverything,
      summaries: firstSentenceSummaries,
      channels: channels(recordingNotifier('slack', posts), recordingNotifier('discord', posts)),
      logger: silentLogger(),
      sleep: async () => undefined,
    };
    const prefix = uniquePrefix('digests');
    prefixes.push(prefix);
    const [a, b] = ['a', 'b'].map((name) => {
      const q = createBullmqQueue(silentLogger(), { redisUrl: TEST_REDIS_URL, prefix, workerName: name, drainPollMs: 20 });
      opened.push(q);
      return q;
    }) as [DeliveryQueue, DeliveryQueue];

    // Both replicas run the producer for the same slot (as if the coordinator were absent).
    const [ra, rb] = await Promise.all([enqueueDueDigests({ stores, queue: a, logger: silentLogger() }, now), enqueueDueDigests({ stores, queue: b, logger: silentLogger() }, now)]);
    expect(ra).toEqual({ resumed: 0, due: 20 });
    expect(rb.due).toBe(20);
    a.start(createDigestJobHandler(deps, { metrics }));
    b.start(createDigestJobHandler(deps, { metrics }));
    await a.drain();

    const audit = await auditParts(stores, ids, posts);
    expect(audit.duplicates).toEqual([]);
    expect(audit.missing).toEqual([]);
    expect(audit.unsentInLedger).toEqual([]);
    expect(audit.expected).toBeGreaterThan(ids.length); // 20 papers per digest: more than one part each
    expect(audit.posted).toBe(audit.expected);
    const text = await metrics.render();
    expect(text).toContain('paperboy_digests_total{platform="slack",status="delivered"} 12');
    const sentCounted = [...text.matchAll(/paperboy_messages_total\{platform="(?:slack|discord)",status="sent"\} (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(sentCounted).toBe(audit.posted);

    // Next minute: everything delivered, nothing due, nothing open.
    expect(await enqueueDueDigests({ stores, queue: a, logger: silentLogger() }, new Date(now.getTime() + 60_000))).toEqual({ resumed: 0, due: 0 });
    // Running a finished job again posts nothing (the ledger has its parts as sent).
    await a.enqueue([{ targetId: ids[0]!, slot: '2026-11-28T09:00:00.000Z' }]);
    await a.drain();
    expect(posts).toHaveLength(audit.expected);
  });
});

describe('the digest producer', () => {
  it('enqueues no target on a platform the service has no token for, and says so once per target', async () => {
    const stores = createMemoryStores();
    const now = new Date('2026-11-28T09:00:30.000Z');
    await seedWorld(stores, { slackTargets: 2, discordTargets: 1, papers: 3, maxPapers: 5, time: '09:00', seenAt: new Date('2026-11-28T06:00:00Z') });
    const enqueued: string[] = [];
    const queue = { enqueue: async (jobs: Array<{ targetId: string }>) => void enqueued.push(...jobs.map((j) => j.targetId)) } as unknown as DeliveryQueue;
    const warnings: string[] = [];
    const logger = { ...silentLogger(), warn: (_o: unknown, msg?: string) => void warnings.push(msg ?? '') } as ReturnType<typeof silentLogger>;
    const platforms = { missingToken: (platform: string) => missingToken({ SLACK_BOT_TOKEN: undefined, DISCORD_TOKEN: 'token' }, platform), warned: new Set<string>() };
    expect(await enqueueDueDigests({ stores, queue, logger, platforms }, now)).toEqual({ resumed: 0, due: 1 });
    expect(enqueued.every((id) => id.startsWith('discord:'))).toBe(true);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^digests for slack:\S+ are not sent: slack is not configured \(no SLACK_BOT_TOKEN\); set it, or remove the target with `paperboy channel remove slack:/);
    // A minute later: still not enqueued, not said again.
    await enqueueDueDigests({ stores, queue, logger, platforms }, new Date(now.getTime() + 60_000));
    expect(warnings).toHaveLength(2);
  });

  it('does not enqueue an open digest on a platform the service has no token for (planned while it had one): said once, resumed once the token is set', async () => {
    const stores = createMemoryStores();
    const now = new Date('2026-11-28T09:00:30.000Z');
    const [slack] = await seedWorld(stores, { slackTargets: 1, discordTargets: 0, papers: 3, maxPapers: 5, time: '09:00', seenAt: new Date('2026-11-28T06:00:00Z') });
    await stores.ledger.planDigest({ targetId: slack!, windowStart: null, windowEnd: new Date('2026-11-28T09:00:00Z'), items: [], createdAt: now });
    const enqueued: string[] = [];
    const queue = { enqueue: async (jobs: Array<{ targetId: string }>) => void enqueued.push(...jobs.map((j) => j.targetId)) } as unknown as DeliveryQueue;
    const warnings: string[] = [];
    const logger = { ...silentLogger(), warn: (_o: unknown, msg?: string) => void warnings.push(msg ?? '') } as ReturnType<typeof silentLogger>;
    const platforms = { missingToken: (platform: string) => missingToken({ SLACK_BOT_TOKEN: undefined, DISCORD_TOKEN: undefined }, platform), warned: new Set<string>() };
    expect(await enqueueDueDigests({ stores, queue, logger, platforms }, now)).toEqual({ resumed: 0, due: 0 });
    await enqueueDueDigests({ stores, queue, logger, platforms }, new Date(now.getTime() + 60_000));
    expect(enqueued).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`^digests for ${slack} are not sent: slack is not configured \\(no SLACK_BOT_TOKEN\\)`))]);
    const withToken = { missingToken: () => null, warned: new Set<string>() };
    expect(await enqueueDueDigests({ stores, queue, logger, platforms: withToken }, now)).toEqual({ resumed: 1, due: 0 });
  });
});

describe('the digest producer while stdout cannot be written', () => {
  // The console's part failed for good (stdout gone): re-enqueued every 5 minutes, it was three
  // log lines each time, all day. It is skipped as a platform without a token is, said once,
  // and enqueued again once stdout can be written.
  it('skips the console target while it is unavailable, says so once, and resumes it when it is not', async () => {
    const stores = createMemoryStores();
    const now = new Date('2026-11-28T09:00:30.000Z');
    const [slack] = await seedWorld(stores, { slackTargets: 1, discordTargets: 0, papers: 3, maxPapers: 5, time: '09:00', seenAt: new Date('2026-11-28T06:00:00Z') });
    const model = (await stores.targets.get(slack!))!;
    await stores.targets.upsert({ ...model, id: 'console', platform: 'console', kind: 'console' });
    await stores.targets.remove(slack!);
    await stores.ledger.planDigest({ targetId: 'console', windowStart: null, windowEnd: new Date('2026-11-28T09:00:00Z'), items: [], createdAt: now });
    const enqueued: string[] = [];
    const queue = { enqueue: async (jobs: Array<{ targetId: string }>) => void enqueued.push(...jobs.map((j) => j.targetId)) } as unknown as DeliveryQueue;
    const said: string[] = [];
    const logger = { ...silentLogger(), warn: (_o: unknown, msg?: string) => void said.push(`warn ${msg}`), info: (_o: unknown, msg?: string) => void said.push(`info ${msg}`) } as ReturnType<typeof silentLogger>;
    let problem: string | null = 'stdout cannot be written (EPIPE: the program reading it has closed it)';
    const platforms = { missingToken: () => null, unavailable: (platform: string) => (platform === 'console' ? problem : null), warned: new Set<string>() };
    for (let minutes = 0; minutes <= 20; minutes += 5) {
      expect(await enqueueDueDigests({ stores, queue, logger, platforms }, new Date(now.getTime() + minutes * 60_000))).toEqual({ resumed: 0, due: 0 });
    }
    expect(enqueued).toEqual([]);
    expect(said).toEqual(['warn digests for console are not sent while stdout cannot be written (EPIPE: the program reading it has closed it); they are sent again when it clears, or at the next start']);
    problem = null;
    expect(await enqueueDueDigests({ stores, queue, logger, platforms }, new Date(now.getTime() + 25 * 60_000))).toEqual({ resumed: 1, due: 0 });
    expect(enqueued).toEqual(['console']);
    expect(said.slice(1)).toEqual(['info digests for console are sent again', 'info digest jobs enqueued']);
  });
});

describe('digest job handler', () => {
  it('posts nothing once its job was lost to another replica (aborted signal)', async () => {
    const stores = createMemoryStores();
    const ids = await seedWorld(stores, { slackTargets: 1, discordTargets: 0, papers: 3, maxPapers: 3, time: '09:00', seenAt: new Date('2026-11-28T06:00:00Z') });
    const posts: RecordedPost[] = [];
    const handler = createDigestJobHandler({
      stores,
      matcher: matchEverything,
      summaries: firstSentenceSummaries,
      channels: channels(recordingNotifier('slack', posts), undefined),
      logger: silentLogger(),
      sleep: async () => undefined,
    });
    const lost = new AbortController();
    lost.abort();
    await handler({ targetId: ids[0]!, slot: '2026-11-28T09:00:00.000Z', platform: 'slack', attempt: 1, signal: lost.signal }).catch(() => undefined);
    expect(posts).toEqual([]);
    // The replica that owns the job now delivers it in full.
    await handler({ targetId: ids[0]!, slot: '2026-11-28T09:00:00.000Z', platform: 'slack', attempt: 1, signal: new AbortController().signal });
    expect(posts).toHaveLength(1);
    expect((await stores.ledger.parts(ids[0]!, '2026-11-28T09:00:00.000Z')).map((p) => p.status)).toEqual(['sent']);
  });

  it('does nothing for a stale job whose slot a later digest already covered', async () => {
    const stores = createMemoryStores();
    const ids = await seedWorld(stores, { slackTargets: 1, discordTargets: 0, papers: 3, maxPapers: 3, time: '09:00', seenAt: new Date('2026-11-28T06:00:00Z') });
    const posts: RecordedPost[] = [];
    const handler = createDigestJobHandler({ stores, matcher: matchEverything, summaries: firstSentenceSummaries, channels: channels(recordingNotifier('slack', posts), undefined), logger: silentLogger() });
    const signal = new AbortController().signal;
    await handler({ targetId: ids[0]!, slot: '2026-11-28T09:00:00.000Z', platform: 'slack', attempt: 1, signal });
    expect(posts).toHaveLength(1);
    await handler({ targetId: ids[0]!, slot: '2026-11-28T08:00:00.000Z', platform: 'slack', attempt: 1, signal });
    expect(posts).toHaveLength(1);
    expect((await stores.targets.get(ids[0]!))?.lastDigestAt?.toISOString()).toBe('2026-11-28T09:00:00.000Z');
  });

  it('does nothing for a job queued before its target was removed and added again', async () => {
    const stores = createMemoryStores();
    const ids = await seedWorld(stores, { slackTargets: 1, discordTargets: 0, papers: 3, maxPapers: 3, time: '09:00', seenAt: new Date('2026-11-28T06:00:00Z') });
    // Added again at 09:30, its first window starting at the 09:00 slot: the job of that slot
    // (queued for the old target) is not its digest, even with "no new papers" notices on.
    await stores.targets.update(ids[0]!, { digestFrom: new Date('2026-11-28T09:00:00Z'), notifyEmpty: true });
    const posts: RecordedPost[] = [];
    const handler = createDigestJobHandler({ stores, matcher: matchEverything, summaries: firstSentenceSummaries, channels: channels(recordingNotifier('slack', posts), undefined), logger: silentLogger() });
    await handler({ targetId: ids[0]!, slot: '2026-11-28T09:00:00.000Z', platform: 'slack', attempt: 1, signal: new AbortController().signal });
    expect(posts).toHaveLength(0);
    expect((await stores.targets.get(ids[0]!))?.lastDigestAt).toBeNull();
  });

  it('counts a digest an earlier run had posted in full as already-delivered, not as delivered: this job posted nothing', async () => {
    const stores = createMemoryStores();
    const ids = await seedWorld(stores, { slackTargets: 1, discordTargets: 0, papers: 3, maxPapers: 3, time: '09:00', seenAt: new Date('2026-11-28T06:00:00Z') });
    const posts: RecordedPost[] = [];
    const metrics = createMetrics();
    const handler = createDigestJobHandler({ stores, matcher: matchEverything, summaries: firstSentenceSummaries, channels: channels(recordingNotifier('slack', posts), undefined), logger: silentLogger() }, { metrics });
    const job = { targetId: ids[0]!, slot: '2026-11-28T09:00:00.000Z', platform: 'slack' as const, attempt: 1, signal: new AbortController().signal };
    // The first attempt posts every part, then stops before it closes the window.
    const markDelivered = stores.targets.markDelivered;
    stores.targets.markDelivered = async () => {
      throw new Error('killed before closing the window');
    };
    await expect(handler(job)).rejects.toThrow(/killed before closing the window/);
    stores.targets.markDelivered = markDelivered;
    expect(posts).toHaveLength(1);
    await handler({ ...job, attempt: 2 });
    expect(posts).toHaveLength(1);
    const text = await metrics.render();
    expect(text).toContain('paperboy_digests_total{platform="slack",status="already-delivered"} 1');
    expect(text).not.toContain('status="delivered"');
  });

  /** A platform whose every post fails; `retryable` as the notifier says (a console whose stdout is gone says false). */
  const failingNotifier = (retryable: boolean, sends: { n: number }): Notifier => ({
    platform: 'slack',
    findPosted: async () => null,
    send: async () => {
      sends.n += 1;
      return { status: 'failed', error: 'stdout cannot be written (ENOSPC: no space left on device)', retryable };
    },
  });

  it('a part the notifier says retrying cannot help (stdout gone, token refused) ends the job for good: no retry, the part kept unsent', async () => {
    const stores = createMemoryStores();
    const ids = await seedWorld(stores, { slackTargets: 1, discordTargets: 0, papers: 3, maxPapers: 3, time: '09:00', seenAt: new Date('2026-11-28T06:00:00Z') });
    const sends = { n: 0 };
    const logger = recordingLogger();
    const handler = createDigestJobHandler({ stores, matcher: matchEverything, summaries: firstSentenceSummaries, channels: channels(failingNotifier(false, sends), undefined), logger: silentLogger(), sleep: async () => undefined });
    const signal = new AbortController().signal;
    await expect(handler({ targetId: ids[0]!, slot: '2026-11-28T09:00:00.000Z', platform: 'slack', attempt: 1, signal })).rejects.toBeInstanceOf(PermanentDeliveryError);
    // Through the in-process queue: one try, one line, where it was five tries and five lines.
    const queue = createInProcessQueue(logger, { attempts: 5, backoffMs: 1 });
    opened.push(queue);
    queue.start(handler);
    sends.n = 0;
    await queue.enqueue([{ targetId: ids[0]!, slot: '2026-11-28T09:00:00.000Z' }]);
    await queue.drain();
    expect(sends.n).toBe(1);
    expect(logger.lines).toEqual([expect.stringMatching(/^delivery failed, not retried: stdout cannot be written/)]);
    expect((await stores.ledger.parts(ids[0]!, '2026-11-28T09:00:00.000Z')).map((p) => p.status)).toEqual(['failed']);
  });

  it('a part that may go through later (a 5xx, a timeout) still fails the job for the queue to retry', async () => {
    const stores = createMemoryStores();
    const ids = await seedWorld(stores, { slackTargets: 1, discordTargets: 0, papers: 3, maxPapers: 3, time: '09:00', seenAt: new Date('2026-11-28T06:00:00Z') });
    const handler = createDigestJobHandler({ stores, matcher: matchEverything, summaries: firstSentenceSummaries, channels: channels(failingNotifier(true, { n: 0 }), undefined), logger: silentLogger(), sleep: async () => undefined });
    const failure = await handler({ targetId: ids[0]!, slot: '2026-11-28T09:00:00.000Z', platform: 'slack', attempt: 1, signal: new AbortController().signal }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('refuses a job with a malformed slot or an unknown target without retrying', async () => {
    const stores = createMemoryStores();
    const handler = createDigestJobHandler({ stores, matcher: matchEverything, summaries: firstSentenceSummaries, channels: {}, logger: silentLogger() });
    const signal = new AbortController().signal;
    await expect(handler({ targetId: 'slack:C1', slot: 'yesterday', platform: 'slack', attempt: 1, signal })).rejects.toThrow(/bad slot "yesterday"/);
    await expect(handler({ targetId: 'slack:C404', slot: '2026-11-28T09:00:00.000Z', platform: 'slack', attempt: 1, signal })).rejects.toThrow(/no delivery target "slack:C404"/);
  });
});

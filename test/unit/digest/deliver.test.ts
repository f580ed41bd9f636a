import { describe, expect, it } from 'vitest';
import { runDigests, type RunDigestsDeps } from '../../../src/core/digest/run-digests.js';
import { Pacer } from '../../../src/core/digest/pacing.js';
import { PlatformUnreachableError, type Stores } from '../../../src/core/ports.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { keywordMatcher, scriptedNotifier, simpleChannel, sub, target, subscribe } from './fixtures.js';

const NOW = new Date('2026-11-20T09:30:00Z');
const logger = () => {
  const errors: Array<Record<string, unknown>> = [];
  return { errors, info() {}, debug() {}, warn() {}, error(o: object | string) { errors.push(o as Record<string, unknown>); } };
};

async function seed(stores: Stores, targets: string[]) {
  const at = new Date('2026-11-20T06:00:00Z');
  await stores.papers.upsertMany([{ arxivId: '2611.00001', source: 'hf', title: 'audio one', abstract: 'x', publishedAt: at }], at);
  for (const id of targets) {
    await stores.targets.upsert(target(id, { lastDigestAt: new Date('2026-11-19T09:00:00Z') }));
    await subscribe(stores, sub(id, 'audio'));
  }
}

function deps(stores: Stores, n: ReturnType<typeof scriptedNotifier>, sleeps: number[], log = logger()): RunDigestsDeps {
  return {
    stores,
    matcher: keywordMatcher(),
    summaries: { ensure: async (ps) => new Map(ps.map((p) => [p.arxivId, 's'])) },
    channels: { slack: simpleChannel(n.notifier) },
    logger: log,
    sleep: async (ms) => void sleeps.push(ms),
    policy: { maxAttempts: 3, backoffBaseMs: 100, brokenAfter: 2, lostPostSettleMs: 0 },
  };
}

describe('delivery policy', () => {
  it('waits as Retry-After says on 429, then posts once', async () => {
    const stores = createMemoryStores();
    await seed(stores, ['slack:C1']);
    const n = scriptedNotifier();
    n.script.push({ status: 'rate-limited', retryAfterMs: 7000, error: 'ratelimited' });
    const sleeps: number[] = [];
    const r = await runDigests(deps(stores, n, sleeps), { now: NOW });
    expect(r.targets[0]!.status).toBe('delivered');
    expect(sleeps).toContain(7000);
    expect(n.accepted).toHaveLength(1);
  });

  it('a notifier that throws fails the part with its error on one line (core/error-text.ts), as the run report and channel list show it', async () => {
    const stores = createMemoryStores();
    await seed(stores, ['slack:C1']);
    const n = scriptedNotifier();
    n.notifier.send = async () => {
      throw new Error('socket hang up\n    at TLSSocket.socketOnEnd (node:_http_client:524:23)');
    };
    const r = await runDigests(deps(stores, n, []), { now: NOW });
    expect(r.targets[0]!.status).toBe('failed');
    expect(r.targets[0]!.error).toContain('socket hang up at TLSSocket.socketOnEnd (node:_http_client:524:23)');
  });

  it('after a post that may have landed, waits for a slow one to settle before reading history', async () => {
    const stores = createMemoryStores();
    await seed(stores, ['slack:C1']);
    const n = scriptedNotifier();
    n.script.push({ status: 'failed', error: 'timeout after 15000 ms', retryable: true });
    const sleeps: number[] = [];
    const d = deps(stores, n, sleeps);
    const r = await runDigests({ ...d, policy: { ...d.policy, lostPostSettleMs: 10_000 } }, { now: NOW });
    expect(r.targets[0]!.status).toBe('delivered');
    // The backoff alone was 100 ms: a post slower than the timeout lands seconds later.
    expect(sleeps[0]).toBe(10_000);
    expect(n.steps.map((s) => s.kind)).toEqual(['send', 'find', 'send']);
  });

  it('retries 5xx with growing backoff, checking history before each re-post', async () => {
    const stores = createMemoryStores();
    await seed(stores, ['slack:C1']);
    const n = scriptedNotifier();
    n.script.push({ status: 'failed', error: 'HTTP 500', retryable: true }, { status: 'failed', error: 'HTTP 503', retryable: true });
    const sleeps: number[] = [];
    const r = await runDigests(deps(stores, n, sleeps), { now: NOW });
    expect(r.targets[0]!.status).toBe('delivered');
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]!).toBeGreaterThan(sleeps[0]!);
    expect(n.steps.map((s) => s.kind)).toEqual(['send', 'find', 'send', 'find', 'send']);
  });

  it('a lost response after the platform accepted the post is found in history, not re-posted', async () => {
    const stores = createMemoryStores();
    await seed(stores, ['slack:C1']);
    const n = scriptedNotifier();
    n.script.push('accept-then-fail');
    const r = await runDigests(deps(stores, n, []), { now: NOW });
    expect(r.targets[0]!.status).toBe('delivered');
    expect(n.accepted).toHaveLength(1);
    expect(r.messagesRecovered).toBe(1);
    const parts = await stores.ledger.parts('slack:C1', '2026-11-20T09:00:00.000Z');
    expect(parts[0]).toMatchObject({ status: 'sent', platformMessageId: 'm1' });
  });

  it('a part another replica sent after this one read the ledger is not posted again', async () => {
    const stores = createMemoryStores();
    await seed(stores, ['slack:C1']);
    const real = stores.ledger;
    // The other replica marks the part pending and sends it just before this one marks it.
    const racing: Stores = {
      ...stores,
      ledger: {
        ...real,
        parts: async () => [],
        markPending: async (t, w, p, total) => {
          await real.markPending(t, w, p, total);
          await real.markSent(t, w, p, 'other-replica-ts');
          return real.markPending(t, w, p, total);
        },
      },
    };
    const n = scriptedNotifier();
    const r = await runDigests(deps(racing, n, []), { now: NOW });
    expect(r.targets[0]!.status).toBe('delivered');
    expect(n.accepted).toHaveLength(0);
    const parts = await real.parts('slack:C1', '2026-11-20T09:00:00.000Z');
    expect(parts[0]).toMatchObject({ status: 'sent', platformMessageId: 'other-replica-ts' });
  });

  it('a post that could not reach the platform is retried without the lost-post wait or a history lookup, and the report says the platform was unreachable', async () => {
    const stores = createMemoryStores();
    await seed(stores, ['slack:C1']);
    const n = scriptedNotifier();
    const unreachable = { status: 'failed' as const, error: 'could not reach Slack: connection refused by 127.0.0.1:1', retryable: true, unreachable: true };
    n.script.push(unreachable, unreachable, unreachable);
    const sleeps: number[] = [];
    const d = deps(stores, n, sleeps);
    const r = await runDigests({ ...d, policy: { ...d.policy, lostPostSettleMs: 10_000 } }, { now: NOW });
    expect(r.targets[0]).toMatchObject({ status: 'failed', error: 'could not reach Slack: connection refused by 127.0.0.1:1' });
    // No connection, no post: nothing to look for, and no waiting for a slow one to land.
    expect(n.steps.map((s) => s.kind)).toEqual(['send', 'send', 'send']);
    expect(Math.max(...sleeps)).toBeLessThan(10_000);
    const parts = await stores.ledger.parts('slack:C1', '2026-11-20T09:00:00.000Z');
    expect(parts[0]).toMatchObject({ status: 'failed', platformMessageId: null });
  });

  it('a platform no target of the run could reach is not tried again for the other targets: they fail at once, saying so, and the next run tries them', async () => {
    const stores = createMemoryStores();
    await seed(stores, ['slack:C1', 'slack:C2', 'slack:C3']);
    const n = scriptedNotifier();
    const unreachable = { status: 'failed' as const, error: 'could not reach Slack: connection refused by 127.0.0.1:1', retryable: true, unreachable: true };
    n.script.push(unreachable, unreachable, unreachable);
    const sleeps: number[] = [];
    const r = await runDigests({ ...deps(stores, n, sleeps), concurrency: 1 }, { now: NOW });
    expect(r.targets.map((t) => t.status)).toEqual(['failed', 'failed', 'failed']);
    // Three attempts for the first target, none for the two after it.
    expect(n.steps.map((s) => s.kind)).toEqual(['send', 'send', 'send']);
    expect(sleeps).toHaveLength(2);
    for (const id of ['slack:C2', 'slack:C3']) {
      expect(r.targets.find((t) => t.targetId === id)!.error).toBe('could not reach Slack: connection refused by 127.0.0.1:1; not tried, as an earlier target of this run could not reach it either');
      expect((await stores.ledger.parts(id, '2026-11-20T09:00:00.000Z'))[0]).toMatchObject({ status: 'failed', platformMessageId: null });
    }
    // The next run starts afresh: the platform is back, every digest goes out once.
    const again = await runDigests({ ...deps(stores, n, []), concurrency: 1 }, { now: NOW });
    expect(again.targets.map((t) => t.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(n.accepted).toHaveLength(3);
  });

  it('a history lookup that cannot reach the platform is reported as the platform unreachable, not as a failed lookup', async () => {
    const stores = createMemoryStores();
    await seed(stores, ['slack:C1']);
    const n = scriptedNotifier();
    n.script.push({ status: 'failed', error: 'timeout after 15000 ms', retryable: true });
    const notifier = {
      ...n.notifier,
      findPosted: async () => {
        throw new PlatformUnreachableError('could not reach Slack: host slack.com not found (is the network up?)');
      },
    };
    const r = await runDigests({ ...deps(stores, n, []), channels: { slack: simpleChannel(notifier) } }, { now: NOW });
    expect(r.targets[0]).toMatchObject({ status: 'failed', error: 'could not reach Slack: host slack.com not found (is the network up?)' });
  });

  it('gives up after maxAttempts and resumes the same digest at the next run', async () => {
    const stores = createMemoryStores();
    await seed(stores, ['slack:C1']);
    const n = scriptedNotifier();
    for (let i = 0; i < 3; i++) n.script.push({ status: 'failed', error: 'HTTP 502', retryable: true });
    const d = deps(stores, n, []);
    expect((await runDigests(d, { now: NOW })).targets[0]!.status).toBe('failed');
    expect((await stores.targets.get('slack:C1'))!.lastDigestAt).toEqual(new Date('2026-11-19T09:00:00Z'));
    const r2 = await runDigests(d, { now: new Date('2026-11-20T09:40:00Z') });
    expect(r2.targets[0]).toMatchObject({ status: 'delivered', resumed: true });
    expect(n.accepted).toHaveLength(1);
  });

  it('a refusing channel is marked broken after N runs and told to an operator, without holding others', async () => {
    const stores = createMemoryStores();
    await seed(stores, ['slack:C1', 'slack:C2']);
    const n = scriptedNotifier();
    const refusing = { ...n.notifier, send: async (address: string, part: Parameters<typeof n.notifier.send>[1]) => (address === 'slack:C1' ? { status: 'rejected' as const, error: 'channel_not_found' } : n.notifier.send(address, part)) };
    const log = logger();
    const d = { ...deps(stores, n, [], log), channels: { slack: simpleChannel(refusing) } };
    const r1 = await runDigests(d, { now: NOW });
    expect(r1.targets.find((t) => t.targetId === 'slack:C2')!.status).toBe('delivered');
    expect(r1.targets.find((t) => t.targetId === 'slack:C1')).toMatchObject({ status: 'rejected', error: 'channel_not_found' });
    expect((await stores.targets.get('slack:C1'))!).toMatchObject({ status: 'active', failureCount: 1 });
    // The next run resumes the open digest (a manual run skips the retry back-off).
    await runDigests(d, { now: new Date('2026-11-20T09:40:00Z'), targetId: 'slack:C1' });
    expect((await stores.targets.get('slack:C1'))!).toMatchObject({ status: 'broken', brokenReason: 'channel_not_found' });
    expect(log.errors.some((e) => e.operatorAction === true && e.broken === true)).toBe(true);
    const r3 = await runDigests(d, { now: new Date('2026-11-21T09:05:00Z') });
    expect(r3.targets.find((t) => t.targetId === 'slack:C1')!.status).toBe('broken');
  });
});

describe('Pacer', () => {
  it('spaces posts to one address and not across addresses', async () => {
    const clock = 0;
    const slept: number[] = [];
    const pacer = new Pacer(async (ms) => void slept.push(ms), () => clock);
    await Promise.all([pacer.wait('a', 1000), pacer.wait('a', 1000), pacer.wait('a', 1000), pacer.wait('b', 1000)]);
    expect(slept.sort((x, y) => x - y)).toEqual([1000, 2000]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { runDigests, type RunDigestsDeps } from '../../src/core/digest/run-digests.js';
import type { Stores } from '../../src/core/ports.js';
import { createSlackNotifier } from '../../src/chat/slack/notifier.js';
import { renderSlackParts } from '../../src/chat/slack/render.js';
import { silentLogger } from '../../src/log.js';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { closedPort } from '../helpers/http-server.js';
import { HOSTILE_TITLE, NOW, SLOT, addTarget, matchAll, seedPapers, summaries } from './delivery-support.js';

const fakes: FakeSlack[] = [];
afterEach(async () => Promise.all(fakes.splice(0).map((f) => f.close())));

async function world(opts: Parameters<typeof startFakeSlack>[0] = {}) {
  const slack = await startFakeSlack({ channels: ['C0001', 'C0002', 'C0003'], notMember: ['C0003'], users: ['U0001'], ...opts });
  fakes.push(slack);
  const stores = createMemoryStores();
  const sleeps: number[] = [];
  const deps: RunDigestsDeps = {
    stores,
    matcher: matchAll,
    summaries: summaries(stores),
    channels: { slack: { notifier: createSlackNotifier({ token: 'xoxb-test-token', apiUrl: slack.apiUrl, timeoutMs: 4000 }), render: renderSlackParts, minIntervalMs: 0 } },
    logger: silentLogger(),
    // Recorded; a wait of a second or less (Slack's per-channel Retry-After: 1, a backoff) is
    // waited for real, as the fake holds chat.postMessage to 1 a second per channel: retried at
    // once, a long digest's parts met the limit three times and failed.
    sleep: async (ms) => {
      sleeps.push(ms);
      if (ms <= 1_000) await new Promise((r) => setTimeout(r, ms));
    },
    policy: { backoffBaseMs: 10, brokenAfter: 2 },
  };
  return { slack, stores, deps, sleeps };
}

function keysOf(slack: FakeSlack): string[] {
  return slack.posts.map((p) => String(p.metadata?.event_payload.dedupe_key));
}

async function expectExactlyOnce(slack: FakeSlack, stores: Stores, targetId: string) {
  const parts = await stores.ledger.parts(targetId, SLOT.toISOString());
  expect(parts.length).toBeGreaterThan(0);
  expect(parts.every((p) => p.status === 'sent')).toBe(true);
  const keys = keysOf(slack);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys.length).toBe(parts.length);
}

describe('Slack delivery against a local Slack Web API', () => {
  it('posts Block Kit with metadata and bearer auth to a channel and a DM (via conversations.open)', async () => {
    const { slack, stores, deps } = await world();
    await seedPapers(stores, 3);
    await addTarget(stores, 'slack:C0001');
    await addTarget(stores, 'slack:U0001');
    const r = await runDigests(deps, { now: NOW });
    expect(r.targets.map((t) => t.status)).toEqual(['delivered', 'delivered']);
    expect(slack.posts.map((p) => p.channel).sort()).toEqual(['C0001', 'D0001']);
    expect(slack.calls.get('conversations.open')).toBe(1);
    const post = slack.posts.find((p) => p.channel === 'C0001')!;
    expect(post.blocks.filter((b) => b.type === 'actions')).toHaveLength(3);
    expect(post.metadata?.event_type).toBe('paperboy_digest_part');
    expect(post.text).toContain('3 new papers');
    expect(slack.server.requests.every((q) => q.headers.authorization === 'Bearer xoxb-test-token')).toBe(true);
  });

  it('neutralises hostile paper text: nothing can form a mention or a link', async () => {
    const { slack, stores, deps } = await world();
    await seedPapers(stores, 2, () => HOSTILE_TITLE);
    await addTarget(stores, 'slack:C0001');
    await runDigests(deps, { now: NOW });
    const all = JSON.stringify(slack.posts.map((p) => [p.text, p.blocks]));
    expect(all).not.toMatch(/<!(channel|here|everyone)>/);
    expect(all).not.toMatch(/<@U/);
    expect(all).not.toContain('<https://evil');
    expect(all).not.toContain('\u001b');
    expect(all).toContain('&lt;!channel&gt;');
  });

  it('60 matching papers with 2,000-char titles: split into parts Slack accepts, every paper once', async () => {
    const { slack, stores, deps } = await world();
    await seedPapers(stores, 60, (i) => `${i} ${HOSTILE_TITLE} `.repeat(40).slice(0, 2000));
    await addTarget(stores, 'slack:C0001', { maxPapers: 60 });
    const r = await runDigests(deps, { now: NOW });
    expect(r.targets[0]).toMatchObject({ status: 'delivered', papers: 60 });
    expect(slack.posts.length).toBeGreaterThan(1);
    const paperBlocks = slack.posts.flatMap((p) => p.blocks.filter((b) => String(b.block_id ?? '').startsWith('paper:')).map((b) => b.block_id));
    expect(new Set(paperBlocks).size).toBe(60);
    expect(paperBlocks).toHaveLength(60);
  });

  it('429 waits Retry-After; 500 and a timeout retry; nothing duplicated', async () => {
    const { slack, stores, deps, sleeps } = await world();
    await seedPapers(stores, 2);
    await addTarget(stores, 'slack:C0001');
    slack.fail('chat.postMessage', [{ kind: 'rate-limit', retryAfterSec: 3 }, { kind: 'status', status: 500 }, { kind: 'hang-after-accept' }]);
    const r = await runDigests(deps, { now: NOW });
    expect(r.targets[0]!.status).toBe('delivered');
    expect(sleeps).toContain(3000);
    await expectExactlyOnce(slack, stores, 'slack:C0001');
    expect(r.messagesRecovered).toBe(1);
  });

  // chat.postMessage's own error list: rate_limited, "Application has posted too many messages",
  // an ok:false answer with HTTP 200 and no Retry-After (the 429's body says ratelimited).
  it('an ok:false rate_limited is waited out like a 429, not a failure: posted once after a pause', async () => {
    const { slack, stores, deps, sleeps } = await world();
    await seedPapers(stores, 2);
    await addTarget(stores, 'slack:C0001');
    slack.fail('chat.postMessage', [{ kind: 'error', error: 'rate_limited' }]);
    const r = await runDigests(deps, { now: NOW });
    expect(r.targets[0]!.status).toBe('delivered');
    expect(Math.max(...sleeps)).toBeGreaterThanOrEqual(30_000);
    await expectExactlyOnce(slack, stores, 'slack:C0001');
  });

  it('a connection dropped after Slack accepted the post is found in history, not posted twice', async () => {
    const { slack, stores, deps } = await world();
    await seedPapers(stores, 2);
    await addTarget(stores, 'slack:C0001');
    slack.fail('chat.postMessage', [{ kind: 'drop-after-accept' }]);
    const r = await runDigests(deps, { now: NOW });
    expect(r.targets[0]!.status).toBe('delivered');
    expect(slack.calls.get('conversations.history')).toBeGreaterThanOrEqual(1);
    await expectExactlyOnce(slack, stores, 'slack:C0001');
  });

  it('Slack out of reach (nothing listens at its address): said plainly, without waiting for a lost post or reading history; nothing recorded as sent, and the resume says the same', async () => {
    const { stores, deps, sleeps } = await world();
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    const slack = { ...deps.channels.slack!, notifier: createSlackNotifier({ token: 'xoxb-test-token', apiUrl, timeoutMs: 4000 }) };
    await seedPapers(stores, 2);
    await addTarget(stores, 'slack:C0001');
    const r = await runDigests({ ...deps, channels: { slack }, policy: { ...deps.policy, lostPostSettleMs: 10_000 } }, { now: NOW });
    expect(r.targets[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/^could not reach Slack: connection refused by 127\.0\.0\.1:\d+$/) });
    expect(Math.max(...sleeps)).toBeLessThan(10_000);
    const parts = await stores.ledger.parts('slack:C0001', SLOT.toISOString());
    expect(parts.map((p) => [p.status, p.platformMessageId])).toEqual([['failed', null]]);
    expect((await stores.targets.get('slack:C0001'))!.lastDigestAt).toEqual(new Date('2026-11-19T09:00:00Z'));
    // The next run first checks whether the failed part landed after all: Slack is still out of reach.
    const again = await runDigests({ ...deps, channels: { slack } }, { now: NOW });
    expect(again.targets[0]).toMatchObject({ status: 'failed', resumed: true, error: expect.stringMatching(/^could not reach Slack: connection refused/) });
  });

  it('channel_not_found / not_in_channel mark the target broken after N runs; other targets still get theirs', async () => {
    const { slack, stores, deps } = await world();
    await seedPapers(stores, 2);
    await addTarget(stores, 'slack:C0003'); // bot not a member
    await addTarget(stores, 'slack:C0404'); // no such channel
    await addTarget(stores, 'slack:C0001');
    const r1 = await runDigests(deps, { now: NOW });
    const status = Object.fromEntries(r1.targets.map((t) => [t.targetId, t.status]));
    expect(status).toEqual({ 'slack:C0001': 'delivered', 'slack:C0003': 'rejected', 'slack:C0404': 'rejected' });
    expect(r1.targets.find((t) => t.targetId === 'slack:C0003')!.error).toBe('not_in_channel');
    for (const id of ['slack:C0003', 'slack:C0404']) await runDigests(deps, { now: NOW, targetId: id });
    expect((await stores.targets.get('slack:C0003'))!).toMatchObject({ status: 'broken', brokenReason: 'not_in_channel' });
    expect((await stores.targets.get('slack:C0404'))!).toMatchObject({ status: 'broken', brokenReason: 'channel_not_found' });
    expect(slack.posts.map((p) => p.channel)).toEqual(['C0001']);
  });

  it('no_permission (the app is no member of the conversation, say chat.postMessage\'s docs) is that channel\'s refusal: the target is rejected, not the run failed for a retry', async () => {
    const { slack, stores, deps } = await world();
    await seedPapers(stores, 2);
    await addTarget(stores, 'slack:C0001');
    slack.fail('chat.postMessage', [{ kind: 'error', error: 'no_permission' }]);
    const r = await runDigests(deps, { now: NOW });
    expect(r.targets[0]).toMatchObject({ status: 'rejected', error: 'no_permission' });
    expect(slack.posts).toEqual([]);
  });

  // Every call with a refused token would fail alike: one refused call, not one per target, and
  // no target blamed. A wrong token (Slack answers invalid_auth), or a bot token of a deleted
  // workspace or bot user (account_inactive).
  it.each([
    ['a wrong token (invalid_auth)', { token: 'xoxb-other' }, null, 'invalid_auth'],
    ['a token of a deleted workspace or bot user (account_inactive)', {}, 'account_inactive', 'account_inactive'],
  ] as const)('%s: nothing sent, one refused call, and no target is blamed', async (_name, opts, fault, error) => {
    const { slack, stores, deps } = await world(opts);
    await seedPapers(stores, 1);
    await addTarget(stores, 'slack:C0001');
    await addTarget(stores, 'slack:C0002');
    if (fault) slack.fail('chat.postMessage', [{ kind: 'error', error: fault }]);
    const r = await runDigests({ ...deps, concurrency: 1 }, { now: NOW });
    expect(r.targets.map((t) => t.status)).toEqual(['failed', 'failed']);
    expect(r.targets.map((t) => t.error).join(' ')).toMatch(new RegExp(`${error}.*SLACK_BOT_TOKEN`));
    expect(slack.calls.get('chat.postMessage')).toBe(1);
    expect(slack.posts).toHaveLength(0);
    for (const id of ['slack:C0001', 'slack:C0002']) expect((await stores.targets.get(id))!).toMatchObject({ status: 'active', failureCount: 0 });
  });
});

/**
 * Threaded digests on a real database and local Slack / Discord servers: the header is one
 * message, each paper a reply in its thread, and a crash in the middle of a thread resumes in
 * the same thread without posting anything twice (the header's id is in the ledger before any
 * reply is posted; a reply whose post may have landed is looked up in the thread).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigests, type RunDigestsDeps } from '../../src/core/digest/run-digests.js';
import { createDigestJobHandler } from '../../src/delivery/queue-digests.js';
import type { Stores } from '../../src/core/ports.js';
import { silentLogger } from '../../src/log.js';
import { withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { HOSTILE_TITLE, NOW, addTarget, matchAll, seedPapers, summaries, discordChannel, slackChannel } from './delivery-support.js';

class Crash extends Error {}

const PAPERS = 5;
const LATER = new Date(NOW.getTime() + 60_000);

/** The ledger's markSent dies (after the post landed) at its k-th call: a crash mid-thread. */
function crashAtMarkSent(stores: Stores, k: number): Stores {
  let n = 0;
  const ledger = { ...stores.ledger };
  ledger.markSent = async (...a) => {
    if (++n === k) throw new Crash(`crash at markSent #${k}`);
    return stores.ledger.markSent(...a);
  };
  return { ...stores, ledger };
}

const SLACK_CHANNELS = ['C201', 'C202', 'C203', 'C204', 'C205'];
const DISCORD_CHANNELS = ['100000000000000201', '100000000000000202', '100000000000000203', '100000000000000204', '100000000000000205'];
const FORUM = '100000000000000299';

describe('threaded digests (real database, local Slack and Discord)', () => {
  let db: TestDatabase;
  let stores: Stores;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  beforeAll(async () => {
    db = await withTestDatabase();
    stores = await db.openStores();
    slack = await startFakeSlack({ channels: SLACK_CHANNELS });
    discord = await startFakeDiscord({ channels: DISCORD_CHANNELS, forums: [FORUM] });
    await seedPapers(stores, PAPERS, (n) => `${n} ${HOSTILE_TITLE} `.repeat(40));
  });
  afterAll(async () => {
    await slack.close();
    await discord.close();
    await db.drop();
  });

  const deps = (s: Stores): RunDigestsDeps => ({
    stores: s,
    matcher: matchAll,
    summaries: summaries(stores),
    channels: {
      // A fresh notifier per run: nothing a crashed process knew (opened threads) carries over.
      slack: slackChannel(slack.apiUrl),
      discord: discordChannel(discord.apiUrl),
    },
    logger: silentLogger(),
    // Waits out the fakes' 429s (Slack's Retry-After of 1 s: a thread of 6 posts is past its
    // burst) as a real run would; the longer back-offs of failures are not waited in tests.
    sleep: (ms) => new Promise((r) => setTimeout(r, ms <= 1_000 ? ms : 0)),
  });

  const crashThenResume = async (targetId: string, k: number) => {
    const first = await runDigests(deps(crashAtMarkSent(stores, k)), { now: NOW, targetId }).catch((e: unknown) => {
      if (!(e instanceof Crash)) throw e;
      return null;
    });
    expect(first === null || first.targets.some((t) => t.status === 'failed' && /crash at/.test(t.error ?? ''))).toBe(true);
    const second = await runDigests(deps(stores), { now: LATER, targetId });
    expect(second.targets.map((t) => t.status)).toEqual(['delivered']);
    const parts = await stores.ledger.parts(targetId, NOW.toISOString());
    expect(parts).toHaveLength(PAPERS + 1);
    expect(parts.every((p) => p.status === 'sent')).toBe(true);
    return parts.sort((a, b) => a.part - b.part);
  };

  it('Slack: the header is one message and each paper a reply in its thread', async () => {
    const targetId = 'slack:C201';
    await addTarget(stores, targetId, { threads: true });
    const r = await runDigests(deps(stores), { now: NOW, targetId });
    expect(r.targets.map((t) => t.status)).toEqual(['delivered']);
    const posts = slack.posts.filter((p) => p.channel === 'C201');
    const [root, ...replies] = posts;
    expect(root!.threadTs).toBeUndefined();
    expect(replies).toHaveLength(PAPERS);
    expect(replies.every((p) => p.threadTs === root!.ts)).toBe(true);
    // Every reply carries its own paper's buttons and hostile text escaped.
    for (const p of replies) expect(JSON.stringify(p.blocks)).not.toContain('<!channel>');
    const parts = await stores.ledger.parts(targetId, NOW.toISOString());
    expect(parts.find((p) => p.part === 1)!.platformMessageId).toBe(root!.ts);
  });

  it('through the service\'s queue handler too: Slack replies in the thread, Discord posts in a thread it started', async () => {
    // The service posts through createDigestJobHandler, whose notifier wrapper once dropped the thread.
    const handler = createDigestJobHandler(deps(stores));
    for (const [targetId, platform] of [['slack:C205', 'slack'], ['discord:100000000000000204', 'discord']] as const) {
      await addTarget(stores, targetId, { threads: true });
      await handler({ targetId, slot: NOW.toISOString(), platform, attempt: 1, signal: new AbortController().signal });
    }
    const [root, ...replies] = slack.posts.filter((p) => p.channel === 'C205');
    expect(root!.threadTs).toBeUndefined();
    expect(replies).toHaveLength(PAPERS);
    expect(replies.every((p) => p.threadTs === root!.ts)).toBe(true);
    const headers = discord.posts.filter((p) => p.channelId === '100000000000000204');
    expect(headers).toHaveLength(1);
    expect(discord.threads.find((t) => t.id === headers[0]!.id)?.parentId).toBe('100000000000000204');
    expect(discord.posts.filter((p) => p.channelId === headers[0]!.id)).toHaveLength(PAPERS);
  });

  it.each([2, 4])('Slack: a crash after the post of part %i resumes in the same thread, nothing twice', async (k) => {
    const channel = k === 2 ? 'C202' : 'C203';
    const targetId = `slack:${channel}`;
    await addTarget(stores, targetId, { threads: true });
    const parts = await crashThenResume(targetId, k);
    const posts = slack.posts.filter((p) => p.channel === channel);
    const keys = posts.map((p) => String(p.metadata?.event_payload.dedupe_key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(posts).toHaveLength(PAPERS + 1);
    const roots = posts.filter((p) => p.threadTs === undefined);
    expect(roots).toHaveLength(1);
    expect(posts.filter((p) => p.threadTs !== undefined).every((p) => p.threadTs === roots[0]!.ts)).toBe(true);
    expect(parts[0]!.platformMessageId).toBe(roots[0]!.ts);
    // The reply whose post outlived the crash was found in the thread, not posted again.
    expect(slack.calls.get('conversations.replies') ?? 0).toBeGreaterThan(0);
  });

  it('Discord: a thread is started on the header and every paper posted in it', async () => {
    const ch = DISCORD_CHANNELS[0]!;
    const targetId = `discord:${ch}`;
    await addTarget(stores, targetId, { threads: true });
    const r = await runDigests(deps(stores), { now: NOW, targetId });
    expect(r.targets.map((t) => t.status)).toEqual(['delivered']);
    const root = discord.posts.find((p) => p.channelId === ch)!;
    expect(discord.posts.filter((p) => p.channelId === ch)).toHaveLength(1);
    const thread = discord.threads.find((t) => t.id === root.id)!;
    expect(thread.parentId).toBe(ch);
    expect(thread.name.length).toBeLessThanOrEqual(100);
    const replies = discord.posts.filter((p) => p.channelId === root.id);
    expect(replies).toHaveLength(PAPERS);
    for (const p of replies) {
      expect(p.body.embeds).toHaveLength(1);
      expect(p.body.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('Discord: when the header is gone (Unknown Message), the papers go to the channel and the channel is not counted as refusing', async () => {
    const ch = DISCORD_CHANNELS[4]!;
    const targetId = `discord:${ch}`;
    await addTarget(stores, targetId, { threads: true });
    discord.fail('threads', Array.from({ length: PAPERS }, () => ({ kind: 'status' as const, status: 404, code: 10008, message: 'Unknown Message' })));
    const r = await runDigests(deps(stores), { now: NOW, targetId });
    expect(r.targets.map((t) => t.status)).toEqual(['delivered']);
    expect(discord.posts.filter((p) => p.channelId === ch)).toHaveLength(PAPERS + 1);
    expect((await stores.targets.get(targetId))!.failureCount).toBe(0);
  });

  it.each([1, 3])('Discord: a crash after the post of part %i resumes in the same thread, nothing twice', async (k) => {
    const ch = DISCORD_CHANNELS[k === 1 ? 1 : 2]!;
    const targetId = `discord:${ch}`;
    await addTarget(stores, targetId, { threads: true });
    const parts = await crashThenResume(targetId, k);
    const roots = discord.posts.filter((p) => p.channelId === ch);
    expect(roots).toHaveLength(1);
    expect(discord.threads.filter((t) => t.parentId === ch).map((t) => t.id)).toEqual([roots[0]!.id]);
    const replies = discord.posts.filter((p) => p.channelId === roots[0]!.id);
    const keys = replies.map((p) => String(p.body.nonce));
    expect(replies).toHaveLength(PAPERS);
    expect(new Set(keys).size).toBe(PAPERS);
    expect(parts[0]!.platformMessageId).toBe(roots[0]!.id);
  });

  it('Discord forum: one forum post per digest, papers inside it; a crash after the post does not post it again', async () => {
    const targetId = `discord:${FORUM}`;
    await addTarget(stores, targetId, { threads: true });
    const parts = await crashThenResume(targetId, 1);
    const posts = discord.threads.filter((t) => t.parentId === FORUM);
    expect(posts).toHaveLength(1);
    const inside = discord.posts.filter((p) => p.channelId === posts[0]!.id);
    // The post's first message (the header) plus one message per paper.
    expect(inside).toHaveLength(PAPERS + 1);
    expect(parts[0]!.platformMessageId).toBe(posts[0]!.id);
  });
});

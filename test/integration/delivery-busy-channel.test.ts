/**
 * A busy channel: 40 subscribed topics with 30 new papers each, titles of 10,000 characters full
 * of mention syntax, mrkdwn/markdown markers, RTL, zero-width and emoji, empty abstracts; other
 * members talking in the channel; and the platform answering 429 with Retry-After on some posts.
 * Each digest must be split into parts the (strict) fake platforms accept, every paper delivered
 * once, and each 429 waited out before the next post to that channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TopicMatcher } from '../../src/core/digest/topic-matcher.js';
import { runDigests, type RunDigestsDeps } from '../../src/core/digest/run-digests.js';
import type { Stores } from '../../src/core/ports.js';
import { realSleep } from '../../src/core/sleep.js';
import { silentLogger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { NOW, SEEN, SLOT, addTarget, matchAll, seedPapers, summaries, discordChannel, slackChannel } from './delivery-support.js';

const TOPICS = 40;
const PER_TOPIC = 30;
const CH = '100000000000000001';

const NASTY = [
  '<!channel> <!here> <!everyone> @everyone @here <@U123> <@&42> <#C1> <https://evil.example|arxiv>',
  '*bold* _it_ ~strike~ `code` ```block``` > quote | pipe [x](https://evil.example) # h ## h2 \\ \\\\',
  'مرحبا עברית \u202Eevil\u202C zero\u200bwidth\u200d\u2060 🧑‍🔬👩🏽‍💻🇩🇪 e\u0301 &amp; &lt; \u0000\u001b[2J',
].join(' ');

const fakes: Array<FakeSlack | FakeDiscord> = [];
afterEach(async () => Promise.all(fakes.splice(0).map((f) => f.close())));

const slugOf = (t: number) => `busy-${t}`;

/** 40 topics, 30 papers each; paper i belongs to topic i % 40. */
async function seedBusy(stores: Stores, targetId: string): Promise<void> {
  for (let t = 0; t < TOPICS; t++) {
    await stores.topics.add({ slug: slugOf(t), name: `Topic ${t} ${NASTY}`.slice(0, 200), description: 'busy', mustPhrases: [], mustNotPhrases: [], categories: [], minUpvotes: null, builtin: false, createdBy: null, createdAt: SEEN });
    await stores.subscriptions.add({ subscriber: targetId, kind: 'channel', topicSlug: slugOf(t), minScore: null, maxPapers: null, createdBy: 'test', createdAt: SEEN });
  }
  await stores.papers.upsertMany(
    Array.from({ length: TOPICS * PER_TOPIC }, (_, i) => ({
      arxivId: `2611.${String(i).padStart(5, '0')}`,
      source: 'hf' as const,
      title: `${i} ${NASTY} `.repeat(60).slice(0, 10_000),
      abstract: '',
      authors: [`<@U${i}>`, '@everyone', `*${NASTY.slice(0, 60)}*`],
      publishedAt: SEEN,
      upvotes: i,
    })),
    SEEN,
  );
  await stores.targets.upsert({
    id: targetId,
    platform: targetId.startsWith('discord') ? 'discord' : 'slack',
    kind: 'channel',
    time: '09:00',
    timeZone: 'UTC',
    weekdaysOnly: false,
    maxPapers: 100,
    notifyEmpty: false,
    lastDigestAt: new Date('2026-11-19T09:00:00Z'),
    status: 'active',
    brokenReason: null,
    failureCount: 0,
  });
}

const byTopic: TopicMatcher = {
  async match(papers, slugs) {
    return papers.flatMap((p) => {
      const slug = slugOf(Number(p.arxivId.slice(5)) % TOPICS);
      return slugs.includes(slug) ? [{ arxivId: p.arxivId, topicSlug: slug, score: 0.5, why: `why ${NASTY}` }] : [];
    });
  },
};

async function setTarget(stores: Stores, id: string, threads: boolean) {
  const t = (await stores.targets.get(id))!;
  await stores.targets.upsert({ ...t, threads });
}

describe('a busy channel: 40 topics x 30 papers of hostile text, 429s on some posts', () => {
  it.each([false, true])('Slack (threads %s): parts Slack accepts, every paper once, each Retry-After waited out', async (threads) => {
    // Time scaled tenfold: 10 posts a second allowed (plus a burst), the bot paced at one per 100 ms.
    const slack = await startFakeSlack({ channels: ['C0001'], perChannelPerSec: 10 });
    fakes.push(slack);
    slack.chatter('C0001', 500);
    const stores = createMemoryStores();
    await seedBusy(stores, 'slack:C0001');
    await setTarget(stores, 'slack:C0001', threads);
    slack.fail('chat.postMessage', [{ kind: 'none' }, { kind: 'rate-limit', retryAfterSec: 1 }, { kind: 'none' }, { kind: 'none' }, { kind: 'rate-limit', retryAfterSec: 2 }]);
    const deps: RunDigestsDeps = {
      stores,
      matcher: byTopic,
      summaries: summaries(stores),
      channels: { slack: slackChannel(slack.apiUrl, 100) },
      logger: silentLogger(),
      sleep: realSleep,
      policy: { backoffBaseMs: 10 },
    };
    const r = await runDigests(deps, { now: NOW });
    expect(r.targets[0]).toMatchObject({ status: 'delivered', papers: 100 });
    const parts = await stores.ledger.parts('slack:C0001', SLOT.toISOString());
    expect(parts.every((p) => p.status === 'sent')).toBe(true);
    const keys = slack.posts.map((p) => String(p.metadata?.event_payload.dedupe_key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(parts.length);
    const papers = slack.posts.flatMap((p) => p.blocks.filter((b) => String(b.block_id ?? '').startsWith('paper:')).map((b) => String(b.block_id)));
    expect(papers).toHaveLength(100);
    expect(new Set(papers).size).toBe(100);
    const all = JSON.stringify(slack.posts.map((p) => [p.text, p.blocks]));
    expect(all).not.toMatch(/<[!@#]|<https:\/\/evil/);
    // Only the two 429s asked for: the pacing kept under the per-channel limit, and after each
    // 429 the next post came no sooner than Retry-After said.
    expect(slack.rateLimited).toBe(2);
    const posts = slack.server.requests.filter((q) => q.url.includes('chat.postMessage'));
    expect(posts.length).toBe(parts.length + 2);
    expect(posts[2]!.at - posts[1]!.at).toBeGreaterThanOrEqual(990);
    expect(posts[5]!.at - posts[4]!.at).toBeGreaterThanOrEqual(1990);
  }, 240_000);

  it.each([false, true])('Discord (threads %s): parts Discord accepts, every paper once, its rate-limit headers read, no 429 beyond those asked for', async (threads) => {
    // Discord's message bucket (5 per 5 s, time scaled tenfold), announced in X-RateLimit-*.
    const discord = await startFakeDiscord({ channels: [CH], messageBucket: { limit: 5, windowMs: 500 } });
    fakes.push(discord);
    const stores = createMemoryStores();
    await seedBusy(stores, `discord:${CH}`);
    await setTarget(stores, `discord:${CH}`, threads);
    discord.fail('messages', [{ kind: 'rate-limit', retryAfterSec: 1, scope: 'user' }]);
    const deps: RunDigestsDeps = {
      stores,
      matcher: byTopic,
      summaries: summaries(stores),
      channels: { discord: discordChannel(discord.apiUrl, 50) },
      logger: silentLogger(),
      sleep: realSleep,
      policy: { backoffBaseMs: 10 },
    };
    const r = await runDigests(deps, { now: NOW });
    expect(r.targets[0]).toMatchObject({ status: 'delivered', papers: 100 });
    const parts = await stores.ledger.parts(`discord:${CH}`, SLOT.toISOString());
    expect(parts.every((p) => p.status === 'sent')).toBe(true);
    const nonces = discord.posts.map((p) => String(p.body.nonce));
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(nonces).toHaveLength(parts.length);
    const ups = discord.posts.flatMap((p) => p.body.components.flatMap((row: { components: Array<{ custom_id?: string }> }) => row.components.flatMap((b) => (b.custom_id?.startsWith('fb:up:') ? [b.custom_id] : []))));
    expect(ups).toHaveLength(100);
    expect(new Set(ups).size).toBe(100);
    const text = JSON.stringify(discord.posts.map((p) => [p.body.content, p.body.embeds]));
    expect(text).not.toMatch(/@(everyone|here)|<@|<#/);
    // The one 429 asked for; every other wait came from reading the bucket's headers.
    expect(discord.rateLimited).toBe(1);
    expect(discord.invalidRequests).toBe(1);
  }, 240_000);

  it('Discord: a shared (per-resource) 429 whose Retry-After is long is handed back to the delivery loop, not slept inside the REST call', async () => {
    const discord = await startFakeDiscord({ channels: [CH], messageBucket: { limit: 5, windowMs: 1000 } });
    fakes.push(discord);
    const stores = createMemoryStores();
    await seedBusy(stores, `discord:${CH}`);
    // As Discord's docs' example: the route's bucket has room, the resource says wait 1337 s.
    discord.fail('messages', [{ kind: 'rate-limit', retryAfterSec: 1337, scope: 'shared' }]);
    const sleeps: number[] = [];
    const deps: RunDigestsDeps = {
      stores,
      matcher: byTopic,
      summaries: summaries(stores),
      channels: { discord: discordChannel(discord.apiUrl) },
      logger: silentLogger(),
      sleep: async (ms) => void sleeps.push(ms),
      policy: { backoffBaseMs: 10 },
    };
    const started = Date.now();
    const r = await runDigests(deps, { now: NOW });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.targets[0]!.status).toBe('failed');
    expect(r.targets[0]!.error).toMatch(/rate limited.*wait 133[78] s/);
    expect(discord.posts).toHaveLength(0);
    expect(discord.invalidRequests).toBe(0);
  }, 20_000);

  it('Slack: a lost post under 3,000 newer messages is found though history is rate limited mid-walk: the walk waits out Retry-After and goes on from its cursor', async () => {
    // conversations.history is Tier 3 (50+ a minute), scaled: 10 calls per 1.5 s.
    const slack = await startFakeSlack({ channels: ['C0001'], tierScale: { calls: 10, windowMs: 1500 } });
    fakes.push(slack);
    const stores = createMemoryStores();
    await seedPapers(stores, 2);
    await addTarget(stores, 'slack:C0001');
    slack.fail('chat.postMessage', [{ kind: 'drop-after-accept' }]);
    let chattered = false;
    const deps: RunDigestsDeps = {
      stores,
      matcher: matchAll,
      summaries: summaries(stores),
      channels: { slack: slackChannel(slack.apiUrl) },
      logger: silentLogger(),
      // While the bot waits to look for its lost post, the channel gets 3,000 messages (16 pages of 200).
      sleep: async () => {
        if (!chattered) slack.chatter('C0001', 3000);
        chattered = true;
      },
      policy: { backoffBaseMs: 10 },
    };
    const r = await runDigests(deps, { now: NOW });
    expect(r.targets[0]!.status).toBe('delivered');
    expect(r.messagesRecovered).toBe(1);
    expect(slack.posts).toHaveLength(1);
    expect(slack.rateLimited).toBeGreaterThanOrEqual(1);
    // One walk of 16 pages, plus the pages asked for again after each 429: not a walk restarted from the top.
    expect(slack.calls.get('conversations.history')!).toBeLessThanOrEqual(16 + slack.rateLimited);
  }, 60_000);
});

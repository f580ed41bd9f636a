import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordNotifier } from '../../src/chat/discord/notifier.js';
import { renderDiscordParts } from '../../src/chat/discord/render.js';
import { runDigests, type RunDigestsDeps } from '../../src/core/digest/run-digests.js';
import { silentLogger } from '../../src/log.js';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { closedPort } from '../helpers/http-server.js';
import { HOSTILE_TITLE, NOW, SLOT, addTarget, matchAll, seedPapers, summaries } from './delivery-support.js';

const CH = '100000000000000001';
const GONE = '100000000000000404';
const LOCKED = '100000000000000403';
const USER = '200000000000000001';

const fakes: FakeDiscord[] = [];
afterEach(async () => Promise.all(fakes.splice(0).map((f) => f.close())));

async function world(opts: Parameters<typeof startFakeDiscord>[0] = {}) {
  const discord = await startFakeDiscord({ channels: [CH, LOCKED], noAccess: [LOCKED], users: [USER], ...opts });
  fakes.push(discord);
  const stores = createMemoryStores();
  const deps: RunDigestsDeps = {
    stores,
    matcher: matchAll,
    summaries: summaries(stores),
    channels: { discord: { notifier: createDiscordNotifier({ token: 'discord-test-token', apiUrl: discord.apiUrl, timeoutMs: 4000 }), render: renderDiscordParts, minIntervalMs: 0 } },
    logger: silentLogger(),
    sleep: async () => undefined,
    policy: { backoffBaseMs: 10, brokenAfter: 2 },
  };
  return { discord, stores, deps };
}

describe('Discord delivery against a local Discord REST API', () => {
  it('posts embeds and buttons with allowed_mentions none to a channel and a DM', async () => {
    const { discord, stores, deps } = await world();
    await seedPapers(stores, 3);
    await addTarget(stores, `discord:${CH}`);
    await addTarget(stores, `discord:${USER}`, { kind: 'user' });
    const r = await runDigests(deps, { now: NOW });
    expect(r.targets.map((t) => t.status)).toEqual(['delivered', 'delivered']);
    expect(discord.posts).toHaveLength(2);
    expect(discord.posts.map((p) => p.channelId)).toContain(CH);
    for (const p of discord.posts) {
      expect(p.body.allowed_mentions).toEqual({ parse: [] });
      expect(p.body.embeds).toHaveLength(3);
      expect(p.body.enforce_nonce).toBe(true);
      expect(p.body.components[0].components.map((b: { label?: string; custom_id?: string }) => b.label ?? b.custom_id)).toEqual([
        // Rows come under all the embeds: each paper's row starts with its number, as its title does.
        '1. Open',
        'PDF',
        expect.stringMatching(/^fb:up:audio:2611\.\d{5}$/),
        expect.stringMatching(/^fb:down:audio:2611\.\d{5}$/),
        '🔖 Save',
      ]);
      expect(p.body.components[0].components.at(-1).custom_id).toMatch(/^save:u:2611\.\d{5}$/);
      expect(p.body.embeds.map((e: { title: string }) => e.title.slice(0, 3))).toEqual(['1. ', '2. ', '3. ']);
      expect(p.body.components.map((r: { components: Array<{ label?: string }> }) => r.components[0]!.label)).toEqual(['1. Open', '2. Open', '3. Open']);
    }
    expect(discord.server.requests.every((q) => q.headers.authorization === 'Bot discord-test-token')).toBe(true);
  });

  it('hostile paper text cannot ping or link', async () => {
    const { discord, stores, deps } = await world();
    await seedPapers(stores, 2, () => HOSTILE_TITLE);
    await addTarget(stores, `discord:${CH}`);
    await runDigests(deps, { now: NOW });
    const rendered = discord.posts.flatMap((p) => [p.body.content, ...p.body.embeds.flatMap((e: { title: string; description: string }) => [e.title, e.description])]).join('\n');
    expect(rendered).not.toMatch(/@(everyone|here)/);
    expect(rendered).not.toMatch(/<@/);
    expect(rendered).not.toMatch(/(?<!\\)\[login(?<!\\)\]\(/);
  });

  it('60 matching papers with 2,000-char titles: parts Discord accepts, every paper once', async () => {
    // Opted out of the 5-per-5-s message bucket: its ~15 parts would wait 10 s for it, and what is
    // checked here is the parts' shape (delivery-busy-channel.test.ts holds a digest to the bucket).
    const { discord, stores, deps } = await world({ messageBucket: false });
    await seedPapers(stores, 60, (i) => `${i} ${HOSTILE_TITLE} `.repeat(40).slice(0, 2000));
    await addTarget(stores, `discord:${CH}`, { maxPapers: 60 });
    const r = await runDigests(deps, { now: NOW });
    expect(r.targets[0]).toMatchObject({ status: 'delivered', papers: 60 });
    const ids = discord.posts.flatMap((p) => p.body.components.flatMap((row: { components: Array<{ custom_id?: string }> }) => row.components.flatMap((b) => (b.custom_id?.startsWith('fb:up:') ? [b.custom_id] : []))));
    expect(new Set(ids).size).toBe(60);
    expect(ids).toHaveLength(60);
  });

  it('429 (REST waits), 500 and a dropped response after acceptance: every part exactly once', async () => {
    const { discord, stores, deps } = await world();
    await seedPapers(stores, 12);
    await addTarget(stores, `discord:${CH}`, { maxPapers: 12 });
    discord.fail('messages', [{ kind: 'rate-limit', retryAfterSec: 0.2 }, { kind: 'status', status: 500, message: 'Internal Server Error' }, { kind: 'drop-after-accept' }]);
    const r = await runDigests(deps, { now: NOW });
    expect(r.targets[0]!.status).toBe('delivered');
    const parts = await stores.ledger.parts(`discord:${CH}`, SLOT.toISOString());
    expect(parts.every((p) => p.status === 'sent')).toBe(true);
    const nonces = discord.posts.map((p) => p.body.nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(nonces).toHaveLength(parts.length);
    expect(discord.rateLimited).toBe(1);
  });

  it('Unknown Channel (404) and Missing Access (403) break the target after N runs, without holding others', async () => {
    const { discord, stores, deps } = await world();
    await seedPapers(stores, 2);
    await addTarget(stores, `discord:${GONE}`);
    await addTarget(stores, `discord:${LOCKED}`);
    await addTarget(stores, `discord:${CH}`);
    const r1 = await runDigests(deps, { now: NOW });
    expect(Object.fromEntries(r1.targets.map((t) => [t.targetId, t.status]))).toEqual({
      [`discord:${CH}`]: 'delivered',
      [`discord:${GONE}`]: 'rejected',
      [`discord:${LOCKED}`]: 'rejected',
    });
    for (const id of [GONE, LOCKED]) await runDigests(deps, { now: NOW, targetId: `discord:${id}` });
    expect((await stores.targets.get(`discord:${GONE}`))!.status).toBe('broken');
    expect((await stores.targets.get(`discord:${LOCKED}`))!.brokenReason).toMatch(/403 50001/);
    expect(discord.posts.map((p) => p.channelId)).toEqual([CH]);
  });

  it('Discord out of reach (nothing listens at its address): said plainly, nothing recorded as sent, and the resume says the same', async () => {
    const { stores, deps } = await world();
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api`;
    const discord = { ...deps.channels.discord!, notifier: createDiscordNotifier({ token: 'discord-test-token', apiUrl, timeoutMs: 4000 }) };
    await seedPapers(stores, 1);
    await addTarget(stores, `discord:${CH}`);
    const r = await runDigests({ ...deps, channels: { discord } }, { now: NOW });
    expect(r.targets[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/^could not reach Discord: connection refused by 127\.0\.0\.1:\d+$/) });
    const parts = await stores.ledger.parts(`discord:${CH}`, SLOT.toISOString());
    expect(parts.map((p) => [p.status, p.platformMessageId])).toEqual([['failed', null]]);
    const again = await runDigests({ ...deps, channels: { discord } }, { now: NOW });
    expect(again.targets[0]).toMatchObject({ status: 'failed', resumed: true, error: expect.stringMatching(/^could not reach Discord: connection refused/) });
  });

  it('a wrong bot token (401) fails the run without blaming the target', async () => {
    const { discord, stores, deps } = await world({ token: 'another-token', channels: [CH, LOCKED] });
    await seedPapers(stores, 1);
    await addTarget(stores, `discord:${CH}`);
    await addTarget(stores, `discord:${LOCKED}`);
    const r = await runDigests({ ...deps, concurrency: 1 }, { now: NOW });
    expect(r.targets.map((t) => t.status)).toEqual(['failed', 'failed']);
    expect(r.targets.map((t) => t.error).join(' ')).toMatch(/401.*DISCORD_TOKEN/);
    // Only the first target reached Discord: after a refused token the notifier stops calling.
    expect(discord.server.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
    expect(discord.posts).toHaveLength(0);
    expect((await stores.targets.get(`discord:${CH}`))!).toMatchObject({ status: 'active', failureCount: 0 });
  });
});

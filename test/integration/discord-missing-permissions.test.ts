/**
 * A Discord channel whose overwrites take from paperboy's role what a digest needs. Discord
 * answers 403 50001 Missing Access without View Channel and 403 50013 Missing Permissions
 * without Send Messages (or, in a threaded digest, Create Public Threads): the target is refused,
 * marked broken after repeated runs, and nothing is posted twice on the way, a header that landed
 * before its thread was refused included.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { runDigests, type RunDigestsDeps } from '../../src/core/digest/run-digests.js';
import { silentLogger } from '../../src/log.js';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { NOW, addTarget, matchAll, seedPapers, summaries, discordChannel } from './delivery-support.js';

const NO_SEND = '100000000000000501';
const NO_THREADS = '100000000000000502';
const NO_VIEW = '100000000000000503';
const LATER = new Date(NOW.getTime() + 60_000);

const fakes: FakeDiscord[] = [];
afterEach(async () => Promise.all(fakes.splice(0).map((f) => f.close())));

async function world() {
  const discord = await startFakeDiscord({
    channels: [NO_SEND, NO_THREADS, NO_VIEW],
    denied: { [NO_SEND]: PermissionFlagsBits.SendMessages, [NO_THREADS]: PermissionFlagsBits.CreatePublicThreads, [NO_VIEW]: PermissionFlagsBits.ViewChannel },
  });
  fakes.push(discord);
  const stores = createMemoryStores();
  const deps: RunDigestsDeps = {
    stores,
    matcher: matchAll,
    summaries: summaries(stores),
    channels: { discord: discordChannel(discord.apiUrl) },
    logger: silentLogger(),
    sleep: async () => undefined,
    policy: { backoffBaseMs: 10, brokenAfter: 2 },
  };
  await seedPapers(stores, 3);
  return { discord, stores, deps };
}

describe('Discord: a channel where paperboy lacks a permission a digest needs', () => {
  it('without Send Messages: 403 50013 Missing Permissions, the target refused and then broken, nothing posted', async () => {
    const { discord, stores, deps } = await world();
    await addTarget(stores, `discord:${NO_SEND}`);
    await addTarget(stores, `discord:${NO_VIEW}`);
    const first = await runDigests(deps, { now: NOW });
    expect(Object.fromEntries(first.targets.map((t) => [t.targetId, [t.status, t.error]]))).toEqual({
      [`discord:${NO_SEND}`]: ['rejected', expect.stringMatching(/^403 50013: Missing Permissions/)],
      [`discord:${NO_VIEW}`]: ['rejected', expect.stringMatching(/^403 50001: Missing Access/)],
    });
    for (const id of [NO_SEND, NO_VIEW]) await runDigests(deps, { now: LATER, targetId: `discord:${id}` });
    expect((await stores.targets.get(`discord:${NO_SEND}`))!).toMatchObject({ status: 'broken', brokenReason: expect.stringMatching(/50013/) });
    expect(discord.posts).toEqual([]);
  });

  it('a threaded digest without Create Public Threads: the header posted once across runs, the target refused (50013) and broken', async () => {
    const { discord, stores, deps } = await world();
    const targetId = `discord:${NO_THREADS}`;
    await addTarget(stores, targetId, { threads: true });
    const first = await runDigests(deps, { now: NOW, targetId });
    expect(first.targets.map((t) => [t.status, t.error])).toEqual([['rejected', expect.stringMatching(/^403 50013: Missing Permissions/)]]);
    await runDigests(deps, { now: LATER, targetId });
    expect((await stores.targets.get(targetId))!.status).toBe('broken');
    expect(discord.threads).toEqual([]);
    expect(discord.posts.filter((p) => p.channelId === NO_THREADS)).toHaveLength(1);
  });
});

/**
 * Where a DM's channel id is remembered between runs. Opening a DM is rate-limited on both
 * platforms (Slack conversations.open is Tier 3; discord.js queues every DM open through one
 * route bucket), so thousands of DM targets must not reopen their channel every morning.
 */
import type { ChatPlatform } from '../../core/platforms.js';
import type { CacheStore } from '../../core/ports.js';

export interface DmChannelCache {
  get(userId: string): Promise<string | null>;
  set(userId: string, channelId: string): Promise<void>;
}

/** A DM channel cache in the shared CacheStore (survives restarts, shared by replicas). */
export function cacheStoreDmChannels(cache: CacheStore, platform: ChatPlatform): DmChannelCache {
  const ns = `dm-channel:${platform}`;
  return {
    get: async (userId) => (await cache.getMany(ns, [userId])).get(userId) ?? null,
    set: (userId, channelId) => cache.putMany(ns, [[userId, channelId]]),
  };
}

/** Resolve a user's DM channel once per process, then from the cache, then by `open`. */
export function dmResolver(open: (userId: string) => Promise<string>, cache?: DmChannelCache): (userId: string) => Promise<string> {
  const inProcess = new Map<string, Promise<string>>();
  return (userId) => {
    let p = inProcess.get(userId);
    if (!p) {
      p = (async () => {
        const cached = await cache?.get(userId).catch(() => null);
        if (cached) return cached;
        const channel = await open(userId);
        await cache?.set(userId, channel).catch(() => undefined);
        return channel;
      })();
      // A failed open is not remembered: the next attempt tries again.
      p.catch(() => inProcess.delete(userId));
      inProcess.set(userId, p);
    }
    return p;
  };
}

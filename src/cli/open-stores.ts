/** How the `paperboy` command opens its database (src/cli.ts). */
import type { Stores } from '../core/ports.js';
import { seedBuiltinTopics } from '../core/topics/builtin.js';
import type { Logger } from '../log.js';
import { openStores } from '../store/index.js';

/**
 * The stores, migrated, with the starter catalog in them: on a fresh database every command
 * (channel add --topic "audio codecs", subscribe, match) finds the topics the README names,
 * not only the commands that build the topic services. Idempotent; a removed topic stays removed.
 */
export async function openSeededStores(url: string, logger: Logger): Promise<Stores> {
  const stores = await openStores(url, { migrate: true, logger });
  try {
    await seedBuiltinTopics(stores.topics, new Date(), stores.cache);
    return stores;
  } catch (err) {
    await stores.close().catch(() => undefined);
    throw err;
  }
}

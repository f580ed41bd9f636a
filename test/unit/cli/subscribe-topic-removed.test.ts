/**
 * A subscribe whose topic is removed between looking it up and writing the subscription (another
 * operator's `topics remove` at that moment) says so, on the CLI and in chat, instead of a raw
 * store error, and stores nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Stores } from '../../../src/core/ports.js';
import { describeChange } from '../../../src/chat/commands/handlers/describe-change.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-subscribe-removed-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Stores where each subscription's topic is removed just before the subscription is written. */
function removedMeanwhile(): Stores {
  const stores = createMemoryStores();
  return {
    ...stores,
    subscriptions: {
      ...stores.subscriptions,
      add: async (s) => {
        await stores.topics.remove(s.topicSlug);
        return stores.subscriptions.add(s);
      },
    },
  };
}

describe('subscribe to a topic removed at that moment', () => {
  it('paperboy subscribe says the topic was removed, exits 1, and stores nothing', async () => {
    const stores = removedMeanwhile();
    const cli = memoryCli(stores, dataDir);
    expect(await cli('subscribe', '--user', 'slack:U0ADA', '--topic', 'rlhf', '--preview-days', '0')).toEqual({
      code: 1,
      out: '',
      err: 'paperboy subscribe: The topic "RLHF" was removed while slack:U0ADA was being subscribed to it; nothing subscribed.\n',
    });
    expect(await stores.subscriptions.list()).toEqual([]);
    expect(await stores.targets.list()).toEqual([]);
  });

  it('in chat, says so in the words of whoever subscribed', () => {
    const topic = { slug: 'rlhf', name: 'RLHF', description: 'rlhf' };
    expect(describeChange({ status: 'topic-removed', topic }, 'You', 'rlhf', 'slack').text).toBe('“RLHF” was removed just now, while you were being subscribed to it; nothing changed.');
    expect(describeChange({ status: 'topic-removed', topic }, 'This channel', 'rlhf', 'discord').text).toBe('“RLHF” was removed just now, while this channel was being subscribed to it; nothing changed.');
  });
});

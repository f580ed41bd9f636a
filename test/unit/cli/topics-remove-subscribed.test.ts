/** topics remove deletes every subscription to the topic, other people's and channels' too: that is asked for, and said. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-topics-remove-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('topics remove', () => {
  it('a topic others subscribe to is kept without --force, with whom it reaches said', async () => {
    const stores = createMemoryStores();
    const cli = memoryCli(stores, dataDir);
    for (const who of [['--user', 'slack:U0ADA'], ['--channel', 'slack:C0LAB'], ['--channel', 'discord:123456789012345678']]) {
      expect((await cli('subscribe', ...who, '--topic', 'rlhf', '--preview-days', '0')).code).toBe(0);
    }
    const asked = await cli('topics', 'remove', 'rlhf');
    expect(asked).toEqual({
      code: 1,
      out: '',
      err: 'paperboy topics remove: "RLHF" has 3 subscriptions (2 channels and 1 person: slack:U0ADA, slack:C0LAB, discord:123456789012345678), which removing it deletes for good; nothing removed. Give --force to remove it with them.\n',
    });
    expect(await stores.subscriptions.list({ topicSlug: 'rlhf' })).toHaveLength(3);
    expect((await cli('topics', 'show', 'rlhf')).code).toBe(0);

    const forced = await cli('topics', 'remove', 'rlhf', '--yes');
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/^Removed topic "RLHF" \(rlhf\) and its 3 subscriptions \(2 channels and 1 person\)\. It was a starter topic/);
    expect(await stores.subscriptions.list({ topicSlug: 'rlhf' })).toEqual([]);
  });

  it('a topic no one subscribes to goes at once', async () => {
    const cli = memoryCli(createMemoryStores(), dataDir);
    expect((await cli('topics', 'add', 'protein folding')).code).toBe(0);
    expect(await cli('topics', 'remove', 'protein folding')).toMatchObject({ code: 0, out: 'Removed topic "protein folding" (protein-folding) and its 0 subscriptions.\n' });
  });
});

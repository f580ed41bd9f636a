/**
 * `channel list` names a digest planned for a target and not all sent, and what it waits for:
 * a token, a broken target made active again, or nothing (the next run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';
import { localTimeText } from '../../../src/core/digest/schedule.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-channel-waiting-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// After the target's first window starts (the slot before it was added): a plan of its own.
const windowEnd = new Date(Date.now() - 60_000);
const when = localTimeText(windowEnd, 'UTC');

describe('channel list: digests waiting to be sent', () => {
  it('a digest no message of which was tried, on a platform without its token, and on a broken target', async () => {
    const stores = createMemoryStores();
    const cli = memoryCli(stores, dataDir);
    expect((await cli('channel', 'add', 'slack:C0123ABCD', '--topic', 'speculative decoding')).code).toBe(0);
    await stores.ledger.planDigest({ targetId: 'slack:C0123ABCD', windowStart: null, windowEnd, items: [], createdAt: windowEnd });

    // No SLACK_BOT_TOKEN in this configuration: nothing can send it until it is set.
    const list = await cli('channel', 'list');
    expect(list.out).toContain(`    waiting: digest of ${when}: not sent yet; sent once SLACK_BOT_TOKEN is set\n`);
    const json = JSON.parse((await cli('channel', 'list', '--json')).out) as Array<{ waiting: unknown[] }>;
    expect(json[0]!.waiting).toEqual([{ windowEnd: windowEnd.toISOString(), parts: null, unsent: null, lastError: null }]);

    await stores.targets.markFailure('slack:C0123ABCD', 'channel_not_found', true);
    expect((await cli('channel', 'list')).out).toContain(`    waiting: digest of ${when}: not sent yet; sent once the target is active again (\`paperboy channel add slack:C0123ABCD\`)\n`);
  });
});

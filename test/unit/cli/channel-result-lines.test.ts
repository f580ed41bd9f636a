/** channel add/remove/list write their result lines as the other commands do: a capitalised sentence start ("Added topic …", "Saved …"). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-channel-lines-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('channel result lines', () => {
  // They read "added slack:C0Z …", "updated …", "removed slack:C0Z (0 subscriptions)" beside
  // "Added topic …", "Removed topic …", "Saved …".
  it('Added, Updated, Removed (naming only what went), No targets yet', async () => {
    const cli = memoryCli(createMemoryStores(), dataDir);
    expect((await cli('channel', 'list')).out).toBe('No targets yet: paperboy channel add slack:C0123ABCD --topic <topic>\n');
    expect((await cli('channel', 'add', 'slack:C0ZZZZZZ', '--topic', 'rlhf')).out).toMatch(/^Added slack:C0ZZZZZZ {2}09:00 UTC /);
    expect((await cli('channel', 'add', 'slack:C0ZZZZZZ', '--daily')).out).toMatch(/^Updated slack:C0ZZZZZZ {2}09:00 UTC /);
    expect(await cli('channel', 'remove', 'slack:C0ZZZZZZ')).toEqual({ code: 0, out: 'Removed slack:C0ZZZZZZ and its 1 subscription.\n', err: '' });
    expect((await cli('channel', 'add', 'slack:C0YYYYYY')).code).toBe(0);
    expect((await cli('channel', 'remove', 'slack:C0YYYYYY')).out).toBe('Removed slack:C0YYYYYY.\n');
  });
});

/** `paperboy follow list --json`: the follows as a JSON array, as every other listing has one. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-follow-json-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const cli = memoryCli(createMemoryStores(), dataDir);

describe('follow list --json', () => {
  it('prints [] for a user who follows nobody, and each follow once followed', async () => {
    expect(await cli('follow', 'list', '--user', 'slack:U0123ABCD', '--json')).toEqual({ code: 0, out: '[]\n', err: '' });
    expect((await cli('follow', 'add', '--user', 'slack:U0123ABCD', 'Ada Lovelace')).code).toBe(0);
    const r = await cli('follow', 'list', '--user', 'slack:U0123ABCD', '--json');
    expect(r.code).toBe(0);
    const items = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(items).toEqual([{ subscriber: 'slack:U0123ABCD', author: 'Ada Lovelace', createdBy: 'operator', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
  });
});

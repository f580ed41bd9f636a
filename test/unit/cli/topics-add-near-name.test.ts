/** `topics add` of a name close to an existing topic's says that, not "No topic named …" of the name being added. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-topics-near-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('topics add near an existing name', () => {
  it('adds nothing, names the close topic and --create, exit 1', async () => {
    const stores = createMemoryStores();
    const cli = memoryCli(stores, dataDir);
    const r = await cli('topics', 'add', 'audio codec');
    expect(r).toEqual({ code: 1, out: '', err: 'paperboy topics add: nothing added: "audio codec" is close to the name of an existing topic. Did you mean "audio codecs"? (to add it anyway, --create)\n' });
    expect(r.err).not.toContain('No topic named');
    expect((await cli('topics', 'add', 'audio codec', '--create')).code).toBe(0);
  });
});

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
    const r = await cli('topics', 'add', 'audio codex');
    expect(r).toEqual({ code: 1, out: '', err: 'paperboy topics add: nothing added: "audio codex" is close to the name of an existing topic. Did you mean "audio codecs"? (to add it anyway, --create)\n' });
    expect(r.err).not.toContain('No topic named');
    expect((await cli('topics', 'add', 'audio codex', '--create')).code).toBe(0);
  });

  it('a starter topic\'s name without its plural is that topic, not a near name', async () => {
    const cli = memoryCli(createMemoryStores(), dataDir);
    for (const args of [['audio codec'], ['audio codec', '--create']]) {
      expect(await cli('topics', 'add', ...args), args.join(' ')).toEqual({ code: 1, out: '', err: 'paperboy topics add: Topic "audio codecs" already exists.\n' });
    }
  });
});

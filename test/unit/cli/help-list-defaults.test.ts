/** Repeatable options are described by what they take, not by commander's "(default: [])". */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-help-defaults-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const cli = memoryCli(createMemoryStores(), dataDir);

describe('repeatable options', () => {
  it.each([['topics', 'add'], ['topics', 'define']])('%s %s --help shows no "(default: [])"', async (...cmd) => {
    const r = await cli(...cmd, '--help');
    expect(r.out).toContain('(repeatable)');
    expect(r.out).not.toContain('(default: [])');
  });

  it('still gather every value given, and none when none is', async () => {
    const both = JSON.parse((await cli('topics', 'add', 'neural audio codecs', '--must', 'codec', '--must', 'vocoder', '--category', 'cs.SD', '--json')).out) as { mustPhrases: string[]; mustNotPhrases: string[]; categories: string[] };
    expect(both).toMatchObject({ mustPhrases: ['codec', 'vocoder'], mustNotPhrases: [], categories: ['cs.SD'] });
    const none = JSON.parse((await cli('topics', 'add', 'protein folding', '--json')).out) as { mustPhrases: string[]; categories: string[] };
    expect(none).toMatchObject({ mustPhrases: [], categories: [] });
    expect(await cli('topics', 'define', 'protein folding')).toMatchObject({ code: 2 });
    expect((await cli('topics', 'define', 'protein folding', '--expand', 'structure prediction', '--expand', 'alphafold')).code).toBe(0);
  });
});

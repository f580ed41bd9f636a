/** Every command that takes a paper reads it one way (core typedPaperId) and refuses a bad one in the same words. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { typedPaperId } from '../../../src/core/papers/normalize.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-paper-id-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const cli = memoryCli(createMemoryStores(), dataDir);

describe('typedPaperId', () => {
  it('reads an arXiv id in any written form, or a feed id as stored', () => {
    expect(typedPaperId(' arXiv:2411.04965v2 ')).toBe('2411.04965');
    expect(typedPaperId('https://arxiv.org/pdf/2411.04965v1')).toBe('2411.04965');
    expect(typedPaperId(`feed:${'a'.repeat(40)}`)).toBe(`feed:${'a'.repeat(40)}`);
    expect(typedPaperId('feed:abc')).toBeNull();
    expect(typedPaperId('not a paper')).toBeNull();
  });
});

describe('a paper argument that names no paper', () => {
  // An escape sequence pasted with the id: echoed raw, it would clear the person's terminal; it goes whole.
  const typed = 'x\u001b[2Jy';
  const commands: Array<[string, string[]]> = [
    ['papers show', ['papers', 'show', typed]],
    ['saved add', ['saved', 'add', typed, '--user', 'slack:U0123ABCD']],
    ['saved remove', ['saved', 'remove', typed, '--user', 'slack:U0123ABCD']],
    ['feedback', ['feedback', 'audio codecs', typed, 'up']],
  ];
  it.each(commands)('%s: a usage error (2) that echoes the text without its control characters', async (cmd, argv) => {
    expect(await cli(...argv)).toEqual({ code: 2, out: '', err: `paperboy ${cmd}: "xy" is not an arXiv id (like 2411.04965) or a feed: id\n` });
  });
});

describe('a feed: id cut short', () => {
  // Copied from a narrow column or typed by hand, it was refused as "not … a feed: id", which it plainly starts as.
  it.each([['feed:zzz'], ['feed:f51d4218944d'], ['FEED:']])('%s is refused saying what a feed id is', async (typed) => {
    expect(await cli('papers', 'show', typed)).toEqual({
      code: 2,
      out: '',
      err: `paperboy papers show: "${typed}" is not a whole feed id: one is feed: and 40 hex digits, as \`paperboy papers list\` and \`search\` show it\n`,
    });
  });
});

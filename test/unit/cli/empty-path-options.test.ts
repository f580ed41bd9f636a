/** A path option given as "" (an unset "$OUT" or "$FILE" in a script) is a usage error, not stdout or a missing file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-empty-path-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const cli = memoryCli(createMemoryStores(), dataDir);

describe('empty path options', () => {
  it.each(['', '  '])('saved export --out %j writes nothing to stdout and exits 2', async (out) => {
    const r = await cli('saved', 'export', '--user', 'slack:U0123ABCD', '--format', 'csl-json', '--out', out);
    expect(r).toEqual({ code: 2, out: '', err: 'paperboy saved export: --out: an empty path names no file (leave --out out to write to stdout)\n' });
  });

  it('demo --file "" exits 2 before a database is made', async () => {
    const r = await cli('demo', '--file', '');
    expect(r).toEqual({ code: 2, out: '', err: 'paperboy demo: --file: an empty path names no file (leave --file out for the bundled sample)\n' });
  });
});

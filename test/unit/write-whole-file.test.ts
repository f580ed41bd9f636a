// writeWholeFile: the file is one whole content or the previous one, also when two writes of the
// same file overlap (the service's search snapshot after two ingests that end together: a skipped
// schedule slot caught up beside the current one).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWholeFile } from '../../src/write-whole-file.js';

describe('writeWholeFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-whole-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('two writes of one file at once both succeed and leave one of them whole, no temporary file behind', async () => {
    const path = join(dir, 'search-index.json');
    const long = JSON.stringify({ papers: 'a'.repeat(4_000_000) });
    const short = JSON.stringify({ papers: 'b'.repeat(1_000) });
    const results = await Promise.allSettled([writeWholeFile(path, long), writeWholeFile(path, short)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect([long, short]).toContain(readFileSync(path, 'utf8'));
    expect(readdirSync(dir)).toEqual(['search-index.json']);
  });
});

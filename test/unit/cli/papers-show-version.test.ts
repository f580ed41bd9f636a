/** papers show with a version that is not the one stored names the one that is, or says none is known. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-papers-show-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const AT = new Date('2026-11-01T00:00:00Z');

async function cliWith() {
  const stores = createMemoryStores();
  await stores.papers.upsertMany(
    [
      // Hugging Face's daily papers give no version.
      { arxivId: '2602.06036', source: 'hf' as const, title: 'No version known', abstract: 'A.', authors: [], publishedAt: AT },
      { arxivId: '2602.06037', source: 'arxiv' as const, title: 'Second version', abstract: 'A.', authors: [], publishedAt: AT, version: 2 },
    ],
    AT,
  );
  return memoryCli(stores, dataDir);
}

describe('papers show <id>v<N>', () => {
  // It said "v1 is not stored; this is the version last seen", when no version was stored at all.
  it('when the stored record has no version, says so plainly', async () => {
    const cli = await cliWith();
    const r = await cli('papers', 'show', '2602.06036v1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^No version known\n/);
    expect(r.err).toBe('paperboy papers show: the stored record of 2602.06036 has no version (its source gave none), so whether it is v1 is not known; showing it\n');
  });

  it('when the stored version is another, names it', async () => {
    const cli = await cliWith();
    expect((await cli('papers', 'show', '2602.06037v1')).err).toBe('paperboy papers show: v1 is not stored; showing v2, the version paperboy keeps (the newest it has seen)\n');
    expect((await cli('papers', 'show', '2602.06037v2')).err).toBe('');
  });
});

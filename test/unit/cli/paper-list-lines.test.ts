/** A paper in any list of the command line reads the same: one title formatter (cli/paper-line.ts), one cut. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

// Long enough to be cut, with TeX math whose line break reads as a run of spaces.
const TITLE = `Distillation with $a \\\\ b$ students ${'and more words '.repeat(10)}`;
const stores = createMemoryStores();
await stores.papers.upsertMany([{ arxivId: '2601.00001', source: 'hf', title: TITLE, abstract: 'A student learns from a teacher.', authors: ['Jane Doe'], publishedAt: new Date('2026-01-01T00:00:00Z') }], new Date('2026-03-10T00:00:00Z'));
await stores.saved.add({ listId: 'slack:U0ADA', arxivId: '2601.00001', savedBy: 'slack:U0ADA', savedAt: new Date('2026-03-11T00:00:00Z') });
const dataDir = mkdtempSync(join(tmpdir(), 'pb-list-lines-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const cli = memoryCli(stores, dataDir);

const titleIn = (out: string) => out.split('\n').find((l) => l.startsWith('2601.00001'))!.split(/ {2}(?=Distillation)/)[1]!;

describe('a paper in a list', () => {
  it('shows the same title, spaces collapsed and cut at 100 characters, in papers list, search and saved list', async () => {
    const titles = [];
    for (const argv of [['papers', 'list'], ['search', 'distillation'], ['saved', 'list', '--user', 'slack:U0ADA']]) {
      const r = await cli(...argv);
      expect(r, argv.join(' ')).toMatchObject({ code: 0, err: '' });
      titles.push(titleIn(r.out));
    }
    expect(titles[0]).toMatch(/^Distillation with a b students and more words/);
    expect(titles[0]!.length).toBe(100);
    expect(titles[0]!.endsWith('…')).toBe(true);
    expect(new Set(titles).size).toBe(1);
  });
});

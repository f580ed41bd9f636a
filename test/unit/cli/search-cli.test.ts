/** `paperboy search` as a user types it: the program's own parsing, over papers in memory. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const STORED = new Date('2026-03-10T00:00:00Z');
const stores = createMemoryStores();
await stores.papers.upsertMany(
  [
    { arxivId: '2601.00001', source: 'hf', title: 'Knowledge distillation for small speech models', abstract: 'A student learns from a teacher.', authors: ['Jane Doe'], publishedAt: new Date('2026-01-01T00:00:00Z') },
    // A feed entry without a date: searched by the day it was first stored.
    { arxivId: '2601.00002', source: 'feed', title: 'Distillation of vision transformers', abstract: 'ViT students.', authors: ['John Smith'] },
  ],
  STORED,
);
const dataDir = mkdtempSync(join(tmpdir(), 'pb-search-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = memoryCli(stores, dataDir);
const search = (...args: string[]) => cli('search', ...args);

describe('search --json', () => {
  it('gives the date search goes by as `date`, and `publishedAt` only when the source gave one', async () => {
    const r = await search('distillation', '--json');
    expect(r).toMatchObject({ code: 0, err: '' });
    const items = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(items.find((i) => i.arxivId === '2601.00001')).toMatchObject({ date: '2026-01-01T00:00:00.000Z', publishedAt: '2026-01-01T00:00:00.000Z' });
    expect(items.find((i) => i.arxivId === '2601.00002')).toMatchObject({ date: STORED.toISOString(), publishedAt: null });
  });
});

describe('search --json and what the text output says about an answer', () => {
  it('says it on stderr, the JSON array on stdout as before', async () => {
    const r = await search('since:2026-06-01', 'distillation', '--json');
    expect(r).toMatchObject({ code: 0, out: '[]\n', err: 'paperboy search: No papers match "distillation" with since:2026-06-01: 2 match without it.\n' });
    // Nothing to say: nothing on stderr.
    expect((await search('since:2026-06-01', '--json')).err).toBe('');
  });
});

describe('search with a word to leave out ("-word")', () => {
  const found = (r: { out: string }) => r.out.split('\n').filter(Boolean).map((l) => l.split(' ')[0]);

  it('leaves out the papers that say it, wherever it stands, and options around it still apply', async () => {
    expect(found(await search('distillation', '-speech'))).toEqual(['2601.00002']);
    const json = await search('-speech', 'distillation', '--json', '-n', '1');
    expect(json).toMatchObject({ code: 0, err: '' });
    expect((JSON.parse(json.out) as Array<{ arxivId: string }>).map((i) => i.arxivId)).toEqual(['2601.00002']);
    // Alone it says what to search for; it is no unknown option.
    const alone = await search('-distillation');
    expect(alone.err).toContain('Say what to search for as well as what to leave out');
    expect(alone.err).not.toContain('unknown option');
  });

  it('is not taken for an option it begins like: -ViT is no --version, -normalization no --limit', async () => {
    expect(found(await search('distillation', '-ViT'))).toEqual(['2601.00001']);
    expect(found(await search('distillation', '-normalization')).sort()).toEqual(['2601.00001', '2601.00002']);
  });

  it('a "--word" that is no option is refused, saying how to search for it', async () => {
    const r = await search('--distill');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown option '--distill'");
    expect(r.err).toContain('paperboy search -- --word');
    expect((await search('--', '--distill')).code).toBe(0);
  });
});

describe('match, whose text is free text too', () => {
  it('reads "-distillation" as a word of the text, not as an unknown option', async () => {
    const r = await cli('match', 'knowledge', '-distillation', '--json');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect((JSON.parse(r.out) as Array<{ arxivId: string }>).map((i) => i.arxivId)).toContain('2601.00001');
  });
});

describe('search with a PAPERBOY_DATA_DIR it cannot write', () => {
  it('says so once, as npm start says it, and still gives the results (exit 0): the index is only a cache', async () => {
    const base = mkdtempSync(join(tmpdir(), 'pb-search-cli-'));
    // Tests run as root, for whom chmod blocks nothing: a file in the way fails for anyone.
    writeFileSync(join(base, 'file'), 'not a folder');
    const dir = join(base, 'file', 'sub');
    // A first search rebuilds the index, writes it, and persists again after searching: one line, not two.
    const r = await memoryCli(stores, dir)('search', 'distillation');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2601.00001');
    // A warning (the command succeeds), said as one.
    expect(r.err).toBe(`paperboy search: warning: the search index is not saved, so the next search builds it again: PAPERBOY_DATA_DIR=${dir} cannot be used: ${join(base, 'file')} is a file, not a folder\n`);
    rmSync(base, { recursive: true, force: true });
  });
});

/**
 * `paperboy saved list|add|remove|export` on a real database, through commander as the CLI runs
 * it. Exports are read back by real parsers (BibTeX via @retorquere/bibtex-parser, CSL-JSON via
 * JSON.parse), and what chat saved is what the CLI exports.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@retorquere/bibtex-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { runCli } from '../helpers/cli-run.js';
import { withTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
let stores: Stores;
const run = (...argv: string[]) => runCli({ config: loadConfig({ DATABASE_URL: db.url }), openStores: async () => stores }, argv);

beforeAll(async () => {
  db = await withTestDatabase();
  stores = await db.openStores();
  const now = new Date('2026-12-01T09:00:00Z');
  await stores.papers.upsertMany(
    [
      { arxivId: '2501.00001', source: 'arxiv', version: 3, title: 'Speculative decoding with 50% fewer {draft} tokens & $O(n)$ cost', authors: ['Yaniv Leviathan', 'Matan Kalman'], categories: ['cs.LG', 'cs.CL'], publishedAt: now },
      { arxivId: 'hep-th/9901001', source: 'arxiv', version: 1, title: 'Old-style identifiers', authors: ['Edward Witten'], categories: ['hep-th'], publishedAt: now },
    ],
    now,
  );
  // As if pressed in chat: the CLI exports the same list.
  await stores.saved.add({ listId: 'slack:U0ADA', arxivId: '2501.00001', savedBy: 'slack:U0ADA', savedAt: now });
});

afterAll(() => db?.drop());

describe('paperboy saved', () => {
  it('export --format bibtex writes parseable entries with eprint, archivePrefix, primaryClass and version', async () => {
    const r = await run('saved', 'add', 'https://arxiv.org/abs/hep-th/9901001v1', '--user', 'slack:U0ADA');
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain('Saved hep-th/9901001');
    const out = await run('saved', 'export', '--user', 'slack:U0ADA', '--format', 'bibtex');
    expect(out.code).toBe(0);
    const lib = parse(out.out, { sentenceCase: false, caseProtection: false });
    expect(lib.errors).toEqual([]);
    expect(lib.entries.map((e) => [e.key, e.fields.eprint, e.fields.archiveprefix, e.fields.primaryclass, e.fields.version])).toEqual([
      ['arXiv:hep-th_9901001', 'hep-th/9901001', 'arXiv', 'hep-th', '1'],
      ['arXiv:2501.00001', '2501.00001', 'arXiv', 'cs.LG', '3'],
    ]);
    // Its math stays TeX, as LaTeX typesets it; the rest is escaped text.
    expect(out.out).toContain('title = {Speculative decoding with 50\\% fewer \\textbraceleft{}draft\\textbraceright{} tokens \\& $O(n)$ cost}');
    expect(lib.entries[1]!.fields.title).toBe('Speculative decoding with 50% fewer {draft} tokens & O(n) cost');
  });

  it('export --format csl-json and ris, to a file with --out', async () => {
    const csl = await run('saved', 'export', '--user', 'slack:U0ADA', '--format', 'csl-json');
    expect((JSON.parse(csl.out) as Array<{ number: string }>).map((i) => i.number)).toEqual(['arXiv:hep-th/9901001', 'arXiv:2501.00001']);
    const file = join(mkdtempSync(join(tmpdir(), 'paperboy-saved-')), 'list.ris');
    const ris = await run('saved', 'export', '--user', 'slack:U0ADA', '--format', 'ris', '--out', file);
    expect(ris.err).toContain('Wrote 2 papers');
    expect(readFileSync(file, 'utf8').match(/^ER {2}- /gm)).toHaveLength(2);
    const nowhere = await run('saved', 'export', '--user', 'slack:U0ADA', '--out', '/nonexistent/dir/x.bib');
    expect(nowhere.code).toBe(1);
    expect(nowhere.err).toBe('paperboy saved export: cannot write /nonexistent/dir/x.bib: its folder does not exist\n');
    // An empty list (a mistyped --user) exports nothing and says whose list it is, exit 1.
    const empty = await run('saved', 'export', '--user', 'slack:U0EMPTY1', '--format', 'csl-json');
    expect(empty).toEqual({ code: 1, out: '', err: "paperboy saved export: slack:U0EMPTY1's reading list is empty: nothing to export\n" });
  });

  it('list, remove, and a channel list by --channel', async () => {
    expect((await run('saved', 'list', '--user', 'slack:U0ADA')).out.split('\n')[0]).toMatch(/^hep-th\/9901001/);
    expect((await run('saved', 'add', '2501.00001', '--channel', 'slack:C0LAB')).code).toBe(0);
    expect((await run('saved', 'list', '--channel', 'slack:C0LAB', '--json')).out).toContain('"arxivId": "2501.00001"');
    expect((await run('saved', 'remove', '2501.00001', '--channel', 'slack:C0LAB')).out).toContain('Removed');
    expect(await stores.saved.count('slack:C0LAB')).toBe(0);
  });

  it('bad input is a usage error (2) and unknown papers are not found (1), with nothing written', async () => {
    expect((await run('saved', 'export', '--user', 'U0ADA')).code).toBe(2);
    expect((await run('saved', 'export', '--user', 'slack:U0ADA', '--format', 'endnote')).err).toContain('--format must be one of bibtex, ris, csl-json');
    expect((await run('saved', 'export')).code).toBe(2);
    expect((await run('saved', 'add', 'nonsense', '--user', 'slack:U0ADA')).code).toBe(2);
    const missing = await run('saved', 'add', '2999.99999', '--user', 'slack:U0ADA');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no paper with id 2999.99999');
    expect(await stores.saved.count('slack:U0ADA')).toBe(2);
  });
});

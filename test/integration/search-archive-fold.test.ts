// PostgreSQL's archive index folds accents as the window does (migration paper_search_fold):
// its SQL fold gives foldDiacritics' text, character for character, and an upgrade over a
// database of papers reindexes the ones with accents. (SQLite's FTS5 folds on its own.)
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { PaperInput } from '../../src/core/papers/paper.js';
import { foldDiacritics } from '../../src/core/diacritics.js';
import { memorySnapshotStore } from '../../src/core/search/index-snapshot.js';
import { createSearchService } from '../../src/core/search/search-service.js';
import { migrate } from '../../src/store/migrate.js';
import { defaultMigrationsDir } from '../../src/store/migration-files.js';
import { openStores } from '../../src/store/index.js';
import { testDatabases, type TestDatabase } from '../helpers/db.js';
import { TEST_PG_URL } from '../helpers/services.js';

const FOLD_MIGRATION = '20261207001500_paper_search_fold';
const postgres = (await testDatabases('search-archive-fold')).filter((k) => k.name === 'postgresql');

const tempDirs: string[] = [];
const dbs: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.drop()));
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

/** Text as a SQL literal whatever it holds (hex of its UTF-8 bytes). */
const literal = (s: string) => `convert_from(decode('${Buffer.from(s, 'utf8').toString('hex')}', 'hex'), 'UTF8')`;

const paper = (arxivId: string, title: string, authors: string[]): PaperInput => ({
  arxivId,
  source: 'arxiv',
  title,
  abstract: `An archived paper: ${title}.`,
  authors,
  categories: ['cs.CL'],
  publishedAt: new Date('2020-01-01T00:00:00Z'),
});

describe.skipIf(postgres.length === 0)('accent folding in the PostgreSQL archive', () => {
  const fresh = async () => {
    const db = await postgres[0]!.open();
    dbs.push(db);
    return db;
  };

  it('folds as foldDiacritics does: every Latin letter with accents, the marks of other scripts kept', async () => {
    const db = await fresh();
    await migrate(db.url);
    const samples: string[] = [];
    // Each precomposed Latin letter, and each Latin base followed by stacked marks (decomposed text).
    for (let c = 0xa0; c <= 0x2ff; c++) samples.push(String.fromCodePoint(c), `${String.fromCodePoint(c)}\u0301\u0323x`);
    for (let c = 0x1e00; c <= 0x1eff; c++) samples.push(String.fromCodePoint(c));
    // The rarer Latin blocks (phonetic, Extended-C/D/E, fullwidth, Roman numerals) and their
    // neighbours; Extended-D up to U+A7CA: PostgreSQL 15 normalises with Unicode 14's tables, Node
    // with a later one, and letters added since (U+A7F1, a modifier S) decompose on one side only.
    for (const [from, to] of [[0x1d00, 0x1dbf], [0x2070, 0x218f], [0x2c60, 0x2c7f], [0xa720, 0xa7ca], [0xab30, 0xab6f], [0xfb00, 0xfb06], [0xff01, 0xff5e]] as const) {
      for (let c = from; c <= to; c++) samples.push(`${String.fromCodePoint(c)}\u0300`);
    }
    samples.push(
      'Café naïve Müller Nguyễn Ștefan Łódź Straße Jørgen æther ﬁne ＡＢＣ½ Zoe\u0301',
      'Сергей ёлка й', // the Cyrillic breve and diaeresis are part of the letter
      'हिन्दी कोड เครื่อง', // vowel signs
      'ἀλήθεια Ελληνικά', // Greek tonos and breathings
      'が\u304b\u3099 한국어', // kana voicing, Hangul
      'ı\u0308 a\u1ab0\u0301 e\u0301\u1ab0\u0302', // dotless i; a mark outside the block ends the run
      'plain ascii text',
    );
    const rows = await db.query<{ i: number; f: string }>(`SELECT i, "paper_search_fold"(t) AS f FROM (VALUES ${samples.map((s, i) => `(${i}, ${literal(s)})`).join(', ')}) v(i, t) ORDER BY i`);
    const mismatches = rows.filter((r) => r.f !== foldDiacritics(samples[r.i]!)).map((r) => ({ text: samples[r.i], sql: r.f, js: foldDiacritics(samples[r.i]!) }));
    expect(mismatches).toEqual([]);
  });

  it('an upgrade over stored papers reindexes those with accents: cafe finds Café, muller Müller', async () => {
    const db = await fresh();
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-migrations-'));
    tempDirs.push(dir);
    cpSync(defaultMigrationsDir('postgresql'), dir, { recursive: true, filter: (src) => !src.includes(FOLD_MIGRATION) });
    await migrate(db.url, { migrationsDir: dir });
    const stores = await openStores(db.url, { migrate: false });
    try {
      await stores.papers.upsertMany([paper('1805.00002', 'Naïve Café models', ['Łukasz Müller']), paper('1805.00003', 'Сергей reads हिन्दी', ['Plain Author'])], new Date('2020-01-02T00:00:00Z'));
    } finally {
      await stores.close();
    }
    const found = (q: string) => db.query<{ arxivId: string }>(`SELECT "arxivId" FROM "PaperSearch" WHERE "document" @@ to_tsquery('english', ${literal(q)}) ORDER BY 1`);
    expect(await found('cafe:*')).toEqual([]);
    const r = await migrate(db.url);
    expect(r.applied).toEqual([FOLD_MIGRATION]);
    // Ł is a letter of its own to the window (and FTS5): found as written.
    for (const q of ['cafe:*', 'naive:*', 'muller:*', 'łukasz:*']) expect(await found(q), q).toEqual([{ arxivId: '1805.00002' }]);
    for (const q of ['сергей:*', 'हिन्दी:*']) expect(await found(q), q).toEqual([{ arxivId: '1805.00003' }]);
    // Every row is what the triggers would write now.
    const stale = await db.query(
      `SELECT s."arxivId" FROM "PaperSearch" s JOIN "Paper" p ON p."arxivId" = s."arxivId" WHERE s."document" <> "paper_search_document"(p."title", p."abstract", p."authors", p."aiKeywords" || ' ' || p."categories")`,
    );
    expect(stale).toEqual([]);
  });

  it('a database not in UTF-8 (LATIN1) migrates, and keeps finding a word as it is written', async () => {
    const name = `paperboy_test_latin1_${process.pid}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}" ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`);
      const u = new URL(TEST_PG_URL);
      u.pathname = `/${name}`;
      const stores = await openStores(u.toString());
      try {
        await stores.papers.upsertMany([paper('1805.00002', 'Naïve Café models', ['Jürgen Müller'])], new Date('2020-01-02T00:00:00Z'));
        const search = createSearchService({ papers: stores.papers, archive: stores.archive, hotDays: 30, now: () => Date.parse('2026-12-01T00:00:00Z'), snapshots: memorySnapshotStore() });
        // normalize() needs UTF-8: there the index keeps accents, as before the fold.
        for (const q of ['café', 'Naïve', 'müller']) {
          const r = await search.search(q);
          expect(r.status === 'ok' ? r.items.map((i) => i.arxivId) : r, q).toEqual(['1805.00002']);
        }
      } finally {
        await stores.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});


/**
 * What forgiving a typo over every stored paper costs (search-service.ts spell): 100,000
 * synthetic papers over two years in a SQLite store (bench:search's corpus, written by the store's
 * upsert, so FTS5 holds them), the window the last 30 days, then
 *  - 200 words of FTS5's vocabulary with two neighbouring letters swapped (a word no paper holds):
 *    each searched once, so its check is not cached; the stored words of a beginning are read
 *    once until the store changes, as a service reads them;
 *  - the same 200 words spelt right, the search's own cost beside it;
 *  - bench:search's 1,000 mixed queries.
 *
 * `--database postgresql`: the same on a fresh PostgreSQL database (PAPERBOY_TEST_PG_URL, else
 * postgresql://postgres@127.0.0.1:5432/test, dropped afterwards), its stored words read by
 * pg-vocabulary.ts; each set is searched first by a service whose archive lists no words (as
 * before it did: typos forgiven in the window only), then by one with them, on the same store.
 *
 * Usage: npx tsx bench/search-typos.bench.ts [--papers 100000] [--database postgresql]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { PaperInput } from '../src/core/papers/paper.js';
import type { Stores } from '../src/core/ports.js';
import { memorySnapshotStore } from '../src/core/search/index-snapshot.js';
import { createSearchService } from '../src/core/search/search-service.js';
import { openStores } from '../src/store/index.js';
import { withPostgres, type TestDatabase } from '../test/helpers/db.js';
import { mixedQueries, rng, syntheticPaperStream } from './lib/synthetic-papers.js';

const args = process.argv.slice(2);
const N = Number(args.includes('--papers') ? args[args.indexOf('--papers') + 1] : 100_000);
const database = args.includes('--database') ? args[args.indexOf('--database') + 1] : 'sqlite';
if (database !== 'sqlite' && database !== 'postgresql') throw new Error(`--database must be sqlite or postgresql, got "${database}"`);
const DAY = 86_400_000;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const line = (what: string, xs: number[]) => console.log(`${what}: p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-search-typos-'));
  const file = join(dir, 'paperboy.db');
  let pg: TestDatabase | null = null;
  try {
    console.log(`search typos bench: ${N.toLocaleString()} synthetic papers in ${database} (node ${process.version}, load average ${load()})`);
    if (database === 'postgresql') pg = await withPostgres();
    const stores = pg ? await pg.openStores() : await openStores(`file:${file}`, { migrate: true });
    const seen = new Date(Date.now() - 2 * DAY);
    let batch: PaperInput[] = [];
    for (const p of syntheticPaperStream({ count: N, start: new Date(Date.now() - 730 * DAY) })) {
      batch.push({ arxivId: p.arxivId, source: 'file', title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, publishedAt: p.publishedAt, aiKeywords: p.aiKeywords });
      if (batch.length === 5_000) {
        await stores.papers.upsertMany(batch, seen);
        batch = [];
      }
    }
    if (batch.length) await stores.papers.upsertMany(batch, seen);

    // The typos: stored words of six letters or more, two neighbouring letters past the second swapped.
    const stored = (await storedWords(pg, file)).filter((t) => /^[a-z]{6,}$/.test(t));
    const have = new Set(stored);
    const r = rng(5);
    const typos = new Map<string, string>();
    while (typos.size < 200) {
      const w = stored[Math.floor(r() * stored.length)]!;
      const i = 2 + Math.floor(r() * (w.length - 3));
      const typo = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
      if (!have.has(typo)) typos.set(typo, w);
    }

    if (pg) {
      // Before: an archive that lists no words, as PostgreSQL's was; after: its words (pg-vocabulary.ts).
      const { wordsStartingWith: _w, wordsHeld: _h, ...bare } = stores.archive!;
      await measure('before (typos forgiven in the window only)', { ...stores, archive: bare }, typos);
    }
    await measure(pg ? 'after' : 'search', stores, typos);
    console.log(`load average ${load()}`);
    await stores.close();
  } finally {
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every stored word, as the database's spelling source holds them. */
async function storedWords(pg: TestDatabase | null, file: string): Promise<string[]> {
  if (pg) return (await pg.query<{ word: string }>(`SELECT "word" FROM ts_stat($$SELECT to_tsvector('simple', "title" || ' ' || "abstract") FROM "Paper"$$)`)).map((r) => r.word);
  const raw = new Database(file, { readonly: true });
  raw.exec(`CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, 'PaperSearch', 'row')`);
  const words = (raw.prepare('SELECT "term" FROM temp.words').all() as Array<{ term: string }>).map((r) => r.term);
  raw.close();
  return words;
}

async function measure(label: string, stores: Stores, typos: Map<string, string>): Promise<void> {
  const search = createSearchService({ papers: stores.papers, archive: stores.archive, hotDays: 30, snapshots: memorySnapshotStore(), warm: false });
  await search.ready();
  // Before any other search: a process's first typo (on PostgreSQL its stored words are read then).
  const t1 = performance.now();
  await search.search(typos.keys().next().value!);
  const firstMs = performance.now() - t1;
  for (const q of mixedQueries(50, 3)) await search.search(q);
  const typoMs: number[] = [];
  let corrected = 0;
  for (const [typo, word] of typos) {
    const t0 = performance.now();
    const out = await search.search(typo);
    typoMs.push(performance.now() - t0);
    if (out.status === 'ok' && out.notes.corrected[0]?.searched === word) corrected++;
  }
  const rightMs: number[] = [];
  for (const word of typos.values()) {
    const t0 = performance.now();
    await search.search(word);
    rightMs.push(performance.now() - t0);
  }
  const mixedMs: number[] = [];
  for (const q of mixedQueries(1000)) {
    const t0 = performance.now();
    await search.search(q);
    mixedMs.push(performance.now() - t0);
  }
  console.log(`${label}:`);
  console.log(`  a process's first typo: ${firstMs.toFixed(0)} ms`);
  line(`  200 typos (each once), ${corrected}/200 searched as the word they came from`, typoMs);
  line('  the same 200 words spelt right', rightMs);
  line("  bench:search's 1,000 mixed queries", mixedMs);
}

void main();

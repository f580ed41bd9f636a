/**
 * `npm run bench:window-pages`: reading a backfill's first-seen window page by page, as a digest
 * after `paperboy ingest` of 100,000 papers (and the search index's catch-up) does: the paper
 * store's iterateSeen against the baseline of the same keyset pages with the window's start kept
 * in every page's WHERE (how it was read before: SQLite then seeks the index at the window's
 * start for every page and walks every page before it again). The baseline reads rows only, so
 * it does less work per page than the store (which maps each row to a Paper).
 *
 *   npm run bench:window-pages [-- --papers 100000] [--page 100] [--postgresql]
 */
import { loadavg } from 'node:os';
import type { Paper, PaperInput } from '../src/core/papers/paper.js';
import { createStoreDb } from '../src/store/connect.js';
import { parseDatabaseUrl } from '../src/store/database-url.js';
import { dateParam } from '../src/store/raw-dates.js';
import { withPostgres, withSqlite } from '../test/helpers/db.js';
import { syntheticPaperStream } from './lib/synthetic-papers.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
const N = Number(arg('papers', '100000'));
const PAGE = Number(arg('page', '100'));
const PROVIDER = args.includes('--postgresql') ? 'postgresql' : 'sqlite';
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const asStored = (p: Paper): PaperInput => ({ arxivId: p.arxivId, source: 'file', title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, publishedAt: p.publishedAt });

const db = await (PROVIDER === 'sqlite' ? withSqlite() : withPostgres());
try {
  console.log(`window pages bench: ${N.toLocaleString('en-US')} papers first seen in one window, pages of ${PAGE}, ${PROVIDER} (load ${load()})`);
  const stores = await db.openStores({ migrate: true });
  const since = new Date();
  let batch: PaperInput[] = [];
  // Batches of 500 stored at one instant each, as an ingest stores them (ties broken by the id).
  let n = 0;
  for (const p of syntheticPaperStream({ count: N })) {
    // arXiv-shaped ids, unique up to 1.2 million papers: a month per 100,000.
    batch.push(asStored({ ...p, arxivId: `25${String(1 + Math.floor(n / 100_000)).padStart(2, '0')}.${String(n++ % 100_000).padStart(5, '0')}` }));
    if (batch.length === 500) {
      await stores.papers.upsertMany(batch, new Date());
      batch = [];
    }
  }
  if (batch.length) await stores.papers.upsertMany(batch, new Date());
  const window = { since, before: new Date(Date.now() + 1000) };
  const stored = await stores.papers.count(window);

  const raw = await createStoreDb(parseDatabaseUrl(db.url));
  const at = dateParam(raw.provider);
  const p = (i: number) => raw.param(i);
  const viaStore = async () => {
    let read = 0;
    for await (const page of stores.papers.iterateSeen(window, PAGE)) read += page.length;
    return read;
  };
  const viaBaseline = async () => {
    let read = 0;
    let after: [string, string] | null = null;
    for (;;) {
      const where: string[] = [`"firstSeenAt" >= ${p(1)}`, `"firstSeenAt" < ${p(2)}`, ...(after ? [`("firstSeenAt", "arxivId") > (${p(3)}, ${p(4)})`] : [])];
      const rows: Array<{ firstSeenAt: unknown; arxivId: string }> = await raw.query<{ firstSeenAt: unknown; arxivId: string }>(`SELECT * FROM "Paper" WHERE ${where.join(' AND ')} ORDER BY "firstSeenAt", "arxivId" LIMIT ${PAGE}`, [at(window.since), at(window.before), ...(after ?? [])]);
      read += rows.length;
      if (rows.length < PAGE) return read;
      const last = rows[rows.length - 1]!;
      after = [at(last.firstSeenAt instanceof Date ? last.firstSeenAt : new Date(String(last.firstSeenAt)))!, last.arxivId];
    }
  };
  // Alternated twice, the faster of each kept: the first read of a table also warms the cache.
  const timed = async (read: () => Promise<number>) => {
    const t = performance.now();
    const count = await read();
    if (count !== stored) throw new Error(`read ${count} of ${stored} papers`);
    return performance.now() - t;
  };
  let storeMs = Infinity;
  let baselineMs = Infinity;
  for (let round = 0; round < 2; round++) {
    baselineMs = Math.min(baselineMs, await timed(viaBaseline));
    storeMs = Math.min(storeMs, await timed(viaStore));
  }
  await raw.close();
  console.log(`\n| ${PROVIDER}, ${stored.toLocaleString('en-US')} papers | whole window | per page |\n|---|---|---|`);
  console.log(`| iterateSeen (store) | ${(storeMs / 1000).toFixed(2)} s | ${(storeMs / (stored / PAGE)).toFixed(2)} ms |`);
  console.log(`| window start on every page (baseline) | ${(baselineMs / 1000).toFixed(2)} s | ${(baselineMs / (stored / PAGE)).toFixed(2)} ms |`);
  console.log(`baseline / store: ${(baselineMs / storeMs).toFixed(1)}× (load ${load()})`);
} finally {
  await db.drop();
}

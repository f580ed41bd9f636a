/**
 * Search on the real store (a SQLite file, papers written by the store's own upsert, so the
 * archive's FTS5 index is filled by its triggers), in one run:
 *  - `hot`: MiniSearch holds the last 30 days (PAPERBOY_SEARCH_HOT_DAYS=30), older papers come
 *    from the database's full-text index;
 *  - `all`: the old design, every paper in MiniSearch (PAPERBOY_SEARCH_HOT_DAYS=0), the baseline;
 *  - FTS5 alone, ranked the way FTS5 is meant to be (`ORDER BY rank`, bm25 weights set once
 *    through the rank option), the lower bound.
 * For each: index build, cold start from the snapshot, search p50/p99 over 1,000 mixed queries
 * (in process, through SearchService), the service's idle RSS 3 s and 10 s after the index is
 * ready (the real service in a child process, index opened from the snapshot) and a one-off
 * `paperboy search` (wall, CLI child).
 * Goals at 100,000 papers: idle RSS <= 300 MB, CLI search <= 1.0 s, p99 < 20 ms, cold <= 0.5 s.
 *
 * Usage: npm run bench:search [-- --papers 100000]
 *
 * `-- --scale 100000,1000000` measures instead how the service grows with the archive: for each
 * size, papers at arXiv's cs.CL + cs.LG + cs.CV rate (100,000 a year, so 1,000,000 is ten years)
 * in a SQLite store, then the service started twice on it: first with no index snapshot (the
 * index is built from the database), then from the snapshot it wrote. The smallest size is the
 * baseline. Goal: idle RSS stays <= ~400 MB at 1,000,000 papers.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import type { Paper, PaperInput } from '../src/core/papers/paper.js';
import { parseQuery } from '../src/core/search/query-parser.js';
import { createSearchService } from '../src/core/search/search-service.js';
import { startService } from '../src/service.js';
import { fileSnapshotStore, searchSnapshotName } from '../src/store/file-snapshot-store.js';
import { openStores } from '../src/store/index.js';
import { mixedQueries, syntheticPaperStream, syntheticPapers } from './lib/synthetic-papers.js';
import { buildCli } from './lib/build-cli.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : undefined);
const N = Number(arg('papers') ?? 100_000);
const HOT_DAYS = 30;
const DAY = 86_400_000;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** The same query for FTS5: prefix terms, quoted phrases, column filters for author/category. */
function ftsQuery(raw: string): string | null {
  const parsed = parseQuery(raw);
  if (!parsed.ok) return null;
  const q = parsed.query;
  const parts = [
    ...q.terms.map((t) => `"${t.replace(/"/g, '')}"*`),
    ...q.phrases.map((p) => `"${p}"`),
    ...q.authors.map((a) => `authors:"${a}"`),
    ...q.categories.map((c) => `keywords:"${c}"`),
  ];
  return parts.length ? parts.join(' AND ') : null;
}

interface ServiceFigures {
  rssMb: number;
  /** RSS 10 s after the index is ready. */
  rss10Mb?: number;
  heapMb: number;
  openMs: number;
  source: string;
  papers: number;
  /** The service process's peak RSS up to the 10 s figure. */
  peakMb?: number;
}

/**
 * Child mode: the real service (console only, no chat platform configured), index opened from
 * the snapshot in its data dir; idle RSS a few seconds after the index is ready.
 */
async function serviceChild(url: string, dataDir: string, hotDays: string): Promise<void> {
  const config = loadConfig({ DATABASE_URL: url, PAPERBOY_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', PAPERBOY_SEARCH_HOT_DAYS: hotDays });
  let ready: (o: { source: string; papers: number; ms: number }) => void;
  const opened = new Promise<{ source: string; papers: number; ms: number }>((r) => (ready = r));
  const noop = () => undefined;
  const logger = {
    info: (obj: object | string, msg?: string) => {
      if (typeof msg === 'string' && msg.startsWith('search index ready')) ready(obj as { source: string; papers: number; ms: number });
    },
    warn: noop,
    error: noop,
    debug: noop,
  };
  const service = await startService(config, logger as never, { stdout: new PassThrough() });
  const o = await opened;
  await new Promise((r) => setTimeout(r, 3000));
  gc();
  const figures: ServiceFigures = { rssMb: process.memoryUsage().rss / 1e6, heapMb: process.memoryUsage().heapUsed / 1e6, openMs: o.ms, source: o.source, papers: o.papers };
  // V8 hands freed pages back to the OS some seconds after a collection: the 3 s figure still
  // holds them, the 10 s one is what an idle service keeps.
  await new Promise((r) => setTimeout(r, 7000));
  gc();
  figures.rss10Mb = process.memoryUsage().rss / 1e6;
  figures.peakMb = (process.resourceUsage().maxRSS * 1024) / 1e6;
  await service.stop('bench');
  process.stdout.write(`\nFIGURES ${JSON.stringify(figures)}\n`);
  process.exit(0);
}

function runService(url: string, dataDir: string, hotDays: number): ServiceFigures {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, '--service', url, dataDir, String(hotDays)], { encoding: 'utf8', timeout: 600_000 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('FIGURES '));
  if (!line) throw new Error(`service child failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(line.slice('FIGURES '.length)) as ServiceFigures;
}

/**
 * A one-off `paperboy search`, wall time of the whole process: under tsx (`npm run paperboy`),
 * or the compiled CLI (`bin`, the Docker image) when `built` names its cli.js.
 */
function runCli(url: string, dataDir: string, hotDays: number, query: string, built?: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...(built ? [built] : ['--import', 'tsx', 'src/cli.ts']), 'search', query, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url, PAPERBOY_DATA_DIR: dataDir, PAPERBOY_SEARCH_HOT_DAYS: String(hotDays), LOG_LEVEL: 'silent' },
    timeout: 300_000,
  });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`paperboy search failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return wall;
}

const cleanups: string[] = [];

/** A synthetic paper as the store's upsert takes it (as a file ingest would write it). */
const asStored = (p: Paper): PaperInput => ({ arxivId: p.arxivId, source: 'file', title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, publishedAt: p.publishedAt, aiKeywords: p.aiKeywords });

async function main(): Promise<void> {
  console.log(`search bench: ${N.toLocaleString()} synthetic papers over two years, hot window ${HOT_DAYS} days (node ${process.version}, ${cpus().length} cores, load average ${load()})`);
  let t0 = performance.now();
  // Two years ending today, so the window holds the last 30 days' share (~4%).
  const papers = syntheticPapers({ count: N, start: new Date(Date.now() - 730 * DAY) });
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-search-bench-'));
  const url = `file:${join(dir, 'paperboy.db')}`;
  const stores = await openStores(url, { migrate: true });
  t0 = performance.now();
  // First seen two days ago: the service's start-up digest catch-up has no window to fill.
  const seen = new Date(Date.now() - 2 * DAY);
  for (let i = 0; i < papers.length; i += 5_000) {
    await stores.papers.upsertMany(
      papers.slice(i, i + 5_000).map(asStored),
      seen,
    );
  }
  // A successful ingest on record, so the service's start-up runs none.
  const run = await stores.ingestRuns.start('hf', 'bench', new Date());
  await stores.ingestRuns.finish({ ...run, status: 'succeeded', finishedAt: new Date() });
  console.log(`stored in SQLite (with its FTS5 triggers) in ${ms(performance.now() - t0)}`);
  const queries = mixedQueries(1000);
  const rows: Array<Record<string, string>> = [];

  try {
    const variants = [
      { name: 'all (old: every paper in MiniSearch)', hotDays: 0 },
      { name: `hot (${HOT_DAYS} days in MiniSearch + FTS5 archive)`, hotDays: HOT_DAYS },
    ];
    const figures: Record<number, { build: number; heap: number; cold: number; p50: number; p99: number; papers: number }> = {};
    for (const v of variants) {
      const dataDir = join(dir, `data-${v.hotDays}`);
      mkdirSync(dataDir);
      const snapshots = () => fileSnapshotStore(dataDir, searchSnapshotName(url));
      const deps = { papers: stores.papers, archive: stores.archive, hotDays: v.hotDays };
      const heap0 = heapMb();
      t0 = performance.now();
      let building: ReturnType<typeof createSearchService> | null = createSearchService({ ...deps, snapshots: snapshots() });
      await building.ready();
      const build = performance.now() - t0;
      const heap = heapMb() - heap0;
      building = null;
      t0 = performance.now();
      const cold = createSearchService({ ...deps, snapshots: snapshots() });
      const opened = await cold.ready();
      const coldMs = performance.now() - t0;
      gc();
      const lat: number[] = [];
      let hits = 0;
      let archived = 0;
      for (const q of queries) {
        const s = performance.now();
        const r = await cold.search(q, { limit: 10 });
        lat.push(performance.now() - s);
        if (r.status === 'ok') {
          hits += r.items.length;
          archived += r.items.filter((i) => i.archive).length;
        }
      }
      figures[v.hotDays] = { build, heap, cold: coldMs, p50: pct(lat, 50), p99: pct(lat, 99), papers: opened.papers };
      console.log(
        `\n${v.name}: ${opened.papers} papers in memory; build + snapshot ${ms(build)}, index heap +${heap.toFixed(0)} MB, snapshot ${(statSync(join(dataDir, searchSnapshotName(url))).size / 1e6).toFixed(1)} MB`,
      );
      console.log(`  cold start from snapshot ${ms(coldMs)} (${opened.source}); search p50 ${ms(pct(lat, 50))}, p99 ${ms(pct(lat, 99))}; mean hits ${(hits / queries.length).toFixed(1)} (${((100 * archived) / Math.max(1, hits)).toFixed(0)}% from the archive); load ${load()}`);
    }
    // Children after the in-process part: the service and the CLI each open the snapshot above.
    const svc: Record<number, ServiceFigures> = {};
    const cli: Record<number, number[]> = {};
    const cliBuilt: Record<number, number[]> = {};
    const { cli: built, dir: buildDir } = buildCli('paperboy-search-bench-');
    cleanups.push(buildDir);
    const cliQueries = ['diffusion models', 'attention author:smith', 'graph neural network since:2025-06-01'];
    for (const v of variants) {
      const dataDir = join(dir, `data-${v.hotDays}`);
      svc[v.hotDays] = runService(url, dataDir, v.hotDays);
      console.log(`\n${v.name}: service idle RSS ${svc[v.hotDays]!.rssMb.toFixed(0)} MB at 3 s, ${svc[v.hotDays]!.rss10Mb!.toFixed(0)} MB at 10 s (main heap ${svc[v.hotDays]!.heapMb.toFixed(0)} MB), index opened in ${svc[v.hotDays]!.openMs} ms (${svc[v.hotDays]!.source}, ${svc[v.hotDays]!.papers} papers); load ${load()}`);
      cli[v.hotDays] = cliQueries.map((q) => runCli(url, dataDir, v.hotDays, q));
      console.log(`  one-off \`paperboy search\` under tsx: ${cli[v.hotDays]!.map((w) => ms(w)).join(', ')} (median ${ms(pct(cli[v.hotDays]!, 50))}); load ${load()}`);
      cliBuilt[v.hotDays] = cliQueries.map((q) => runCli(url, dataDir, v.hotDays, q, built));
      console.log(`  one-off \`paperboy search\`, compiled (as shipped): ${cliBuilt[v.hotDays]!.map((w) => ms(w)).join(', ')} (median ${ms(pct(cliBuilt[v.hotDays]!, 50))}); load ${load()}`);
    }

    // --- FTS5 alone, the lower bound (its own table, FTS5's `rank` with the same field weights)
    const db = new Database(join(dir, 'fts.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE VIRTUAL TABLE papers USING fts5(id UNINDEXED, title, abstract, authors, keywords, published UNINDEXED)');
    db.exec("INSERT INTO papers (papers, rank) VALUES ('rank', 'bm25(0, 2.0, 1.0, 1.5, 1.5, 0)')");
    t0 = performance.now();
    const insert = db.prepare('INSERT INTO papers (id, title, abstract, authors, keywords, published) VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (const p of papers) insert.run(p.arxivId, p.title, p.abstract, p.authors.join(', '), [...p.aiKeywords, ...p.categories].join(', '), p.publishedAt!.getTime());
    })();
    const ftsBuild = performance.now() - t0;
    db.close();
    t0 = performance.now();
    const fts = new Database(join(dir, 'fts.db'), { readonly: true });
    const search = fts.prepare('SELECT id, title FROM papers WHERE papers MATCH ? ORDER BY rank LIMIT 10');
    search.all('"model"*');
    const ftsCold = performance.now() - t0;
    const ftsLat: number[] = [];
    for (const q of queries) {
      const fq = ftsQuery(q);
      if (!fq) continue;
      const s = performance.now();
      search.all(fq);
      ftsLat.push(performance.now() - s);
    }
    fts.close();
    console.log(`\nFTS5 alone (ORDER BY rank, no typo tolerance): build ${ms(ftsBuild)}, cold open + first query ${ms(ftsCold)}, p50 ${ms(pct(ftsLat, 50))}, p99 ${ms(pct(ftsLat, 99))}; load ${load()}`);

    const a = figures[0]!;
    const h = figures[HOT_DAYS]!;
    const ratio = (x: number, y: number) => `x${(x / y).toFixed(2)}`;
    rows.push(
      { what: 'papers in memory', hot: String(h.papers), all: String(a.papers), ratio: ratio(h.papers, a.papers), goal: '' },
      { what: 'service idle RSS', hot: `${svc[HOT_DAYS]!.rssMb.toFixed(0)} MB`, all: `${svc[0]!.rssMb.toFixed(0)} MB`, ratio: ratio(svc[HOT_DAYS]!.rssMb, svc[0]!.rssMb), goal: '<= 300 MB' },
      { what: 'service idle RSS at 10 s', hot: `${svc[HOT_DAYS]!.rss10Mb!.toFixed(0)} MB`, all: `${svc[0]!.rss10Mb!.toFixed(0)} MB`, ratio: ratio(svc[HOT_DAYS]!.rss10Mb!, svc[0]!.rss10Mb!), goal: '<= 300 MB' },
      { what: 'one-off CLI search, compiled as shipped (median of 3)', hot: ms(pct(cliBuilt[HOT_DAYS]!, 50)), all: ms(pct(cliBuilt[0]!, 50)), ratio: ratio(pct(cliBuilt[HOT_DAYS]!, 50), pct(cliBuilt[0]!, 50)), goal: '<= 1000 ms' },
      { what: 'one-off CLI search under tsx (median of 3)', hot: ms(pct(cli[HOT_DAYS]!, 50)), all: ms(pct(cli[0]!, 50)), ratio: ratio(pct(cli[HOT_DAYS]!, 50), pct(cli[0]!, 50)), goal: '' },
      { what: 'search p50', hot: ms(h.p50), all: ms(a.p50), ratio: ratio(h.p50, a.p50), goal: `FTS5 ${ms(pct(ftsLat, 50))}` },
      { what: 'search p99', hot: ms(h.p99), all: ms(a.p99), ratio: ratio(h.p99, a.p99), goal: `< 20 ms; FTS5 ${ms(pct(ftsLat, 99))}` },
      { what: 'cold start (snapshot)', hot: ms(h.cold), all: ms(a.cold), ratio: ratio(h.cold, a.cold), goal: `<= 500 ms; FTS5 ${ms(ftsCold)}` },
      { what: 'index build', hot: ms(h.build), all: ms(a.build), ratio: ratio(h.build, a.build), goal: `FTS5 ${ms(ftsBuild)}` },
      { what: 'index heap', hot: `${h.heap.toFixed(0)} MB`, all: `${a.heap.toFixed(0)} MB`, ratio: ratio(h.heap, a.heap), goal: '' },
    );
    console.log(`\nsummary at ${N.toLocaleString()} papers (SQLite file store), load average ${load()}:`);
    console.log(`| what | hot window | all in MiniSearch | hot/all | goal, FTS5 alone |\n|---|---|---|---|---|`);
    for (const r of rows) console.log(`| ${r.what} | ${r.hot} | ${r.all} | ${r.ratio} | ${r.goal} |`);
  } finally {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
    for (const c of cleanups) rmSync(c, { recursive: true, force: true });
  }
}

/** Service memory against archive size (see the usage note at the top). */
async function scale(sizes: number[]): Promise<void> {
  const PER_YEAR = 100_000;
  console.log(`search bench, archive growth: ${sizes.map((n) => n.toLocaleString()).join(', ')} papers at ${PER_YEAR.toLocaleString()} a year, hot window ${HOT_DAYS} days (node ${process.version}, ${cpus().length} cores, load average ${load()})`);
  const rows: string[] = [];
  let base: { rebuild: ServiceFigures; snapshot: ServiceFigures } | null = null;
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-search-scale-'));
    try {
      const url = `file:${join(dir, 'paperboy.db')}`;
      const days = Math.round((n / PER_YEAR) * 365);
      let t0 = performance.now();
      const stores = await openStores(url, { migrate: true });
      const seen = new Date(Date.now() - 2 * DAY);
      let batch: PaperInput[] = [];
      for (const p of syntheticPaperStream({ count: n, start: new Date(Date.now() - days * DAY), days })) {
        batch.push(asStored(p));
        if (batch.length === 5_000) {
          await stores.papers.upsertMany(batch, seen);
          batch = [];
        }
      }
      if (batch.length) await stores.papers.upsertMany(batch, seen);
      const run = await stores.ingestRuns.start('hf', 'bench', new Date());
      await stores.ingestRuns.finish({ ...run, status: 'succeeded', finishedAt: new Date() });
      await stores.close();
      console.log(`\n${n.toLocaleString()} papers over ${days} days stored in ${ms(performance.now() - t0)}`);
      const dataDir = join(dir, 'data');
      mkdirSync(dataDir);
      t0 = performance.now();
      const rebuild = runService(url, dataDir, HOT_DAYS);
      const snapshot = runService(url, dataDir, HOT_DAYS);
      console.log(`  first start (${rebuild.source}): index of ${rebuild.papers} papers in ${ms(rebuild.openMs)}, peak RSS ${rebuild.peakMb!.toFixed(0)} MB, idle ${rebuild.rss10Mb!.toFixed(0)} MB; load ${load()}`);
      console.log(`  from its snapshot (${snapshot.source}): opened in ${ms(snapshot.openMs)}, idle RSS ${snapshot.rssMb.toFixed(0)} MB at 3 s, ${snapshot.rss10Mb!.toFixed(0)} MB at 10 s, peak ${snapshot.peakMb!.toFixed(0)} MB, main heap ${snapshot.heapMb.toFixed(0)} MB; load ${load()}`);
      base ??= { rebuild, snapshot };
      const x = (a: number, b: number) => `x${(a / b).toFixed(2)}`;
      rows.push(
        `| ${n.toLocaleString()} | ${snapshot.papers} | ${snapshot.rss10Mb!.toFixed(0)} MB (${x(snapshot.rss10Mb!, base.snapshot.rss10Mb!)}) | ${snapshot.peakMb!.toFixed(0)} MB | ${(rebuild.openMs / 1000).toFixed(1)} s (${x(rebuild.openMs, base.rebuild.openMs)}) | ${rebuild.peakMb!.toFixed(0)} MB (${x(rebuild.peakMb!, base.rebuild.peakMb!)}) |`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nsummary (SQLite file store; ratios against ${sizes[0]!.toLocaleString()} papers), load average ${load()}:`);
  console.log('| papers | in the hot window | idle RSS from snapshot (goal <= ~400 MB) | peak from snapshot | first start: index build | first start: peak RSS |\n|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

if (args[0] === '--service') {
  serviceChild(args[1]!, args[2]!, args[3]!).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else if (arg('scale')) {
  scale(arg('scale')!.split(',').map(Number)).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}

/**
 * `npm run bench:search-cap`: a hot window full of papers (a backfill of recent papers, a month of
 * a whole arXiv archive, a file of undated papers dated when stored): every synthetic paper is
 * dated in the last 30 days. A one-off `paperboy search` (CLI child: first the one that builds the
 * index, then one from its snapshot), wall time and peak RSS, with PAPERBOY_SEARCH_HOT_MAX_PAPERS
 * at its default against 0 (no cap: the window alone, the baseline), on one SQLite database.
 * Peak RSS comes from the child's own resource usage (reported at exit by a preload).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import type { Paper, PaperInput } from '../src/core/papers/paper.js';
import { openStores } from '../src/store/index.js';
import { syntheticPaperStream } from './lib/synthetic-papers.js';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : undefined);
const N = Number(arg('papers') ?? 100_000);
const CAP = Number(arg('cap') ?? loadConfig({}).PAPERBOY_SEARCH_HOT_MAX_PAPERS);
const QUERY = 'speech codec';
const DAY = 86_400_000;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const asStored = (p: Paper): PaperInput => ({ arxivId: p.arxivId, source: 'file', title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, publishedAt: p.publishedAt, aiKeywords: p.aiKeywords });

interface Run {
  ms: number;
  rssMb: number;
  ids: string[];
}

function search(url: string, dataDir: string, cap: number, preload: string, heapMb?: number): Run | { failed: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', preload, '--import', 'tsx', 'src/cli.ts', 'search', QUERY, '--json', '--limit', '10'], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url, PAPERBOY_DATA_DIR: dataDir, PAPERBOY_SEARCH_HOT_MAX_PAPERS: String(cap), LOG_LEVEL: 'silent', ...(heapMb ? { NODE_OPTIONS: `--max-old-space-size=${heapMb}` } : {}) },
    timeout: 600_000,
  });
  const ms = performance.now() - t0;
  const rss = /PEAK_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0) return { failed: /heap out of memory/i.test(r.stderr ?? '') ? 'heap out of memory' : `exit ${r.status}: ${(r.stderr ?? '').slice(-300)}` };
  const ids = (JSON.parse(r.stdout) as Array<{ arxivId: string }>).map((x) => x.arxivId);
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : NaN, ids };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-search-cap-'));
  try {
    console.log(`search window cap bench: ${N.toLocaleString()} synthetic papers all in the 30-day window, cap ${CAP.toLocaleString()} vs none (load ${load()})`);
    const preload = join(dir, 'peak-rss.mjs');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write(`PEAK_RSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");
    const url = `file:${join(dir, 'paperboy.db')}`;
    const stores = await openStores(url, { migrate: true });
    const t0 = performance.now();
    let batch: PaperInput[] = [];
    // 28 days ending two days ago: inside the window, and no start-up digest window to fill.
    for (const p of syntheticPaperStream({ count: N, start: new Date(Date.now() - 30 * DAY), days: 28 })) {
      batch.push(asStored(p));
      if (batch.length === 5_000) {
        await stores.papers.upsertMany(batch, new Date(Date.now() - 2 * DAY));
        batch = [];
      }
    }
    if (batch.length) await stores.papers.upsertMany(batch, new Date(Date.now() - 2 * DAY));
    await stores.close();
    console.log(`stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const rows: Array<[string, string, string, string]> = [];
    const fmt = (r: Run | { failed: string }) => ('failed' in r ? r.failed : `${(r.ms / 1000).toFixed(2)} s, ${r.rssMb.toFixed(0)} MB`);
    const ratio = (a: Run | { failed: string }, b: Run | { failed: string }) => ('failed' in a || 'failed' in b ? '' : `${(a.ms / b.ms).toFixed(2)}× time, ${(a.rssMb / b.rssMb).toFixed(2)}× RSS`);
    const runs: Record<string, Array<Run | { failed: string }>> = {};
    for (const cap of [0, CAP]) {
      const dataDir = join(dir, `data-${cap}`);
      runs[cap] = [search(url, dataDir, cap, preload), search(url, dataDir, cap, preload)];
      console.log(`cap ${cap || 'none'}: first search ${fmt(runs[cap]![0]!)}; next ${fmt(runs[cap]![1]!)} (load ${load()})`);
    }
    rows.push(['first search (builds the index)', fmt(runs[0]![0]!), fmt(runs[CAP]![0]!), ratio(runs[CAP]![0]!, runs[0]![0]!)]);
    rows.push(['next search (from the snapshot)', fmt(runs[0]![1]!), fmt(runs[CAP]![1]!), ratio(runs[CAP]![1]!, runs[0]![1]!)]);
    // About Node's default heap on a 1 GB machine; new data dirs, so the index is built again.
    const small = [0, CAP].map((cap) => search(url, join(dir, `small-${cap}`), cap, preload, 256));
    rows.push(['first search, 256 MB heap', fmt(small[0]!), fmt(small[1]!), ratio(small[1]!, small[0]!)]);
    const a = runs[0]![1]!;
    const b = runs[CAP]![1]!;
    const overlap = 'ids' in a && 'ids' in b ? a.ids.filter((id) => b.ids.includes(id)).length : 0;
    console.log(`\n| what | no cap | cap ${CAP.toLocaleString()} | capped / none |\n|---|---|---|---|`);
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
    console.log(`\nthe same 10 results in both: ${overlap} of 10 (the capped window ranks its newest papers first, then the database's)`);
  } finally {
    if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(dir);
  }
}

await main();

/**
 * `npm run bench`: every benchmark in turn, each in its own process (so one's memory never
 * colours another's peak RSS), at the sizes the issues ask for; `--quick` runs small sizes for a
 * smoke check. Each benchmark prints its own figures and ratios against a baseline measured in
 * the same run. Needs PostgreSQL and Redis for bench:scale (skipped with a note when absent).
 */
import { spawnSync } from 'node:child_process';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');

const BENCHES: Array<{ name: string; full: string[]; quick: string[]; file?: string }> = [
  { name: 'ingest', full: [], quick: ['--papers', '5000'] },
  { name: 'ingest', full: ['--sizes', '10000,50000,100000'], quick: ['--sizes', '2000,10000'] },
  { name: 'match', full: [], quick: [] },
  { name: 'search', full: [], quick: ['--papers', '10000'] },
  // Relevance on the labelled real papers (seconds; skipped with a note when the set is absent).
  { name: 'search-quality', file: 'search-quality.ts', full: [], quick: [] },
  // Service memory as the archive grows to 1,000,000 papers (issue 14): about 10 minutes.
  { name: 'search', full: ['--scale', '100000,1000000'], quick: ['--scale', '10000,50000'] },
  // A window full of recent papers, with and without PAPERBOY_SEARCH_HOT_MAX_PAPERS: about 3 minutes.
  { name: 'search-window-cap', full: [], quick: ['--papers', '10000', '--cap', '2000'] },
  // A backfill's digest window read page by page, against the window's start kept on every page.
  { name: 'window-pages', full: [], quick: ['--papers', '10000'] },
  { name: 'digest', full: [], quick: ['--scale', '0.05'] },
  { name: 'commands', full: [], quick: ['--papers', '10000', '--concurrency', '50'] },
  { name: 'scale', full: ['--targets', '2000'], quick: ['--targets', '200'] },
  { name: 'catch-up', full: ['--papers', '100000'], quick: ['--papers', '5000'] },
  // The same backfill's digest by the CLI, at the default heap and at 256 MB (a 1 GB VM's): about 4 minutes.
  { name: 'catch-up', full: ['--cli', '--papers', '100000', '--long-words', '1'], quick: ['--cli', '--papers', '5000', '--long-words', '1'] },
  { name: 'cli-startup', full: [], quick: ['--runs', '3', '--no-build'] },
];

const results: Array<{ name: string; status: number | null; seconds: number }> = [];
for (const bench of BENCHES) {
  if (only && !only.includes(bench.name)) continue;
  const args = quick ? bench.quick : bench.full;
  process.stdout.write(`\n===== bench:${bench.name} ${args.join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync('npx', ['tsx', `bench/${bench.file ?? `${bench.name}.bench.ts`}`, ...args], { stdio: 'inherit' });
  results.push({ name: bench.name, status: r.status, seconds: (Date.now() - started) / 1000 });
}

process.stdout.write('\n===== summary\n');
for (const r of results) process.stdout.write(`bench:${r.name.padEnd(14)} ${r.status === 0 ? 'ok    ' : `FAILED (${r.status})`} ${r.seconds.toFixed(0)} s\n`);
process.exitCode = results.some((r) => r.status !== 0) ? 1 : 0;

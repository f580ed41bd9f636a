/**
 * `npm run bench:catch-up`: the start-up digest catch-up after a backfill. N papers first seen in
 * the due console digest's window, a real SQLite (or, with `--postgresql`, PostgreSQL) store, the real service;
 * a separate process polls /healthz every 20 ms the whole time (a poller on the service's own
 * event loop could not send while that loop is blocked, and would hide the stall). Reports the
 * /healthz latency while the catch-up runs (p50/p99/max), how long the catch-up took and the
 * service's peak RSS, with the load average beside them, and as the baseline the same poller
 * against the same service for a few seconds once the catch-up is over. Beside the /healthz
 * figures, the service's own event-loop delay (monitorEventLoopDelay, 10 ms resolution): its
 * max is the longest the loop was held by one stretch of synchronous work. Compare commits by
 * running it on each.
 *
 * With `--cli`, the same backfill through `paperboy digest --target console --dry-run` (one CLI
 * process, as a person runs it on a small VM): wall time and peak RSS at Node's default heap and
 * at `--max-old-space-size=256` (a heap near the live set makes the collector thrash: the time
 * ratio shows what is retained), beside an idle `paperboy papers list --limit 1` on the same
 * database (what the CLI costs before any digest work: the RSS ratio).
 *
 *   npm run bench:catch-up -- --papers 100000 [--postgresql] [--cli [--long-words 5]]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { startService } from '../src/service.js';
import { openStores } from '../src/store/index.js';
import { withPostgres, withSqlite } from '../test/helpers/db.js';
import { syntheticPapers } from './lib/synthetic-papers.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const PAPERS = Number(arg('papers', '100000'));
const PROVIDER = process.argv.includes('--postgresql') ? 'postgresql' : 'sqlite';
/** `--long-words N`: N long words in each abstract, mostly distinct (real abstracts have them; the synthetic vocabulary none). */
const LONG_WORDS = Number(arg('long-words', '0'));
const HOUR = 3_600_000;
/** How long /healthz is polled on the idle service after the catch-up: the baseline. */
const IDLE_MS = 5_000;

/** The poller: a child process, so its requests go out on time even while the service's loop is busy. */
const POLLER = `
let url = null;
const lat = [];
let stop = false;
let mark = -1;
let inFlight = false;
process.stdin.setEncoding('utf8').on('data', (d) => {
  const u = /url (\\S+)/.exec(d);
  if (u) url = u[1];
  // A request in flight now was sent during the catch-up: it counts there, not in the idle baseline.
  if (d.includes('mark') && mark < 0) mark = lat.length + (inFlight ? 1 : 0);
  if (d.includes('stop')) stop = true;
});
(async () => {
  // fetch loads its HTTP client on first use: done here, so the first answer measures the service.
  await fetch('http://127.0.0.1:9/').catch(() => undefined);
  while (!url && !stop) await new Promise((r) => setTimeout(r, 5));
  while (!stop) {
    const t0 = performance.now();
    inFlight = true;
    try { await (await fetch(url)).arrayBuffer(); lat.push(performance.now() - t0); } catch { lat.push(-1); }
    inFlight = false;
    await new Promise((r) => setTimeout(r, 20));
  }
  process.stdout.write(JSON.stringify({ lat, mark }));
  process.exit(0);
})();
`;

/** p50 / p99 / max of an event-loop delay histogram, in ms. */
const loopDelay = (h: IntervalHistogram) => `p50 ${(h.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms, max ${(h.max / 1e6).toFixed(1)} ms`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

/** A backfill three hours ago, and a successful ingest since (so the start-up runs no ingest). */
async function seed(url: string): Promise<void> {
  const seeded = performance.now();
  const stores = await openStores(url, { migrate: true });
  const papers = syntheticPapers({ count: PAPERS, seed: 5, longWords: LONG_WORDS });
  const firstSeen = new Date(Date.now() - 3 * HOUR);
  for (let i = 0; i < papers.length; i += 5_000) {
    await stores.papers.upsertMany(
      papers.slice(i, i + 5_000).map((p) => ({ arxivId: p.arxivId, source: 'file' as const, title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, publishedAt: p.publishedAt })),
      firstSeen,
    );
  }
  const run = await stores.ingestRuns.start('hf', 'bench', new Date());
  await stores.ingestRuns.finish({ ...run, status: 'succeeded', finishedAt: new Date() });
  await stores.close();
  process.stdout.write(`seeded ${PAPERS} synthetic papers in ${((performance.now() - seeded) / 1000).toFixed(1)} s\n`);
}

/** One CLI child: wall time, peak RSS (reported by the child itself at exit) and exit status. */
function cliRun(url: string, dataDir: string, preload: string, argv: string[], heapMb?: number): { s: number; rssMb: number; status: number | null; stdout: string; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), '--import', preload, '--import', 'tsx', 'src/cli.ts', ...argv], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url, PAPERBOY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const s = (performance.now() - t0) / 1000;
  const rss = /PEAK_RSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { s, rssMb: rss ? Number(rss[1]) / 1024 : NaN, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** `--cli`: the digest of the backfilled window by the CLI, against an idle CLI command and a small heap. */
async function cliMain(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-catchup-cli-'));
  const db = await (PROVIDER === 'sqlite' ? withSqlite() : withPostgres());
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--seed', db.url, '--papers', String(PAPERS), '--long-words', String(LONG_WORDS)], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('seeding failed');
    const preload = join(dir, 'peak-rss.mjs');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write(`PEAK_RSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");
    const dataDir = join(dir, 'data');
    const digest = ['digest', '--target', 'console', '--dry-run'];
    const idle = cliRun(db.url, dataDir, preload, ['papers', 'list', '--limit', '1']);
    if (idle.status !== 0) throw new Error(`papers list failed: ${idle.stderr.slice(-500)}`);
    const runs = [undefined, 256].map((heapMb) => {
      const run = cliRun(db.url, dataDir, preload, digest, heapMb);
      const heap = heapMb ? `--max-old-space-size=${heapMb}` : 'default heap';
      // A heap too small for what the digest keeps is a figure too (what a small VM gets), not an error.
      if (run.status !== 0) {
        const why = /heap out of memory/i.test(run.stderr) ? 'heap out of memory' : `exit ${run.status}: ${run.stderr.slice(-300)}`;
        process.stdout.write(`digest --target console --dry-run, ${heap}: FAILED after ${run.s.toFixed(1)} s (${why})\n`);
        return { ...run, s: NaN, rssMb: NaN };
      }
      const papers = /console rendered, not sent \(dry run\): ([\d,]+) paper/.exec(run.stderr)?.[1] ?? '?';
      process.stdout.write(`digest --target console --dry-run, ${heap}: ${run.s.toFixed(1)} s, peak RSS ${run.rssMb.toFixed(0)} MB (${papers} papers in the digest; load ${loadavg()[0]!.toFixed(2)})\n`);
      return run;
    });
    const [big, small] = runs as [ReturnType<typeof cliRun>, ReturnType<typeof cliRun>];
    process.stdout.write(
      [
        ...(LONG_WORDS ? [`(each abstract with ${LONG_WORDS} long, mostly distinct words)`] : []),
        `papers list --limit 1 (idle CLI, baseline): ${idle.s.toFixed(1)} s, peak RSS ${idle.rssMb.toFixed(0)} MB`,
        `digest over ${PAPERS} new papers (${PROVIDER === 'sqlite' ? 'SQLite' : 'PostgreSQL'}): peak RSS ${(big.rssMb / idle.rssMb).toFixed(2)}× the idle CLI's (+${(big.rssMb - idle.rssMb).toFixed(0)} MB); ` +
          `256 MB heap / default heap: ${(small.s / big.s).toFixed(2)}× time, ${(small.rssMb / big.rssMb).toFixed(2)}× RSS`,
        '',
      ].join('\n'),
    );
    // The window ends when each run starts: its line differs, the papers and reasons must not.
    const body = (out: string) => out.split('\n').filter((l) => !l.includes(' UTC'));
    if (big.status === 0 && small.status === 0 && body(big.stdout).join('\n') !== body(small.stdout).join('\n')) process.stdout.write('WARNING: the two digests printed different papers\n');
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-catchup-'));
  const db = await (PROVIDER === 'sqlite' ? withSqlite() : withPostgres());
  const { url } = db;
  const load0 = loadavg()[0]!;
  try {
    // Seeded by a child process, so the papers generated for the seed do not count in this
    // process's peak RSS.
    const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--seed', url, '--papers', String(PAPERS)], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('seeding failed');

    const due = new Date(Date.now() - HOUR);
    const config = loadConfig({
      DATABASE_URL: url,
      PAPERBOY_DATA_DIR: dir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      PAPERBOY_DIGEST_DEFAULT_TIME: `${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`,
    });
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString('utf8')));
    // The poller is started first: spawning it is this process's own work, not the service's.
    const poller = spawn(process.execPath, ['-e', POLLER], { stdio: ['pipe', 'pipe', 'inherit'] });
    let polled = '';
    poller.stdout.on('data', (c: Buffer) => (polled += c.toString('utf8')));
    const t0 = performance.now();
    const startLoop = monitorEventLoopDelay({ resolution: 10 });
    startLoop.enable();
    const service = await startService(config, silentLogger(), { stdout: out });
    startLoop.disable();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    poller.stdin.write(`url http://127.0.0.1:${service.chat.http!.port}/healthz\n`);
    for (;;) {
      const target = await service.stores.targets.get('console');
      if (target?.lastDigestAt) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const catchUpS = (performance.now() - t0) / 1000;
    const loadDuring = loadavg()[0]!;
    loop.disable();
    const loopDuring = loopDelay(loop);
    loop.reset();
    loop.enable();
    // Baseline from the same run: the same service and poller once the catch-up is over.
    poller.stdin.write('mark\n');
    await new Promise((r) => setTimeout(r, IDLE_MS));
    poller.stdin.end('stop\n');
    await new Promise((r) => poller.once('exit', r));
    loop.disable();
    const polledAll = JSON.parse(polled) as { lat: number[]; mark: number };
    const lat = polledAll.lat.slice(0, polledAll.mark);
    const ok = lat.filter((x) => x >= 0);
    const idle = polledAll.lat.slice(polledAll.mark).filter((x) => x >= 0);
    const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    await service.stop('bench');
    const digestLines = printed.split('\n').filter((l) => l.trim()).length;
    process.stdout.write(
      [
        `catch-up over ${PAPERS} new papers (${PROVIDER === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, console digest, starter topics): ${catchUpS.toFixed(1)} s to the delivered digest (${digestLines} lines printed)`,
        `/healthz during it: ${ok.length} answers, ${lat.length - ok.length} failed; p50 ${pct(ok, 50).toFixed(1)} ms, p99 ${pct(ok, 99).toFixed(1)} ms, max ${Math.max(...ok).toFixed(1)} ms`,
        `/healthz after it (baseline, same service idle for ${IDLE_MS / 1000} s): ${idle.length} answers; p50 ${pct(idle, 50).toFixed(1)} ms, p99 ${pct(idle, 99).toFixed(1)} ms, max ${Math.max(...idle).toFixed(1)} ms; ` +
          `during / idle: p50 ${(pct(ok, 50) / pct(idle, 50)).toFixed(1)}×, p99 ${(pct(ok, 99) / pct(idle, 99)).toFixed(1)}×`,
        `service event-loop delay during startService: max ${(startLoop.max / 1e6).toFixed(1)} ms; during the catch-up after it: ${loopDuring}; idle after it: ${loopDelay(loop)}`,
        `peak RSS ${rssMb} MB; load average ${load0.toFixed(2)} before, ${loadDuring.toFixed(2)} at the end of the catch-up, ${loadavg()[0]!.toFixed(2)} after`,
        '',
      ].join('\n'),
    );
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const seedUrl = process.argv.indexOf('--seed') > 0 ? process.argv[process.argv.indexOf('--seed') + 1]! : null;
(seedUrl ? seed(seedUrl) : process.argv.includes('--cli') ? cliMain() : main()).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

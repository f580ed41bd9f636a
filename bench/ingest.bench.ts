/**
 * Ingest throughput of the path `paperboy ingest` takes (jobs/ingest.ts runIngest with the real
 * sources: a local JSONL file, and a local Hugging Face daily-papers server over HTTP, which
 * the parent process serves) against a raw-driver baseline on the same driver (the same papers
 * already in memory; SQLite: one prepared `INSERT … ON CONFLICT` executed per row inside one
 * transaction per batch of 500, PostgreSQL: one multi-row `INSERT … ON CONFLICT` per batch), then an unchanged re-ingest of the same papers (skipped unit by
 * unit on identical raw input), then the same re-ingest with `force` (every paper mapped and
 * checked against its stored input hash: the path a re-run takes when anything changed meanwhile).
 * `store` is PaperStore.upsertMany alone on the in-memory papers (the store's share of the work).
 * Each variant runs in its own child process, so peak RSS is its own.
 *
 * Usage: npm run bench:ingest [-- --papers 50000] [--batch 500] [--pg]   (--pg adds PostgreSQL,
 * on PAPERBOY_TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/test; --only store,file,hf picks
 * the project variants). `--sizes 10000,50000,100000` measures peak RSS of a file ingest at each
 * size instead, streamed against the whole-file baseline (bench/ingest-memory.ts). BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/x" is passed to each child.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Paper, PaperInput } from '../src/core/papers/paper.js';
import { paperFromInput } from '../src/core/papers/merge.js';
import { migrate, openStores } from '../src/store/index.js';
import { createSource } from '../src/sources/index.js';
import { silentLogger } from '../src/log.js';
import { withPostgres, withSqlite } from '../test/helpers/db.js';
import { batchInputs, DEFAULT_BATCH_SIZE, describeSummary, runIngest, type IngestSummary } from '../jobs/ingest.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
const PAPERS = Number(arg('papers', '50000'));
const BATCH = Number(arg('batch', '500'));

/** Papers per day on the fake Hugging Face server (10 pages of 100 each). */
const PER_DAY = 1000;
const FIRST_DAY = Date.UTC(2025, 0, 1);
const dayOf = (k: number) => new Date(FIRST_DAY + k * 86_400_000).toISOString().slice(0, 10);

type Variant = 'raw' | 'store' | 'file' | 'hf';
interface Result {
  variant: Variant;
  provider: 'sqlite' | 'postgresql';
  firstSeconds: number;
  reSeconds: number;
  /** Unchanged re-ingest with `force`: file and hf only. */
  forcedSeconds: number | null;
  /** This process's CPU time (user+system) per phase: steadier than wall time on a busy machine. */
  firstCpu: number;
  reCpu: number;
  rows: number;
  peakRssMb: number;
}

/** Deterministic synthetic papers shaped like Hugging Face / arXiv records. */
function synthetic(n: number): PaperInput[] {
  const words = 'speech audio codec diffusion transformer token language model retrieval alignment benchmark robust efficient neural'.split(' ');
  const text = (i: number, len: number) => Array.from({ length: len }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ');
  return Array.from({ length: n }, (_, i) => ({
    arxivId: `25${String(10 + (i % 12)).padStart(2, '0')}.${String(i).padStart(5, '0')}`,
    source: 'hf' as const,
    version: 1 + (i % 3),
    title: `${text(i, 10)} ${i}`,
    abstract: text(i + 1, 180),
    authors: Array.from({ length: 1 + (i % 8) }, (_, k) => `Author ${k} ${i % 997}`),
    publishedAt: new Date(Date.UTC(2025, i % 12, 1 + (i % 28))),
    announcedAt: new Date(FIRST_DAY + Math.floor(i / PER_DAY) * 86_400_000),
    upvotes: i % 50,
    commentCount: i % 7,
    aiSummary: text(i + 2, 30),
    aiKeywords: [words[i % words.length]!, words[(i + 5) % words.length]!],
  }));
}

/** The same paper as a Hugging Face daily-papers item (the shape both the file and the server carry). */
function hfItem(p: PaperInput): unknown {
  return {
    paper: {
      id: `${p.arxivId}v${p.version}`,
      title: p.title,
      summary: p.abstract,
      authors: p.authors!.map((name) => ({ name, hidden: false })),
      publishedAt: p.publishedAt!.toISOString(),
      submittedOnDailyAt: p.announcedAt!.toISOString(),
      upvotes: p.upvotes,
      ai_summary: p.aiSummary,
      ai_keywords: p.aiKeywords,
    },
    numComments: p.commentCount,
    title: p.title,
  };
}

const COLUMNS = [
  'arxivId', 'version', 'title', 'abstract', 'authors', 'publishedAt', 'announcedAt', 'absUrl', 'pdfUrl', 'categories', 'upvotes',
  'commentCount', 'githubRepo', 'projectPage', 'aiSummary', 'aiKeywords', 'sources', 'summary', 'summarySource', 'firstSeenAt', 'updatedAt',
];
const row = (p: Paper, date: (d: Date | null) => unknown): unknown[] => [
  p.arxivId, p.version, p.title, p.abstract, JSON.stringify(p.authors), date(p.publishedAt), date(p.announcedAt), p.absUrl, p.pdfUrl,
  JSON.stringify(p.categories), p.upvotes, p.commentCount, p.githubRepo, p.projectPage, p.aiSummary, JSON.stringify(p.aiKeywords),
  JSON.stringify(p.sources), p.summary, p.summarySource, date(p.firstSeenAt), date(p.updatedAt),
];
const upsertSql = (param: (i: number) => string) =>
  `INSERT INTO "Paper" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map((_, i) => param(i + 1)).join(', ')}) ON CONFLICT ("arxivId") DO UPDATE SET ${COLUMNS.filter((c) => c !== 'arxivId' && c !== 'firstSeenAt')
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(', ')}`;

const batches = <T>(list: T[]): T[][] => Array.from({ length: Math.ceil(list.length / BATCH) }, (_, i) => list.slice(i * BATCH, (i + 1) * BATCH));

const cpuLog: number[] = [];

/** Wall seconds of fn; its CPU seconds are pushed to cpuLog. */
async function timed(fn: () => Promise<void>): Promise<number> {
  const t = process.hrtime.bigint();
  const c = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(c);
  cpuLog.push((used.user + used.system) / 1e6);
  return Number(process.hrtime.bigint() - t) / 1e9;
}

/** One `paperboy ingest` run as the CLI does it; an unchanged re-run must say so and write nothing. */
async function ingestOnce(variant: 'file' | 'hf', stores: Awaited<ReturnType<typeof openStores>>, env: { file: string; hfUrl: string }, expectWrites: boolean, force = false): Promise<IngestSummary> {
  const source = createSource(variant, {
    PAPERBOY_HF_API_URL: env.hfUrl,
    PAPERBOY_ARXIV_API_URL: 'http://127.0.0.1:9',
    PAPERBOY_ARXIV_RSS_URL: 'http://127.0.0.1:9',
    PAPERBOY_ARXIV_CATEGORIES: [],
    PAPERBOY_ARXIV_DELAY_MS: 0,
    PAPERBOY_HTTP_TIMEOUT_MS: 30_000,
    PAPERBOY_HTTP_RETRIES: 0,
    PAPERBOY_USER_AGENT: 'paperboy-bench',
  });
  const days = Math.ceil(PAPERS / PER_DAY);
  const summary = await runIngest({ stores, source, logger: silentLogger(), force }, { from: dayOf(0), to: dayOf(days - 1), filePaths: [env.file] });
  const written = summary.created + summary.updated;
  if (summary.status !== 'succeeded') throw new Error(`${variant} ingest ${summary.status}: ${summary.failures.map((f) => f.error).join('; ')}`);
  if (expectWrites ? written !== PAPERS : written !== 0 || !describeSummary(summary).includes('nothing changed')) {
    throw new Error(`${variant} ingest wrote ${written} papers: ${describeSummary(summary)}`);
  }
  const skipsAll = !expectWrites && !force;
  if ((summary.identical === summary.units) !== skipsAll) throw new Error(`${variant} ingest skipped ${summary.identical} of ${summary.units} units${force ? ' with force' : ''}`);
  return summary;
}

/** One variant, in this (child) process. */
async function child(variant: Variant, url: string, env: { file: string; hfUrl: string }): Promise<Result> {
  const provider = url.startsWith('file:') ? 'sqlite' : 'postgresql';
  const now = new Date('2026-11-28T00:00:00Z');
  let firstSeconds: number;
  let reSeconds: number;
  let forcedSeconds: number | null = null;
  let rows: number;
  if (variant === 'store') {
    // PaperStore.upsertMany alone on the in-memory papers, in runIngest's batches: the store's share.
    const inputs = synthetic(PAPERS);
    const stores = await openStores(url);
    const ingest = async (at: Date) => {
      let written = 0;
      for (const b of batchInputs(inputs, DEFAULT_BATCH_SIZE)) {
        const r = await stores.papers.upsertMany(b, at);
        written += r.created.length + r.updated.length;
      }
      return written;
    };
    firstSeconds = await timed(async () => void (await ingest(now)));
    let written = -1;
    reSeconds = await timed(async () => void (written = await ingest(new Date(now.getTime() + 1000))));
    if (written !== 0) throw new Error(`unchanged re-ingest wrote ${written} papers`);
    rows = await stores.papers.count();
    await stores.close();
  } else if (variant !== 'raw') {
    const stores = await openStores(url);
    firstSeconds = await timed(async () => void (await ingestOnce(variant, stores, env, true)));
    reSeconds = await timed(async () => void (await ingestOnce(variant, stores, env, false)));
    forcedSeconds = await timed(async () => void (await ingestOnce(variant, stores, env, false, true)));
    rows = await stores.papers.count();
    await stores.close();
  } else if (provider === 'sqlite') {
    const inputs = synthetic(PAPERS);
    await migrate(url);
    const db = new Database(url.slice('file:'.length), { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const iso = (d: Date | null) => (d ? d.toISOString().replace('Z', '+00:00') : null);
    const run = () => {
      for (const b of batches(inputs)) {
        const stmt = db.prepare(upsertSql(() => '?'));
        db.transaction(() => {
          for (const input of b) stmt.run(row(paperFromInput(input, now), iso));
        })();
      }
    };
    firstSeconds = await timed(async () => run());
    reSeconds = await timed(async () => run());
    rows = (db.prepare('SELECT count(*) AS n FROM "Paper"').get() as { n: number }).n;
    db.close();
  } else {
    const inputs = synthetic(PAPERS);
    await migrate(url);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    // One multi-row upsert per batch, as a PostgreSQL client would write it: a round trip per
    // row made the baseline slower than paperboy (0.77×), which is no baseline at all.
    const multiRowSql = (rows: number) => {
      const one = upsertSql((i) => `$${i}`);
      const values = Array.from({ length: rows }, (_, r) => `(${COLUMNS.map((_, i) => `$${r * COLUMNS.length + i + 1}`).join(', ')})`).join(', ');
      return one.replace(/VALUES \([^)]*\)/, `VALUES ${values}`);
    };
    const run = async () => {
      for (const b of batches(inputs)) {
        // One batch holds each id once (the synthetic ids are unique), as ON CONFLICT requires.
        await c.query({ text: multiRowSql(b.length), values: b.flatMap((input) => row(paperFromInput(input, now), (d) => d)) });
      }
    };
    firstSeconds = await timed(run);
    reSeconds = await timed(run);
    rows = Number((await c.query('SELECT count(*) AS n FROM "Paper"')).rows[0].n);
    await c.end();
  }
  const [firstCpu = 0, reCpu = 0] = cpuLog;
  return { variant, provider, firstSeconds, reSeconds, forcedSeconds, firstCpu, reCpu, rows, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

/**
 * The papers as a JSONL file and as a daily-papers server (`/api/daily_papers?date&limit&p`),
 * served from this process while the children ingest.
 */
async function serveSources(): Promise<{ file: string; hfUrl: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-src-'));
  const items = synthetic(PAPERS).map(hfItem);
  const file = join(dir, 'papers.jsonl');
  writeFileSync(file, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
  const byDay = new Map<string, unknown[]>();
  items.forEach((item, i) => {
    const day = dayOf(Math.floor(i / PER_DAY));
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  });
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const limit = Number(u.searchParams.get('limit') ?? 100);
    const page = Number(u.searchParams.get('p') ?? 0);
    const key = `${u.searchParams.get('date')}/${limit}/${page}`;
    let body = pages.get(key);
    if (body === undefined) {
      body = JSON.stringify((byDay.get(u.searchParams.get('date') ?? '') ?? []).slice(page * limit, (page + 1) * limit));
      pages.set(key, body);
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    file,
    hfUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Run one variant in a child process (asynchronously: this process serves the HF pages meanwhile). */
function runChild(argv: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', fileURLToPath(import.meta.url), ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${argv.join(' ')} failed (exit ${code})`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Result);
    });
  });
}

async function parent(): Promise<void> {
  const providers: Array<'sqlite' | 'postgresql'> = args.includes('--pg') ? ['sqlite', 'postgresql'] : ['sqlite'];
  const variants = (['raw', 'store', 'file', 'hf'] as const).filter((v) => v === 'raw' || !args.includes('--only') || arg('only', '').split(',').includes(v));
  const results: Result[] = [];
  const sources = await serveSources();
  try {
    for (const provider of providers) {
      for (const variant of variants) {
        const db = await (provider === 'sqlite' ? withSqlite() : withPostgres());
        try {
          results.push(await runChild([...args, '--child', variant, '--url', db.url, '--file', sources.file, '--hf', sources.hfUrl]));
        } finally {
          await db.drop();
        }
      }
    }
  } finally {
    await sources.close();
  }
  const rate = (s: number) => Math.round(PAPERS / s).toLocaleString('en-US');
  console.log(`\ningest: ${PAPERS.toLocaleString('en-US')} synthetic papers; file = JSONL file, hf = local daily-papers server, both through runIngest; store = upsertMany on in-memory papers; raw = in-memory papers, batches of ${BATCH}\n`);
  console.log('provider    path      first ingest (cpu)    papers/s   re-ingest (cpu)     papers/s   re-ingest speedup wall (cpu)   --force re-ingest   peak RSS    rows');
  for (const r of results) {
    console.log(
      [
        r.provider.padEnd(11),
        r.variant.padEnd(8),
        `${r.firstSeconds.toFixed(2).padStart(7)} s (${r.firstCpu.toFixed(2).padStart(5)})`,
        rate(r.firstSeconds).padStart(10),
        `${r.reSeconds.toFixed(2).padStart(7)} s (${r.reCpu.toFixed(2).padStart(5)})`,
        rate(r.reSeconds).padStart(10),
        `${(r.firstSeconds / r.reSeconds).toFixed(1).padStart(12)}× (${(r.firstCpu / r.reCpu).toFixed(1)}×)`.padEnd(27),
        (r.forcedSeconds === null ? '—' : `${r.forcedSeconds.toFixed(2)} s (${(r.firstSeconds / r.forcedSeconds).toFixed(1)}×)`).padStart(17),
        `${r.peakRssMb.toFixed(0).padStart(7)} MB`,
        String(r.rows).padStart(7),
      ].join(' '),
    );
  }
  console.log('');
  for (const provider of providers) {
    const raw = results.find((r) => r.provider === provider && r.variant === 'raw')!;
    for (const project of results.filter((r) => r.provider === provider && r.variant !== 'raw')) {
      console.log(
        `${provider} ${project.variant}: first ingest, project path / raw baseline = ${(project.firstSeconds / raw.firstSeconds).toFixed(2)}× wall (${(project.firstCpu / raw.firstCpu).toFixed(2)}× client CPU); ` +
          `unchanged re-ingest is ${(project.firstSeconds / project.reSeconds).toFixed(1)}× faster than first ingest` +
          (project.forcedSeconds === null ? '' : ` (${(project.firstSeconds / project.forcedSeconds).toFixed(1)}× with --force, paper by paper)`) +
          ` (raw baseline rewrites every row: ${(raw.firstSeconds / raw.reSeconds).toFixed(1)}×)`,
      );
    }
  }
  console.log('(CPU is the benchmark process only; the PostgreSQL server\'s work shows in wall time.)');
}

if (args.includes('--sizes')) {
  const { ingestMemoryBench } = await import('./ingest-memory.js');
  await ingestMemoryBench(arg('sizes', '').split(',').map(Number));
} else if (args.includes('--child')) {
  const r = await child(arg('child', 'file') as Variant, arg('url', ''), { file: arg('file', ''), hfUrl: arg('hf', '') });
  console.log(JSON.stringify(r));
} else {
  await parent();
}

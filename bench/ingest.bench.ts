/**
 * Ingest throughput: the project path (PaperStore.upsertMany in batches of 500) against a
 * raw-driver baseline on the same driver (one prepared `INSERT … ON CONFLICT` executed per row
 * inside one transaction per batch), then an unchanged re-ingest of the same papers.
 * Each variant runs in its own child process, so peak RSS is its own.
 *
 * Usage: npm run bench:ingest [-- --papers 50000] [--batch 500] [--pg]   (--pg adds PostgreSQL,
 * on PAPERBOY_TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/test)
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Paper, PaperInput } from '../src/core/papers/paper.js';
import { paperFromInput } from '../src/core/papers/merge.js';
import { migrate, openStores } from '../src/store/index.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
const PAPERS = Number(arg('papers', '50000'));
const BATCH = Number(arg('batch', '500'));
const PG_ADMIN = process.env.PAPERBOY_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

type Variant = 'project' | 'raw';
interface Result {
  variant: Variant;
  provider: 'sqlite' | 'postgresql';
  firstSeconds: number;
  reSeconds: number;
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
    categories: ['cs.CL', i % 2 ? 'cs.SD' : 'cs.LG'],
    upvotes: i % 50,
    aiKeywords: [words[i % words.length]!, words[(i + 5) % words.length]!],
  }));
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

/** One variant, in this (child) process. */
async function child(variant: Variant, url: string): Promise<Result> {
  const inputs = synthetic(PAPERS);
  const provider = url.startsWith('file:') ? 'sqlite' : 'postgresql';
  const now = new Date('2026-11-28T00:00:00Z');
  let firstSeconds: number;
  let reSeconds: number;
  let rows: number;
  if (variant === 'project') {
    const stores = await openStores(url);
    firstSeconds = await timed(async () => {
      for (const b of batches(inputs)) await stores.papers.upsertMany(b, now);
    });
    let written = 0;
    reSeconds = await timed(async () => {
      for (const b of batches(inputs)) {
        const r = await stores.papers.upsertMany(b, new Date(now.getTime() + 1000));
        written += r.created.length + r.updated.length;
      }
    });
    if (written !== 0) throw new Error(`unchanged re-ingest wrote ${written} papers`);
    rows = await stores.papers.count();
    await stores.close();
  } else if (provider === 'sqlite') {
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
    await migrate(url);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const text = upsertSql((i) => `$${i}`);
    const run = async () => {
      for (const [k, b] of batches(inputs).entries()) {
        await c.query('BEGIN');
        for (const input of b) await c.query({ name: `upsert_${k}`, text, values: row(paperFromInput(input, now), (d) => d) });
        await c.query('COMMIT');
      }
    };
    firstSeconds = await timed(run);
    reSeconds = await timed(run);
    rows = Number((await c.query('SELECT count(*) AS n FROM "Paper"')).rows[0].n);
    await c.end();
  }
  const [firstCpu = 0, reCpu = 0] = cpuLog.slice(-2);
  return { variant, provider, firstSeconds, reSeconds, firstCpu, reCpu, rows, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

async function freshDatabase(provider: 'sqlite' | 'postgresql'): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
    return { url: `file:${join(dir, 'bench.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `paperboy_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE DATABASE "${name}"`);
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function parent(): Promise<void> {
  const providers: Array<'sqlite' | 'postgresql'> = args.includes('--pg') ? ['sqlite', 'postgresql'] : ['sqlite'];
  const results: Result[] = [];
  for (const provider of providers) {
    for (const variant of ['raw', 'project'] as const) {
      const db = await freshDatabase(provider);
      try {
        const out = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args, '--child', variant, '--url', db.url], {
          encoding: 'utf8',
          maxBuffer: 16 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        if (out.status !== 0) throw new Error(`${provider}/${variant} failed (exit ${out.status})`);
        results.push(JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Result);
      } finally {
        await db.drop();
      }
    }
  }
  const rate = (s: number) => Math.round(PAPERS / s).toLocaleString('en-US');
  console.log(`\ningest: ${PAPERS.toLocaleString('en-US')} synthetic papers, batches of ${BATCH}\n`);
  console.log('provider    path      first ingest (cpu)    papers/s   re-ingest (cpu)     papers/s   re-ingest speedup wall (cpu)   peak RSS    rows');
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
        `${r.peakRssMb.toFixed(0).padStart(7)} MB`,
        String(r.rows).padStart(7),
      ].join(' '),
    );
  }
  console.log('');
  for (const provider of providers) {
    const raw = results.find((r) => r.provider === provider && r.variant === 'raw')!;
    const project = results.find((r) => r.provider === provider && r.variant === 'project')!;
    console.log(
      `${provider}: first ingest, project path / raw baseline = ${(project.firstSeconds / raw.firstSeconds).toFixed(2)}× wall (${(project.firstCpu / raw.firstCpu).toFixed(2)}× client CPU); ` +
        `unchanged re-ingest is ${(project.firstSeconds / project.reSeconds).toFixed(1)}× faster than first ingest (raw baseline rewrites every row: ${(raw.firstSeconds / raw.reSeconds).toFixed(1)}×)`,
    );
  }
  console.log('(CPU is the benchmark process only; the PostgreSQL server\'s work shows in wall time.)');
}

if (args.includes('--child')) {
  const r = await child(arg('child', 'project') as Variant, arg('url', ''));
  console.log(JSON.stringify(r));
} else {
  await parent();
}

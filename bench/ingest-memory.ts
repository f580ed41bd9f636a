/**
 * `npm run bench:ingest -- --sizes 10000,50000,100000`: peak RSS of `paperboy ingest <file.jsonl>`
 * (runIngest with the file source, which streams the file) against the whole-file reader it
 * replaced (read the file, decode it, map every record, then write: the baseline), at each size,
 * each run in its own child process on a fresh SQLite database. `idle` is a child that opens the
 * same stores and ingests nothing: the floor both share. Flat means the streamed peak does not
 * grow with the size while the baseline's does.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import type { PaperSource, SourceUnit } from '../src/core/ports.js';
import { runIngest } from '../jobs/ingest.js';
import { silentLogger } from '../src/log.js';
import { openStores } from '../src/store/index.js';
import { createFileSource, parseFileBody } from '../src/sources/file.js';
import { decodeBody } from '../src/net/charset.js';
import { rawDigest } from '../src/sources/raw-digest.js';
import { syntheticPapers } from './lib/synthetic-papers.js';

type Variant = 'idle' | 'stream' | 'whole';
interface Result {
  variant: Variant;
  papers: number;
  seconds: number;
  peakRssMb: number;
}

/** The file source as it was: the whole file in a Buffer, then its text, then every PaperInput, then the writes. */
function wholeFileSource(): PaperSource {
  const read = async (unit: SourceUnit) => {
    const path = unit.params.path!;
    const buf = await readFile(path);
    const digest = rawDigest([buf]);
    return { digest, parse: async () => ({ papers: parseFileBody(decodeBody(buf).text), digest, parts: 1 }) };
  };
  return {
    name: 'file',
    units: (r) => (r.filePaths ?? []).map((path) => ({ label: path, params: { path } })),
    fetchUnit: async (unit) => (await (await read(unit)).parse()).papers,
    fetchRaw: read,
  };
}

async function child(variant: Variant, url: string, file: string, papers: number): Promise<Result> {
  const stores = await openStores(url, { migrate: true });
  const t0 = performance.now();
  if (variant !== 'idle') {
    const source = variant === 'stream' ? createFileSource() : wholeFileSource();
    const s = await runIngest({ stores, source, logger: silentLogger() }, { from: 'x', to: 'x', filePaths: [file] });
    if (s.status !== 'succeeded' || s.created !== papers) throw new Error(`${variant}: ${s.status}, ${s.created} created of ${papers}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  await stores.close();
  return { variant, papers, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

async function writeJsonl(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  // Generated in slices, so the parent stays small too (its RSS is not measured, but the machine is shared).
  for (let i = 0; i < count; i += 10_000) {
    const slice = syntheticPapers({ count: Math.min(10_000, count - i), seed: 7 + i });
    for (const [k, p] of slice.entries()) {
      const n = i + k;
      // Unique arXiv-shaped ids up to 1.2 million papers: a month per 100,000.
      const id = `25${String(1 + Math.floor(n / 100_000)).padStart(2, '0')}.${String(n % 100_000).padStart(5, '0')}`;
      const line = JSON.stringify({ id, title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, publishedAt: p.publishedAt?.toISOString() });
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

function runChild(argv: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Result) : reject(new Error(`${argv.join(' ')} failed (exit ${code})`))));
  });
}

export async function ingestMemoryBench(sizes: number[]): Promise<void> {
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const rows: Array<{ size: number; fileMb: number; idle: Result; stream: Result; whole: Result }> = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-ingest-mem-'));
    try {
      const file = join(dir, 'papers.jsonl');
      await writeJsonl(file, size);
      const run = async (variant: Variant) => {
        const db = join(dir, `${variant}.db`);
        try {
          return await runChild(['--child', variant, '--url', `file:${db}`, '--file', file, '--papers', String(size)]);
        } finally {
          for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
        }
      };
      const idle = await run('idle');
      const stream = await run('stream');
      const whole = await run('whole');
      rows.push({ size, fileMb: statSync(file).size / 1024 / 1024, idle, stream, whole });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\ningest memory: a JSONL file of synthetic papers into a fresh SQLite database, peak RSS per child process (load average before: ${load}; after: ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  console.log('papers     file MB   idle peak   streamed peak   (time)     whole-file peak (baseline)   (time)    whole / streamed');
  for (const r of rows) {
    console.log(
      [
        r.size.toLocaleString('en-US').padEnd(9),
        r.fileMb.toFixed(0).padStart(8),
        `${r.idle.peakRssMb.toFixed(0).padStart(7)} MB`,
        `${r.stream.peakRssMb.toFixed(0).padStart(11)} MB`,
        `${r.stream.seconds.toFixed(1).padStart(7)} s`,
        `${r.whole.peakRssMb.toFixed(0).padStart(20)} MB`.padEnd(28),
        `${r.whole.seconds.toFixed(1).padStart(7)} s`,
        `${(r.whole.peakRssMb / r.stream.peakRssMb).toFixed(2).padStart(10)}×`,
      ].join(' '),
    );
  }
  if (rows.length > 1) {
    const [a, b] = [rows[0]!, rows.at(-1)!];
    console.log(`growth ${a.size.toLocaleString('en-US')} → ${b.size.toLocaleString('en-US')} papers: streamed +${(b.stream.peakRssMb - a.stream.peakRssMb).toFixed(0)} MB, whole-file +${(b.whole.peakRssMb - a.whole.peakRssMb).toFixed(0)} MB`);
  }
}

const args = process.argv.slice(2);
if (args.includes('--child')) {
  const arg = (name: string) => args[args.indexOf(`--${name}`) + 1]!;
  console.log(JSON.stringify(await child(arg('child') as Variant, arg('url'), arg('file'), Number(arg('papers')))));
}

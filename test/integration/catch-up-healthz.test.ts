/**
 * A start-up digest catch-up over a big window (after a backfill) does not hold the service's
 * event loop: the window is read and matched in the match worker's thread, and the service's
 * own loop only collects each page's hits, so /healthz answers while the catch-up is still
 * going. The proofs are counts and an order of events, not times: every page of the window was
 * matched off the main thread (none of the window's papers is matched on it), and /healthz,
 * asked once the first page is in, is answered before the last page is. (The latency itself
 * is a figure in `npm run bench:catch-up`.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startService } from '../../src/service.js';
import { testDatabaseProvider, withTestDatabase, type TestDatabase } from '../helpers/db.js';

const HOUR = 3_600_000;
/** Papers in the window: a dozen pages of candidates. */
const PAPERS = 1_200;

interface PageLine {
  msg: string;
  papers: number;
  offThread?: boolean;
}

/** A logger that reports each matched page of digest candidates as it is logged. */
function pageLogger(onPage: (line: PageLine) => void) {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as PageLine;
        if (entry.msg === 'digest candidates matched') onPage(entry);
      }
      cb();
    },
  });
  return pino({ level: 'debug' }, sink);
}

describe(`the start-up digest catch-up on ${testDatabaseProvider()}`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
    const stores = await db.openStores();
    try {
      // A backfill three hours ago (inside the console digest's window), then a good ingest, so
      // the start-up goes straight to the digest.
      const words = ['speculative decoding', 'neural audio codec', 'retrieval-augmented generation', 'graph neural network', 'soil moisture'];
      const inputs = Array.from({ length: PAPERS }, (_, i) => ({
        arxivId: `2611.${String(10_000 + i)}`,
        source: 'file' as const,
        title: `Paper ${i} on ${words[i % words.length]}`,
        abstract: `We study ${words[i % words.length]} and ${words[(i + 2) % words.length]} with a new method number ${i}.`,
      }));
      await stores.papers.upsertMany(inputs, new Date(Date.now() - 3 * HOUR));
      const run = await stores.ingestRuns.start('hf', 'test', new Date());
      await stores.ingestRuns.finish({ ...run, status: 'succeeded', finishedAt: new Date() });
    } finally {
      await stores.close();
    }
  });
  afterAll(() => db.drop());

  it('answers /healthz while the catch-up is still matching the window', async () => {
    let pages = 0;
    const lines: PageLine[] = [];
    let firstPage!: () => void;
    const first = new Promise<void>((resolve) => (firstPage = resolve));
    const logger = pageLogger((line) => {
      lines.push(line);
      if (++pages === 1) firstPage();
    });
    const due = new Date(Date.now() - HOUR);
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-catchup-'));
    const config = loadConfig({
      DATABASE_URL: db.url,
      PAPERBOY_DATA_DIR: dir,
      PORT: '0',
      PAPERBOY_HF_API_URL: 'http://127.0.0.1:9/api',
      PAPERBOY_DIGEST_DEFAULT_TIME: `${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`,
    });
    const out = new PassThrough();
    let printed = '';
    out.on('data', (c: Buffer) => (printed += c.toString('utf8')));
    const service = await startService(config, logger, { stdout: out });
    const delivered = async () => {
      for (let i = 0; i < 600 && !(await service.stores.targets.get('console'))?.lastDigestAt; i++) await new Promise((r) => setTimeout(r, 100));
    };
    try {
      // The first matched page, or (code that does not page) the whole catch-up done.
      await Promise.race([first, delivered()]);
      expect(pages).toBeGreaterThan(0);
      const res = await fetch(`http://127.0.0.1:${service.chat.http!.port}/healthz`);
      const pagesWhenAnswered = pages;
      expect(res.status).toBe(200);
      // The catch-up goes on and delivers the digest.
      await delivered();
      expect((await service.stores.targets.get('console'))?.lastDigestAt).toBeTruthy();
      expect(printed).toMatch(/Paper \d+ on /);
      expect(pagesWhenAnswered).toBeLessThan(pages);
      // Every paper of the window was read and matched in the worker: the main thread matched
      // none of them (it used to match them all, a page of 100 at a time between its requests).
      expect(lines.reduce((n, l) => n + l.papers, 0)).toBe(PAPERS);
      expect(lines.filter((l) => l.offThread !== true)).toEqual([]);
    } finally {
      await service.stop('test');
    }
  }, 120_000);
});

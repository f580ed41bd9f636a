/**
 * The match worker reads and matches a digest window on its own thread and gives the same pages
 * of hits as matching it here would: same papers, topics, scores, reasons, in the same order.
 * A feedback mark recorded on this thread (where chat records them) moves the worker's
 * matching too.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTopicServices } from '../../src/app/core-services.js';
import { createWorkerTopicMatcher } from '../../src/app/match-worker-client.js';
import { topicMatcherFrom } from '../../src/app/topic-matcher.js';
import { matchWindowPages } from '../../src/core/digest/window-papers.js';
import type { WindowPage } from '../../src/core/digest/topic-matcher.js';
import type { Stores } from '../../src/core/ports.js';
import { testDatabaseProvider, withTestDatabase, type TestDatabase } from '../helpers/db.js';

const HOUR = 3_600_000;
const PAPERS = 250;

async function collect(pages: AsyncIterable<WindowPage>): Promise<WindowPage[]> {
  const out: WindowPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

describe(`the match worker on ${testDatabaseProvider()}`, () => {
  let db: TestDatabase;
  let stores: Stores;
  const window = { since: new Date(Date.now() - 5 * HOUR), before: new Date(Date.now() - HOUR) };
  beforeAll(async () => {
    db = await withTestDatabase();
    stores = await db.openStores();
    const words = ['speculative decoding', 'neural audio codec', 'retrieval-augmented generation', 'graph neural network', 'soil moisture'];
    await stores.papers.upsertMany(
      Array.from({ length: PAPERS }, (_, i) => ({
        arxivId: `2611.${String(20_000 + i)}`,
        source: 'file' as const,
        title: `Paper ${i} on ${words[i % words.length]}`,
        abstract: `We study ${words[i % words.length]} and ${words[(i + 2) % words.length]} with a new method number ${i}.`,
        authors: [`Author ${i % 7}`],
      })),
      new Date(Date.now() - 3 * HOUR),
    );
    await createTopicServices({ stores }).topics.seed();
  });
  afterAll(async () => {
    await stores.close();
    await db.drop();
  });

  /** Every topic's slug, this thread's services, and a match worker on `url` (this test database unless given). */
  async function setUp(opts: { url?: string; idleMs?: number } = {}) {
    const slugs = (await stores.topics.list()).map((t) => t.slug);
    const here = createTopicServices({ stores });
    const config = loadConfig({ DATABASE_URL: opts.url ?? db.url, PAPERBOY_DATA_DIR: mkdtempSync(join(tmpdir(), 'paperboy-match-worker-')) });
    const worker = createWorkerTopicMatcher({ config, inProcess: topicMatcherFrom(here.matching, stores), feedbackRevision: () => here.feedback.revision(), ...(opts.idleMs === undefined ? {} : { idleMs: opts.idleMs }) });
    return { slugs, here, worker };
  }

  it('gives the pages of hits matching the window here gives, and follows marks recorded here', async () => {
    const { slugs, here, worker } = await setUp();
    try {
      const expected = await collect(matchWindowPages(stores.papers, topicMatcherFrom(here.matching, stores), window, slugs));
      const hits = expected.flatMap((p) => p.hits);
      expect(expected.map((p) => p.papers)).toEqual([100, 100, 50]);
      expect(hits.length).toBeGreaterThan(0);
      expect(await collect(worker.matchWindow(window, slugs))).toEqual(expected);

      // A mark against a matched paper, recorded on this thread: both sides re-learn that topic.
      const { match } = hits[0]!;
      const mark = await here.feedback.record({ topic: match.topicSlug, arxivId: match.arxivId, actor: 'U1', verdict: 'down' });
      expect(mark.status).toBe('recorded');
      const marked = await collect(matchWindowPages(stores.papers, topicMatcherFrom(here.matching, stores), window, slugs));
      expect(marked).not.toEqual(expected);
      expect(await collect(worker.matchWindow(window, slugs))).toEqual(marked);
      expect(worker.starts).toBe(1);
    } finally {
      await worker.close();
    }
  }, 60_000);

  it('a window whose worker goes away between two pages fails at once instead of waiting forever, and the next window starts a new worker', async () => {
    const { slugs, worker } = await setUp();
    try {
      const pages: WindowPage[] = [];
      const run = (async () => {
        for await (const page of worker.matchWindow(window, slugs)) {
          pages.push(page);
          // Shutdown (or a crash) while this thread handles the first page and the worker makes the next.
          if (pages.length === 1) await worker.close();
        }
      })();
      await expect(run).rejects.toThrow(/match worker stopped|rpc closed/);
      expect(pages).toHaveLength(1);
      expect(worker.running()).toBe(false);
      // Nothing is left open: the next window gets a worker of its own and every page.
      expect((await collect(worker.matchWindow(window, slugs))).map((p) => p.papers)).toEqual([100, 100, 50]);
      expect(worker.starts).toBe(2);
    } finally {
      await worker.close();
    }
  }, 60_000);

  it.skipIf(testDatabaseProvider() !== 'sqlite')('a database that cannot be opened fails a window, and the same worker opens it for the next one once it is there', async () => {
    // A path that becomes a directory once the configuration was read (which refuses a folder):
    // SQLite cannot open it, as a server that is down cannot be reached.
    const path = join(mkdtempSync(join(tmpdir(), 'paperboy-match-worker-down-')), 'paperboy.db');
    const { slugs, worker } = await setUp({ url: `file:${path}` });
    mkdirSync(path);
    try {
      await expect(collect(worker.matchWindow(window, slugs))).rejects.toThrow(/unable to open|unavailable/);
      // The database comes back (a consistent copy of the test database at that path).
      rmSync(path, { recursive: true });
      const source = new Database(db.url.replace(/^file:/, ''));
      source.exec(`VACUUM INTO '${path.replace(/'/g, "''")}'`);
      source.close();
      expect((await collect(worker.matchWindow(window, slugs))).map((p) => p.papers)).toEqual([100, 100, 50]);
      expect(worker.starts).toBe(1);
    } finally {
      await worker.close();
    }
  }, 60_000);

  it('stops an idle worker, and the next window starts a new one that matches the same', async () => {
    const { slugs, worker } = await setUp({ idleMs: 0 });
    try {
      const first = await collect(worker.matchWindow(window, slugs));
      for (let i = 0; i < 200 && worker.running(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(worker.running()).toBe(false);
      expect(await collect(worker.matchWindow(window, slugs))).toEqual(first);
      expect(worker.starts).toBe(2);
    } finally {
      await worker.close();
    }
  }, 60_000);
});

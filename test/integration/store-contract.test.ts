// One contract for every Stores implementation: memory, SQLite (temp file) and PostgreSQL
// (a fresh database per run). The same assertions run against each, so the in-memory fake
// other unit tests use can't drift from the real stores.
import { spawnSync } from 'node:child_process';
import { DRAFT_NAMESPACE } from '../../src/core/topics/draft-namespace.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryTarget, Stores, Subscription, TopicDefinition } from '../../src/core/ports.js';
import { abandonedRunError, ingestRunLeaseKey, UNFINISHED_AFTER_MS } from '../../src/core/papers/ports.js';
import type { PaperInput } from '../../src/core/papers/paper.js';
import { storeBackends, type TestDatabase } from '../helpers/db.js';
import { thisLeaseHost } from '../../src/store/run-lease-holder.js';
import { target as fixtureTarget } from '../unit/digest/fixtures.js';
import { testTopic } from '../helpers/test-topic.js';

const backends = await storeBackends('store-contract');

const T0 = new Date('2026-11-20T08:00:00.000Z');
const T1 = new Date('2026-11-21T08:00:00.000Z');
const T2 = new Date('2026-11-22T08:00:00.000Z');

/** A pid that was alive a moment ago and is no more (its child exited and was reaped). */
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

function input(id: string, over: Partial<PaperInput> = {}): PaperInput {
  return {
    arxivId: id,
    source: 'arxiv',
    version: 1,
    title: `Paper ${id}`,
    abstract: `Abstract of ${id}`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    publishedAt: new Date('2026-11-01T00:00:00.000Z'),
    categories: ['cs.CL', 'cs.LG'],
    ...over,
  };
}

const topic = (slug: string): TopicDefinition => testTopic({ slug, mustPhrases: ['speech'], categories: ['cs.SD'], createdBy: 'slack:U1', createdAt: T0 });

function sub(subscriber: string, topicSlug: string, createdAt = T0): Subscription {
  return { subscriber, kind: 'channel', topicSlug, minScore: 0.5, maxPapers: 5, createdBy: 'slack:U1', createdAt };
}

const target = (id: string): DeliveryTarget => fixtureTarget(id, { timeZone: 'Europe/Berlin', weekdaysOnly: true });

describe.each(backends)('stores contract: $name', (backend) => {
  let stores: Stores;
  let second: () => Promise<Stores>;
  let db: TestDatabase | null;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ stores, second, db, drop } = await backend.open());
  });
  afterAll(async () => {
    await drop();
  });

  describe('papers', () => {
    it('counts created, then unchanged on an identical second run, and writes nothing', async () => {
      const batch = [input('2401.00001'), input('2401.00002')];
      const first = await stores.papers.upsertMany(batch, T0);
      expect(first).toEqual({ created: ['2401.00001', '2401.00002'], updated: [], unchanged: [], skipped: [] });
      const again = await stores.papers.upsertMany(batch, T1);
      expect(again).toEqual({ created: [], updated: [], unchanged: ['2401.00001', '2401.00002'], skipped: [] });
      const p = await stores.papers.get('2401.00001');
      expect(p?.updatedAt.toISOString()).toBe(T0.toISOString());
      expect(p?.firstSeenAt.toISOString()).toBe(T0.toISOString());
    });

    it('round-trips every field, lists in order and with dates intact', async () => {
      const p = await stores.papers.get('2401.00002');
      expect(p).toEqual({
        arxivId: '2401.00002',
        version: 1,
        title: 'Paper 2401.00002',
        abstract: 'Abstract of 2401.00002',
        authors: ['Ada Lovelace', 'Alan Turing'],
        publishedAt: new Date('2026-11-01T00:00:00.000Z'),
        announcedAt: null,
        absUrl: 'https://arxiv.org/abs/2401.00002',
        pdfUrl: 'https://arxiv.org/pdf/2401.00002',
        categories: ['cs.CL', 'cs.LG'],
        upvotes: null,
        commentCount: null,
        githubRepo: null,
        projectPage: null,
        aiSummary: null,
        aiKeywords: [],
        sources: ['arxiv'],
        doi: null,
        summary: null,
        summarySource: null,
        firstSeenAt: T0,
        updatedAt: T0,
      });
      expect(await stores.papers.get('9999.99999')).toBeNull();
    });

    it('merges across sources and versions and reports updated', async () => {
      const hf: PaperInput = {
        arxivId: '2401.00001',
        source: 'hf',
        title: 'Paper 2401.00001',
        upvotes: 42,
        aiKeywords: ['tts', 'codec'],
        githubRepo: 'https://github.com/x/y',
      };
      const r1 = await stores.papers.upsertMany([hf], T1);
      expect(r1.updated).toEqual(['2401.00001']);
      const v2 = input('2401.00001', { version: 2, title: 'Better title v2', upvotes: 1 });
      const r2 = await stores.papers.upsertMany([v2], T2);
      expect(r2.updated).toEqual(['2401.00001']);
      const p = await stores.papers.get('2401.00001');
      expect(p).toMatchObject({
        version: 2,
        title: 'Better title v2',
        upvotes: 42,
        aiKeywords: ['tts', 'codec'],
        sources: ['arxiv', 'hf'],
        firstSeenAt: T0,
        updatedAt: T2,
      });
    });

    it('folds repeats of one id inside a batch and skips unknown updateOnly inputs', async () => {
      const r = await stores.papers.upsertMany(
        [
          input('2402.00001', { version: 1 }),
          input('2402.00001', { version: 2, title: 'v2 title' }),
          input('2402.00009', { updateOnly: true }),
          input('2401.00002', { updateOnly: true, version: 3, title: 'replaced' }),
        ],
        T2,
      );
      expect(r).toEqual({ created: ['2402.00001'], updated: ['2401.00002'], unchanged: [], skipped: ['2402.00009'] });
      expect((await stores.papers.get('2402.00001'))?.title).toBe('v2 title');
      expect(await stores.papers.get('2402.00009')).toBeNull();
    });

    it('keeps hostile text intact (quotes, emoji, RTL, long strings)', async () => {
      const title = `O'Brien "quoted" ; DROP TABLE Paper; -- 🎧 ${'\u05D0'.repeat(5)} ${'x'.repeat(900)}`;
      await stores.papers.upsertMany([input('2403.00001', { title, authors: ['<@U123>', '@everyone'] })], T2);
      const p = await stores.papers.get('2403.00001');
      expect(p?.title).toBe(title);
      expect(p?.authors).toEqual(['<@U123>', '@everyone']);
    });

    it('stores a lone UTF-16 surrogate as U+FFFD on every backend, and sees the re-ingest as unchanged', async () => {
      const broken = input('2403.00002', { title: 'half an emoji \uD83D here', authors: ['A \uDE00'] });
      expect((await stores.papers.upsertMany([broken], T2)).created).toEqual(['2403.00002']);
      const p = await stores.papers.get('2403.00002');
      expect(p?.title).toBe('half an emoji \uFFFD here');
      expect(p?.authors).toEqual(['A \uFFFD']);
      expect((await stores.papers.upsertMany([broken], T2)).unchanged).toEqual(['2403.00002']);
    });

    it('getMany, count, list filters and order, iterate pages by id', async () => {
      const many = await stores.papers.getMany(['2401.00001', 'nope', '2402.00001']);
      expect([...many.keys()].sort()).toEqual(['2401.00001', '2402.00001']);
      expect(await stores.papers.count()).toBe(5);

      await stores.papers.upsertMany([input('2404.00001', { publishedAt: new Date('2026-11-05T00:00:00Z') })], T2);
      await stores.papers.upsertMany([input('2404.00002', { publishedAt: null })], T2);
      await stores.papers.upsertMany([input('2404.00003', { publishedAt: null })], new Date('2026-11-03T00:00:00Z'));
      // By paperDate: an undated paper is as new as when it was stored, among the dated ones,
      // not after all of them (it was missing from the newest 20 right after its ingest).
      const newest = await stores.papers.list({});
      expect(newest.map((p) => p.arxivId).slice(0, 3)).toEqual(['2404.00002', '2404.00001', '2404.00003']);
      expect((await stores.papers.list({ limit: 2 })).map((p) => p.arxivId)).toEqual(['2404.00002', '2404.00001']);
      const oldest = await stores.papers.list({ order: 'oldest', limit: 2 });
      expect(oldest.map((p) => p.arxivId)).toEqual(['2401.00001', '2401.00002']);
      expect((await stores.papers.list({ order: 'oldest' })).map((p) => p.arxivId).slice(-3)).toEqual(['2404.00003', '2404.00001', '2404.00002']);
      const since = await stores.papers.list({ since: T2 });
      expect(since.map((p) => p.arxivId).sort()).toEqual(['2402.00001', '2403.00001', '2403.00002', '2404.00001', '2404.00002']);
      const changed: string[] = [];
      for await (const page of stores.papers.iterateUpdated(T1, 3)) changed.push(...page.map((p) => p.arxivId));
      // Oldest update first, ties (one batch, one instant) by id.
      expect(changed).toEqual(['2401.00001', '2401.00002', '2402.00001', '2403.00001', '2403.00002', '2404.00001', '2404.00002']);
      const every: string[] = [];
      for await (const page of stores.papers.iterateUpdated(undefined, 4)) every.push(...page.map((p) => p.arxivId));
      expect(every.length).toBe(await stores.papers.count());

      const pages: string[][] = [];
      for await (const page of stores.papers.iterate(4)) pages.push(page.map((p) => p.arxivId));
      expect(pages.map((p) => p.length)).toEqual([4, 4]);
      expect(pages.flat()).toEqual([...pages.flat()].sort());
      // A page size that is not a whole number pages as its whole part: it does not stop after the first page.
      const odd: string[] = [];
      for await (const page of stores.papers.iterate(2.5)) odd.push(...page.map((p) => p.arxivId));
      expect(odd).toEqual(pages.flat());
    });

    it('iterateSeen pages a first-seen window in (firstSeenAt, arxivId) order: since included, before excluded', async () => {
      const at = (m: number) => new Date(Date.UTC(2026, 10, 20, 12, m));
      // Seven papers in one batch share a first-seen instant, so pages must break ties on the id.
      await stores.papers.upsertMany(['2405.00007', '2405.00003', '2405.00005', '2405.00001', '2405.00006', '2405.00002', '2405.00004'].map((id) => input(id)), at(1));
      await stores.papers.upsertMany([input('2405.00010')], at(0));
      await stores.papers.upsertMany([input('2405.00011')], at(2));
      await stores.papers.upsertMany([input('2405.00012')], at(3));

      const pages: string[][] = [];
      for await (const page of stores.papers.iterateSeen({ since: at(1), before: at(3) }, 3)) pages.push(page.map((p) => p.arxivId));
      expect(pages).toEqual([
        ['2405.00001', '2405.00002', '2405.00003'],
        ['2405.00004', '2405.00005', '2405.00006'],
        ['2405.00007', '2405.00011'],
      ]);
      expect(await stores.papers.count({ since: at(1), before: at(3) })).toBe(pages.flat().length);
      const empty: string[][] = [];
      for await (const page of stores.papers.iterateSeen({ since: at(4), before: at(9) })) empty.push(page.map((p) => p.arxivId));
      expect(empty).toEqual([]);
    });

    it('two writers ingesting the same new papers at once merge, never overwrite', async () => {
      const other = await second();
      const ids = Array.from({ length: 50 }, (_, i) => `2407.${String(i).padStart(5, '0')}`);
      await Promise.all([
        stores.papers.upsertMany(ids.map((id) => input(id, { source: 'arxiv' })), T2),
        other.papers.upsertMany(ids.map((id) => ({ arxivId: id, source: 'hf' as const, title: `Paper ${id}`, upvotes: 5 })), T2),
      ]);
      const got = await stores.papers.getMany(ids);
      expect([...got.values()].every((p) => p.sources.join() === 'arxiv,hf' && p.upvotes === 5 && p.categories.length === 2)).toBe(true);
      expect(got.size).toBe(50);
    });

    it('keeps a DOI, and a DOI learnt later updates the paper', async () => {
      expect((await stores.papers.upsertMany([input('2472.00009', { doi: '10.1103/physrevd.9.9' })], T1)).created).toEqual(['2472.00009']);
      expect((await stores.papers.get('2472.00009'))?.doi).toBe('10.1103/physrevd.9.9');
      expect((await stores.papers.upsertMany([input('2472.00009', { source: 'arxiv', doi: '10.1103/physrevd.9.10' })], T2)).updated).toEqual(['2472.00009']);
      expect((await stores.papers.get('2472.00009'))?.doi).toBe('10.1103/physrevd.9.10');
    });

    describe('DOI as an alias of identity (store/doi-alias.ts)', () => {
      const journal = (id: string, doi: string | undefined, over: Partial<PaperInput> = {}): PaperInput => ({
        arxivId: `feed:${id}`,
        source: 'feed',
        version: null,
        title: `Article ${id}`,
        abstract: `Abstract ${id}`,
        absUrl: `https://journal.example.org/${id}`,
        ...(doi ? { doi } : {}),
        ...over,
      });

      it('stores the DOI, and an item from another feed with it merges into that paper instead of becoming a second', async () => {
        expect((await stores.papers.upsertMany([journal('doi-a', '10.1021/jacs.1')], T1)).created).toEqual(['feed:doi-a']);
        expect((await stores.papers.get('feed:doi-a'))?.doi).toBe('10.1021/jacs.1');
        const other = journal('doi-b', '10.1021/jacs.1', { absUrl: 'https://doi.org/10.1021/jacs.1', title: 'Article, v2' });
        expect(await stores.papers.upsertMany([other], T2)).toEqual({ created: [], updated: ['feed:doi-a'], unchanged: [], skipped: [] });
        expect(await stores.papers.get('feed:doi-b')).toBeNull();
        expect(await stores.papers.get('feed:doi-a')).toMatchObject({ title: 'Article, v2', absUrl: 'https://journal.example.org/doi-a', firstSeenAt: T1 });
        // Seen again: the same paper, unchanged.
        expect((await stores.papers.upsertMany([other], T2)).unchanged).toEqual(['feed:doi-a']);
      });

      it('an item stored under its own id keeps it, whatever DOI it now states', async () => {
        await stores.papers.upsertMany([journal('doi-c', undefined)], T1);
        await stores.papers.upsertMany([journal('doi-d', '10.1021/jacs.2')], T1);
        // doi-c, stored before DOIs were kept, states doi-d's DOI now: it stays itself and learns it.
        expect((await stores.papers.upsertMany([journal('doi-c', '10.1021/jacs.2')], T2)).updated).toEqual(['feed:doi-c']);
        expect((await stores.papers.getMany(['feed:doi-c', 'feed:doi-d'])).size).toBe(2);
        // A third item with that DOI goes to the smaller id of the two.
        expect((await stores.papers.upsertMany([journal('doi-e', '10.1021/jacs.2')], T2)).updated).toEqual(['feed:doi-c']);
        expect(await stores.papers.get('feed:doi-e')).toBeNull();
      });

      it("a journal item with an arXiv paper's DOI merges into the arXiv paper as a mention: the arXiv id, text and address stay", async () => {
        await stores.papers.upsertMany([input('2472.00001', { doi: '10.1103/physrevd.1.1' })], T1);
        const item = journal('doi-f', '10.1103/physrevd.1.1', { title: 'Published title', categories: ['Research Article'], pdfUrl: 'https://journal.example.org/f.pdf' });
        expect((await stores.papers.upsertMany([item], T2)).updated).toEqual(['2472.00001']);
        expect(await stores.papers.get('feed:doi-f')).toBeNull();
        expect(await stores.papers.get('2472.00001')).toMatchObject({
          title: 'Paper 2472.00001',
          absUrl: 'https://arxiv.org/abs/2472.00001',
          pdfUrl: 'https://arxiv.org/pdf/2472.00001',
          categories: ['cs.CL', 'cs.LG'],
          sources: ['arxiv', 'feed'],
          doi: '10.1103/physrevd.1.1',
        });
      });

      it('in one batch: two items with one DOI make one paper, and an arXiv paper with it takes the item', async () => {
        const r = await stores.papers.upsertMany([journal('doi-g', '10.1000/x.1'), journal('doi-h', '10.1000/x.1'), journal('doi-i', '10.1000/x.2'), input('2472.00002', { doi: '10.1000/x.2' })], T2);
        expect(r.created.sort()).toEqual(['2472.00002', 'feed:doi-g']);
        expect((await stores.papers.getMany(['feed:doi-h', 'feed:doi-i'])).size).toBe(0);
        expect((await stores.papers.get('2472.00002'))?.sources).toEqual(['arxiv', 'feed']);
      });

      it('an item whose DOI no paper has keeps the id rule: a new paper of its own', async () => {
        expect((await stores.papers.upsertMany([journal('doi-j', '10.1000/x.3')], T2)).created).toEqual(['feed:doi-j']);
      });
    });

    it('stores a summary once', async () => {
      expect(await stores.papers.setSummary('2401.00001', 'Short summary.', 'llm')).toBe(true);
      expect(await stores.papers.setSummary('2401.00001', 'Another.', 'extractive')).toBe(false);
      expect(await stores.papers.setSummary('0000.00000', 'x', 'llm')).toBe(false);
      expect(await stores.papers.get('2401.00001')).toMatchObject({ summary: 'Short summary.', summarySource: 'llm' });
    });

    it('replaces a stored summary only when it has the source named to replace', async () => {
      expect(await stores.papers.setSummary('2401.00002', 'A fallback.', 'extractive-retry')).toBe(true);
      expect(await stores.papers.setSummary('2401.00002', 'Not this.', 'llm')).toBe(false);
      expect(await stores.papers.setSummary('2401.00002', 'Nor this.', 'llm', 'hf')).toBe(false);
      expect(await stores.papers.setSummary('2401.00002', 'The better one.', 'llm', 'extractive-retry')).toBe(true);
      // A second replica's retry finds it replaced already.
      expect(await stores.papers.setSummary('2401.00002', 'Too late.', 'llm', 'extractive-retry')).toBe(false);
      expect(await stores.papers.get('2401.00002')).toMatchObject({ summary: 'The better one.', summarySource: 'llm' });
    });

    it('lists papers whose summary has a given source, newest first, at most the limit', async () => {
      const at = (day: number) => new Date(`2026-10-0${day}T00:00:00.000Z`);
      await stores.papers.upsertMany([input('2475.00001', { publishedAt: at(1) }), input('2475.00002', { publishedAt: at(3) }), input('2475.00003', { publishedAt: at(2) }), input('2475.00004', { publishedAt: at(4) })], T2);
      for (const id of ['2475.00001', '2475.00002', '2475.00003']) await stores.papers.setSummary(id, 'A fallback.', 'contract-retry');
      await stores.papers.setSummary('2475.00004', 'Final.', 'llm');
      expect((await stores.papers.list({ summarySource: 'contract-retry' })).map((p) => p.arxivId)).toEqual(['2475.00002', '2475.00003', '2475.00001']);
      expect((await stores.papers.list({ summarySource: 'contract-retry', limit: 2 })).map((p) => p.arxivId)).toEqual(['2475.00002', '2475.00003']);
      expect(await stores.papers.list({ summarySource: 'no-such-source' })).toEqual([]);
    });

    it.skipIf(backend.name === 'memory')('rolls back the whole batch when a write fails midway', async () => {
      await db!.failInsertsOf('2499.66666');
      const before = await stores.papers.get('2401.00002');
      const count = await stores.papers.count();
      // Enough rows for several INSERT chunks, the failing one last.
      const batch = Array.from({ length: 3000 }, (_, i) => input(`2499.${String(i).padStart(5, '0')}`));
      batch.push(input('2401.00002', { version: 9, title: 'must not land' }), input('2499.66666'));
      await expect(stores.papers.upsertMany(batch, T2)).rejects.toThrow();
      expect(await stores.papers.count()).toBe(count);
      expect(await stores.papers.get('2401.00002')).toEqual(before);
    });

    it.skipIf(backend.name === 'memory')('an unchanged re-ingest writes no row at all', async () => {
      await db!.countPaperWrites();
      const again = [input('2404.00001', { publishedAt: new Date('2026-11-05T00:00:00Z') }), input('2404.00002', { publishedAt: null })];
      expect((await stores.papers.upsertMany(again, T2)).unchanged).toEqual(['2404.00001', '2404.00002']);
      expect(await db!.paperWrites()).toBe(0);
      // The counter does see writes: one new paper in a batch with an unchanged one = one row.
      await stores.papers.upsertMany([...again, input('2406.00001')], T2);
      expect(await db!.paperWrites()).toBe(1);
    });

    // The SQL stores skip an input identical to the last one merged into a paper (upsert-plan.ts
    // inputHash); these pin that the skip never hides a change.
    it('an input seen before still applies when another source changed the paper since', async () => {
      const fromHf = input('2471.00001', { source: 'hf', title: 'HF title', upvotes: 5 });
      const fromRss = input('2471.00001', { source: 'rss', title: 'RSS title', categories: ['cs.SD'] });
      expect((await stores.papers.upsertMany([fromHf], T1)).created).toEqual(['2471.00001']);
      expect((await stores.papers.upsertMany([fromRss], T2)).updated).toEqual(['2471.00001']);
      // Equal versions: the latest input's text wins, so the HF record, seen before, changes the paper back.
      expect((await stores.papers.upsertMany([fromHf], T2)).updated).toEqual(['2471.00001']);
      expect(await stores.papers.get('2471.00001')).toMatchObject({ title: 'HF title', categories: ['cs.SD'], upvotes: 5, sources: ['hf', 'rss'] });
      expect((await stores.papers.upsertMany([fromHf], T2)).unchanged).toEqual(['2471.00001']);
      // A changed upstream record after identical re-runs updates the paper.
      expect((await stores.papers.upsertMany([{ ...fromHf, upvotes: 6 }], T2)).updated).toEqual(['2471.00001']);
      expect((await stores.papers.get('2471.00001'))?.upvotes).toBe(6);
    });

    it.skipIf(backend.name === 'memory')('papers stored before input hashes existed compare in full, and an identical re-ingest still writes nothing', async () => {
      const paper = input('2471.00002', { title: 'Stored by an older paperboy' });
      await stores.papers.upsertMany([paper], T1);
      await db!.exec(`UPDATE "Paper" SET "inputHash" = NULL WHERE "arxivId" = '2471.00002'`);
      await db!.countPaperWrites();
      const writes = await db!.paperWrites();
      expect((await stores.papers.upsertMany([paper], T2)).unchanged).toEqual(['2471.00002']);
      expect(await db!.paperWrites()).toBe(writes);
      expect((await stores.papers.upsertMany([{ ...paper, title: 'Retitled' }], T2)).updated).toEqual(['2471.00002']);
      expect((await stores.papers.get('2471.00002'))?.title).toBe('Retitled');
    });
  });

  it('ingest runs: start, finish, latest first', async () => {
    const a = await stores.ingestRuns.start('hf', '2026-11-20', T0);
    const b = await stores.ingestRuns.start('arxiv', '2026-11-21', T1);
    expect(a.status).toBe('running');
    await stores.ingestRuns.finish({ ...b, created: 3, updated: 1, unchanged: 2, failed: 1, status: 'partial', error: 'one day failed', finishedAt: T2 });
    const latest = await stores.ingestRuns.latest(5);
    expect(latest.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(latest[0]).toMatchObject({ source: 'arxiv', created: 3, failed: 1, status: 'partial', error: 'one day failed', finishedAt: T2 });
    expect(await stores.ingestRuns.latest(1)).toHaveLength(1);
    // One source's own (health judges each scheduled source by its last run).
    expect((await stores.ingestRuns.latest(5, 'hf')).map((r) => r.id)).toEqual([a.id]);
    expect(await stores.ingestRuns.latest(5, 'rss')).toEqual([]);
  });

  it('ingest runs: a run without a lease (started by an older version) that never recorded its end is closed as abandoned by a run of its source started long after, and its own late finish still counts', async () => {
    const killed = await stores.ingestRuns.start('feed', 'https://example.org/a.xml', T0);
    // As an older version left it: no lease (runs of this version hold one: abandoned-ingest-runs.test.ts).
    await db?.exec(`DELETE FROM "RunLease" WHERE "key" = '${ingestRunLeaseKey(killed.id)}'`);
    const live = await stores.ingestRuns.start('feed', 'https://example.org/b.xml', new Date(T0.getTime() + UNFINISHED_AFTER_MS));
    const other = await stores.ingestRuns.start('file', 'papers.jsonl', T0);
    const byId = async () => new Map((await stores.ingestRuns.latest(10)).map((r) => [r.id, r]));
    const next = await stores.ingestRuns.start('feed', 'https://example.org/c.xml', new Date(T0.getTime() + UNFINISHED_AFTER_MS + 1));
    expect((await byId()).get(killed.id)).toMatchObject({ status: 'abandoned', error: abandonedRunError(null, T0) });
    // Runs whose process still holds their lease are left running, however old.
    expect((await byId()).get(live.id)).toMatchObject({ status: 'running' });
    expect((await byId()).get(next.id)).toMatchObject({ status: 'running' });
    expect((await byId()).get(other.id)).toMatchObject({ status: 'running' });
    // A run closed this way that was only slow records what it did when it ends.
    await stores.ingestRuns.finish({ ...killed, created: 2, status: 'succeeded', finishedAt: T2 });
    expect((await byId()).get(killed.id)).toMatchObject({ status: 'succeeded', error: null, created: 2 });
  });

  it('topics: add, duplicate, remove cascades to subscriptions, feedback and the stored definition', async () => {
    expect(await stores.topics.add(topic('speech'))).toBe('created');
    expect(await stores.topics.add(topic('speech'))).toBe('exists');
    expect(await stores.topics.get('speech')).toEqual(topic('speech'));
    await stores.subscriptions.add(sub('slack:C1', 'speech'));
    await stores.feedback.put({ topicSlug: 'speech', arxivId: '2401.00001', actor: 'slack:U1', verdict: 'up', createdAt: T0 });
    await stores.cache.putMany(DRAFT_NAMESPACE, [['speech', '{"expansions":["codec"],"exclusions":[]}'], ['other', '{}']]);
    expect(await stores.topics.remove('speech')).toBe(true);
    expect([...(await stores.cache.getMany(DRAFT_NAMESPACE, ['speech', 'other'])).keys()]).toEqual(['other']);
    expect(await stores.topics.remove('speech')).toBe(false);
    expect(await stores.subscriptions.list({ topicSlug: 'speech' })).toEqual([]);
    expect(await stores.feedback.forTopic('speech')).toEqual([]);
  });

  it('topics: remove with the subscribers it was shown removes only while they are those, in one step', async () => {
    await stores.topics.add(topic('asr'));
    await stores.subscriptions.add(sub('slack:C1', 'asr'));
    // Shown none (or another set): the subscription made since is not deleted, nor the topic.
    expect(await stores.topics.remove('asr', { subscribers: [] })).toBe('changed');
    expect(await stores.topics.remove('asr', { subscribers: ['slack:C2'] })).toBe('changed');
    expect(await stores.topics.get('asr')).not.toBeNull();
    expect((await stores.subscriptions.list({ topicSlug: 'asr' })).map((s) => s.subscriber)).toEqual(['slack:C1']);
    expect(await stores.topics.remove('asr', { subscribers: ['slack:C1'] })).toBe(true);
    expect(await stores.subscriptions.list({ topicSlug: 'asr' })).toEqual([]);
    expect(await stores.topics.remove('asr', { subscribers: [] })).toBe(false);
    // Gone with its subscribers: no such topic, not "the subscribers changed".
    expect(await stores.topics.remove('asr', { subscribers: ['slack:C1'] })).toBe(false);
  });

  it('topics: remove with the marks it counted removes only while there are that many, in one step', async () => {
    await stores.topics.add(topic('tts'));
    await stores.feedback.put({ topicSlug: 'tts', arxivId: '2401.00001', actor: 'slack:U1', verdict: 'up', createdAt: T0 });
    // Counted none: the mark made since is not deleted, nor the topic.
    expect(await stores.topics.remove('tts', { subscribers: [], marks: 0 })).toBe('changed');
    expect(await stores.topics.get('tts')).not.toBeNull();
    expect(await stores.feedback.forTopic('tts')).toHaveLength(1);
    expect(await stores.topics.remove('tts', { subscribers: [], marks: 1 })).toBe(true);
    expect(await stores.feedback.forTopic('tts')).toEqual([]);
    expect(await stores.topics.remove('tts', { subscribers: [], marks: 1 })).toBe(false);
  });

  it('feedback: one mark per topic, paper and actor', async () => {
    // put returns the verdict it replaced: how a second press of the same button is told apart.
    expect(await stores.feedback.put({ topicSlug: 'tts', arxivId: '2401.00001', actor: 'slack:U1', verdict: 'up', createdAt: T0 })).toBeNull();
    expect(await stores.feedback.put({ topicSlug: 'tts', arxivId: '2401.00001', actor: 'slack:U1', verdict: 'down', createdAt: T1 })).toBe('up');
    expect(await stores.feedback.put({ topicSlug: 'tts', arxivId: '2401.00001', actor: 'discord:9', verdict: 'up', createdAt: T2 })).toBeNull();
    const marks = await stores.feedback.forTopic('tts');
    expect(marks.map((m) => [m.actor, m.verdict])).toEqual([
      ['slack:U1', 'down'],
      ['discord:9', 'up'],
    ]);
    // Taken back, a mark is gone; the other actor's mark on the paper stays.
    expect(await stores.feedback.remove({ topicSlug: 'tts', arxivId: '2401.00001', actor: 'slack:U1' })).toBe(true);
    expect(await stores.feedback.remove({ topicSlug: 'tts', arxivId: '2401.00001', actor: 'slack:U1' })).toBe(false);
    expect((await stores.feedback.forTopic('tts')).map((m) => m.actor)).toEqual(['discord:9']);
  });

  it('feedback: concurrent presses get the outcomes of some order of them, one "new" each', async () => {
    // A fast double-click sends two identical presses at once: only one may be answered as new.
    // Several actors, so a read-then-write store loses the race at least once.
    const actors = ['slack:D1', 'slack:D2', 'slack:D3', 'slack:D4'];
    const mark = (actor: string, verdict: 'up' | 'down') => ({ topicSlug: 'race', arxivId: '2401.00001', actor, verdict, createdAt: T0 });
    for (const actor of actors) {
      const both = await Promise.all([stores.feedback.put(mark(actor, 'up')), stores.feedback.put(mark(actor, 'up'))]);
      expect(both.filter((before) => before === null)).toHaveLength(1);
      expect(both.filter((before) => before === 'up')).toHaveLength(1);
    }
    // An up and a down at once: whichever ran second replaced the first, and its verdict stays.
    const swaps = ['slack:S1', 'slack:S2', 'slack:S3', 'slack:S4'];
    const outcomes = await Promise.all(swaps.map((actor) => Promise.all([stores.feedback.put(mark(actor, 'up')), stores.feedback.put(mark(actor, 'down'))])));
    const kept = new Map((await stores.feedback.forTopic('race')).map((m) => [m.actor, m.verdict]));
    swaps.forEach((actor, i) => {
      const expected = kept.get(actor) === 'down' ? [null, 'up'] : ['down', null];
      expect(outcomes[i]).toEqual(expected);
    });
    expect(actors.map((a) => kept.get(a))).toEqual(['up', 'up', 'up', 'up']);
  });

  it("subscriptions: duplicates return 'exists', filters, remove", async () => {
    await stores.topics.add(topic('tts'));
    await stores.topics.add(topic('asr'));
    expect(await stores.subscriptions.add(sub('slack:C1', 'tts', T0))).toBe('created');
    expect(await stores.subscriptions.add(sub('slack:C1', 'tts', T1))).toBe('exists');
    expect(await stores.subscriptions.add(sub('slack:C1', 'asr', T1))).toBe('created');
    expect(await stores.subscriptions.add(sub('discord:7', 'tts', T2))).toBe('created');
    expect((await stores.subscriptions.list({ subscriber: 'slack:C1' })).map((s) => s.topicSlug)).toEqual(['tts', 'asr']);
    expect((await stores.subscriptions.list({ topicSlug: 'tts' })).map((s) => s.subscriber)).toEqual(['slack:C1', 'discord:7']);
    expect((await stores.subscriptions.list())[0]).toEqual(sub('slack:C1', 'tts', T0));
    expect(await stores.subscriptions.remove('slack:C1', 'asr')).toBe(true);
    expect(await stores.subscriptions.remove('slack:C1', 'asr')).toBe(false);
    expect(await stores.subscriptions.list()).toHaveLength(2);
  });

  it("subscriptions: one to a topic that is not there is refused as 'no-topic', nothing stored", async () => {
    expect(await stores.subscriptions.add(sub('slack:C5', 'no-such-topic'))).toBe('no-topic');
    expect(await stores.subscriptions.list({ subscriber: 'slack:C5' })).toEqual([]);
    // Nor one to a topic removed since: a removal takes its subscriptions and the name with it.
    await stores.topics.add(topic('short-lived'));
    expect(await stores.topics.remove('short-lived')).toBe(true);
    expect(await stores.subscriptions.add(sub('slack:C5', 'short-lived'))).toBe('no-topic');
    expect(await stores.subscriptions.list({ subscriber: 'slack:C5' })).toEqual([]);
  });

  it("follows: duplicates return 'exists', accents kept, oldest first, remove", async () => {
    const f = (subscriber: string, author: string, createdAt: Date) => ({ subscriber, author, createdBy: subscriber, createdAt });
    expect(await stores.follows.add(f('slack:U1', 'José García', T1))).toBe('created');
    expect(await stores.follows.add(f('slack:U1', 'José García', T2))).toBe('exists');
    expect(await stores.follows.add(f('slack:U1', 'Ada Lovelace', T0))).toBe('created');
    expect(await stores.follows.add(f('discord:7', 'Ada Lovelace', T2))).toBe('created');
    expect(await stores.follows.list({ subscriber: 'slack:U1' })).toEqual([f('slack:U1', 'Ada Lovelace', T0), f('slack:U1', 'José García', T1)]);
    expect((await stores.follows.list()).map((x) => x.subscriber)).toEqual(['slack:U1', 'slack:U1', 'discord:7']);
    expect(await stores.follows.remove('slack:U1', 'José García')).toBe(true);
    expect(await stores.follows.remove('slack:U1', 'José García')).toBe(false);
    expect((await stores.follows.list()).map((x) => x.author)).toEqual(['Ada Lovelace', 'Ada Lovelace']);
  });

  it('targets: upsert, markFailure, markDelivered, remove', async () => {
    await stores.targets.upsert(target('slack:C1'));
    await stores.targets.upsert({ ...target('slack:C1'), time: '08:30', weeklyOn: 3 });
    expect(await stores.targets.get('slack:C1')).toMatchObject({ time: '08:30', weeklyOn: 3 });
    await stores.targets.upsert({ ...target('slack:C1'), time: '08:30', weeklyOn: null });
    expect((await stores.targets.get('slack:C1'))?.weeklyOn ?? null).toBeNull();
    await stores.targets.markFailure('slack:C1', 'timeout', false);
    await stores.targets.markFailure('slack:C1', 'channel_not_found', true);
    expect(await stores.targets.get('slack:C1')).toMatchObject({ failureCount: 2, status: 'broken', brokenReason: 'channel_not_found' });
    // Never delivered, waiting from a slot, rescheduled: both instants come back as stored.
    const from = new Date('2026-11-27T08:00:00.000Z');
    const changed = new Date('2026-11-27T10:15:30.123Z');
    await stores.targets.upsert({ ...(await stores.targets.get('slack:C1'))!, digestFrom: from, rescheduledAt: changed });
    expect(await stores.targets.get('slack:C1')).toMatchObject({ lastDigestAt: null, digestFrom: from, rescheduledAt: changed });
    await stores.targets.markDelivered('slack:C1', T1);
    expect(await stores.targets.get('slack:C1')).toMatchObject({ lastDigestAt: T1, failureCount: 0, digestFrom: from });
    // A late duplicate finishing an older window after a newer one does not move it back.
    await stores.targets.markDelivered('slack:C1', T2);
    await stores.targets.markDelivered('slack:C1', T1);
    expect((await stores.targets.get('slack:C1'))?.lastDigestAt).toEqual(T2);
    await stores.targets.upsert(target('discord:5'));
    expect((await stores.targets.list()).map((t) => t.id)).toEqual(['discord:5', 'slack:C1']);
    expect(await stores.targets.remove('discord:5')).toBe(true);
    expect(await stores.targets.remove('discord:5')).toBe(false);
    expect(await stores.targets.get('discord:5')).toBeNull();
  });

  it('targets: update writes only the columns it is given, so a delivery meanwhile keeps its window end', async () => {
    const from = new Date('2026-11-27T08:00:00.000Z');
    await stores.targets.upsert({ ...target('slack:CUPD'), digestFrom: from, threads: false, language: null });
    const read = (await stores.targets.get('slack:CUPD'))!;
    // A digest finishes after the settings change read the row, before it writes.
    await stores.targets.markDelivered('slack:CUPD', T1);
    const changed = new Date('2026-11-27T10:15:30.123Z');
    expect(await stores.targets.update('slack:CUPD', { time: '18:00', rescheduledAt: changed, weeklyOn: 2, threads: true, language: 'de', maxPapers: undefined })).toBe(true);
    expect(await stores.targets.get('slack:CUPD')).toEqual({ ...read, lastDigestAt: T1, time: '18:00', rescheduledAt: changed, weeklyOn: 2, threads: true, language: 'de' });
    // Back to null, and nothing else touched.
    expect(await stores.targets.update('slack:CUPD', { weeklyOn: null, language: null, status: 'broken', brokenReason: 'gone' })).toBe(true);
    expect(await stores.targets.get('slack:CUPD')).toMatchObject({ weeklyOn: null, language: null, status: 'broken', brokenReason: 'gone', lastDigestAt: T1, digestFrom: from, maxPapers: 10 });
    expect(await stores.targets.update('slack:CNONE', { time: '07:00' })).toBe(false);
    expect(await stores.targets.get('slack:CNONE')).toBeNull();
  });

  it('targets: removing a target removes its subscriptions with it, and no one else’s', async () => {
    await stores.topics.add(topic('asr'));
    await stores.targets.upsert(target('slack:C7'));
    const sub = { kind: 'channel' as const, topicSlug: 'asr', minScore: null, maxPapers: null, createdBy: 'op', createdAt: T1 };
    await stores.subscriptions.add({ ...sub, subscriber: 'slack:C7' });
    await stores.subscriptions.add({ ...sub, subscriber: 'slack:C8' });
    expect(await stores.targets.remove('slack:C7')).toBe(true);
    expect(await stores.subscriptions.list({ subscriber: 'slack:C7' })).toEqual([]);
    expect((await stores.subscriptions.list({ subscriber: 'slack:C8' })).map((s) => s.topicSlug)).toEqual(['asr']);
  });

  it('ledger: plan once, idempotent parts, open until every part is sent', async () => {
    await stores.targets.upsert(target('slack:C9'));
    const plan = {
      targetId: 'slack:C9',
      windowStart: T0,
      windowEnd: T1,
      items: [{ arxivId: '2401.00001', topicSlug: 'tts', score: 0.9, why: 'phrase "tts"' }],
      createdAt: T1,
    };
    expect(await stores.ledger.planDigest(plan)).toEqual(plan);
    const replan = await stores.ledger.planDigest({ ...plan, items: [], createdAt: T2 });
    expect(replan).toEqual(plan);
    // What the cap left out is kept with the plan, so a resumed digest says it too.
    const capped = { ...plan, targetId: 'slack:C9b', moreMatched: 12 };
    await stores.targets.upsert(target('slack:C9b'));
    await stores.ledger.planDigest(capped);
    expect((await stores.ledger.openDigests('slack:C9b'))[0]).toMatchObject({ moreMatched: 12 });
    const key = T1.toISOString();
    expect((await stores.ledger.openDigests()).map((d) => d.targetId)).toContain('slack:C9');

    const p1 = await stores.ledger.markPending('slack:C9', key, 1, 2);
    expect(p1).toMatchObject({ status: 'pending', attempts: 0, totalParts: 2 });
    await stores.ledger.markPending('slack:C9', key, 1, 2);
    await stores.ledger.markSent('slack:C9', key, 1, '1700000000.000100');
    expect((await stores.ledger.markPending('slack:C9', key, 1, 2)).status).toBe('sent');
    await stores.ledger.markPending('slack:C9', key, 2, 2);
    await stores.ledger.markFailed('slack:C9', key, 2, 'rate-limited', 'HTTP 429');
    const parts = await stores.ledger.parts('slack:C9', key);
    expect(parts.map((p) => [p.part, p.status, p.attempts, p.platformMessageId, p.lastError])).toEqual([
      [1, 'sent', 1, '1700000000.000100', null],
      [2, 'rate-limited', 1, null, 'HTTP 429'],
    ]);
    expect((await stores.ledger.openDigests()).some((d) => d.targetId === 'slack:C9')).toBe(true);
    await stores.ledger.markPending('slack:C9', key, 2, 2);
    await stores.ledger.markSent('slack:C9', key, 2, '1700000000.000200');
    expect((await stores.ledger.openDigests()).some((d) => d.targetId === 'slack:C9')).toBe(false);
  });

  it('ledger: a digest is closed once the target window moved past it', async () => {
    await stores.targets.upsert(target('slack:C10'));
    await stores.ledger.planDigest({ targetId: 'slack:C10', windowStart: null, windowEnd: T2, items: [], createdAt: T2 });
    expect((await stores.ledger.openDigests()).some((d) => d.targetId === 'slack:C10')).toBe(true);
    await stores.targets.markDelivered('slack:C10', T2);
    expect((await stores.ledger.openDigests()).some((d) => d.targetId === 'slack:C10')).toBe(false);
  });

  it('ledger: a digest planned before its target was removed and added again is closed (the new one starts at digestFrom)', async () => {
    await stores.targets.upsert(target('slack:C11'));
    await stores.ledger.planDigest({ targetId: 'slack:C11', windowStart: null, windowEnd: T1, items: [], createdAt: T1 });
    await stores.targets.remove('slack:C11');
    await stores.targets.upsert({ ...target('slack:C11'), digestFrom: T2 });
    expect((await stores.ledger.openDigests()).some((d) => d.targetId === 'slack:C11')).toBe(false);
    expect(await stores.ledger.openDigests('slack:C11')).toEqual([]);
  });

  it('ledger: removing a target drops its unfinished digests; what it was sent and given stays', async () => {
    await stores.targets.upsert(target('slack:C12'));
    const item = (id: string) => ({ arxivId: id, topicSlug: 'tts', score: 1, why: 'x' });
    // One digest finished (every part sent, the window not yet moved), one half sent.
    await stores.ledger.planDigest({ targetId: 'slack:C12', windowStart: null, windowEnd: T1, items: [item('2401.00011')], createdAt: T1 });
    await stores.ledger.markPending('slack:C12', T1.toISOString(), 1, 1);
    await stores.ledger.markSent('slack:C12', T1.toISOString(), 1, 'm1');
    await stores.ledger.planDigest({ targetId: 'slack:C12', windowStart: T1, windowEnd: T2, items: [item('2401.00012'), item('2401.00013')], createdAt: T2 });
    await stores.ledger.markPending('slack:C12', T2.toISOString(), 1, 2);
    await stores.ledger.markSent('slack:C12', T2.toISOString(), 1, 'm2');
    expect((await stores.ledger.openDigests('slack:C12')).map((d) => d.windowEnd)).toEqual([T2]);
    expect(await stores.targets.remove('slack:C12')).toBe(true);
    // Added again (its digestFrom before both): nothing of the earlier target's is resumed.
    await stores.targets.upsert({ ...target('slack:C12'), digestFrom: T0 });
    expect(await stores.ledger.openDigests('slack:C12')).toEqual([]);
    expect((await stores.ledger.openDigests()).some((d) => d.targetId === 'slack:C12')).toBe(false);
    expect((await stores.ledger.parts('slack:C12', T2.toISOString())).map((p) => [p.part, p.status])).toEqual([[1, 'sent']]);
    expect([...(await stores.ledger.deliveredPapers('slack:C12', ['2401.00011', '2401.00012', '2401.00013'])).keys()].sort()).toEqual(['2401.00011', '2401.00012', '2401.00013']);
  });

  it('ledger: openDigests(targetId) returns only that target\'s open digests, oldest first', async () => {
    // 'slack:F1' is a prefix of 'slack:F10': the filter must match the id exactly.
    for (const id of ['slack:F1', 'slack:F10', 'discord:F2']) await stores.targets.upsert(target(id));
    const plan = (targetId: string, windowEnd: Date) => ({ targetId, windowStart: null, windowEnd, items: [], createdAt: windowEnd });
    await stores.ledger.planDigest(plan('slack:F1', T2));
    await stores.ledger.planDigest(plan('slack:F1', T1));
    await stores.ledger.planDigest(plan('slack:F10', T1));
    await stores.ledger.planDigest(plan('discord:F2', T1));
    // One of F1's windows is fully sent: closed, so not listed.
    await stores.ledger.markPending('slack:F1', T2.toISOString(), 1, 1);
    await stores.ledger.markSent('slack:F1', T2.toISOString(), 1, '1700000000.000300');

    const f1 = await stores.ledger.openDigests('slack:F1');
    expect(f1.map((d) => [d.targetId, d.windowEnd.toISOString()])).toEqual([['slack:F1', T1.toISOString()]]);
    expect((await stores.ledger.openDigests('slack:F10')).map((d) => d.targetId)).toEqual(['slack:F10']);
    expect(await stores.ledger.openDigests('slack:nobody')).toEqual([]);
    // The unfiltered list still has every target's, and agrees with the filtered one.
    const all = (await stores.ledger.openDigests()).filter((d) => d.targetId.includes(':F'));
    expect(all.map((d) => d.targetId).sort()).toEqual(['discord:F2', 'slack:F1', 'slack:F10']);
    expect(all.filter((d) => d.targetId === 'slack:F1')).toEqual(f1);

    await stores.targets.markDelivered('slack:F10', T1);
    expect(await stores.ledger.openDigests('slack:F10')).toEqual([]);
  });

  it('ledger: openDigests lists hundreds of open digests (more keys than one query may bind)', async () => {
    // 520 digests bind 1,040 parameters in one OR query: over SQLite's limit of 999 (one query failed).
    const ids = Array.from({ length: 520 }, (_, i) => `discord:bulk${String(i).padStart(3, '0')}`);
    for (const id of ids) await stores.ledger.planDigest({ targetId: id, windowStart: null, windowEnd: T0, items: [], createdAt: T0 });
    await stores.ledger.markPending(ids[0]!, T0.toISOString(), 1, 1);
    await stores.ledger.markSent(ids[0]!, T0.toISOString(), 1, '1');
    const open = (await stores.ledger.openDigests()).filter((d) => d.targetId.startsWith('discord:bulk'));
    expect(open.map((d) => d.targetId)).toEqual(ids.slice(1));
  });

  it('ledger: a plan remembers its papers for the target; later plans drop them unless resent', async () => {
    const item = (id: string, version: number | null = 1) => ({ arxivId: id, topicSlug: 'tts', score: 0.5, why: 'w', version });
    // 600 papers: more than one IN list carries.
    const many = Array.from({ length: 600 }, (_, i) => item(`2402.${String(i).padStart(5, '0')}`));
    const first = await stores.ledger.planDigest({ targetId: 'slack:M1', windowStart: T0, windowEnd: T1, items: many, createdAt: T1 });
    expect(first.items).toHaveLength(600);
    const given = await stores.ledger.deliveredPapers('slack:M1', ['2402.00000', '2402.00599', '2402.99999']);
    expect([...given.entries()].sort()).toEqual([
      ['2402.00000', T1.toISOString()],
      ['2402.00599', T1.toISOString()],
    ]);
    // Overlapping window, a v2 of a paper already given, and one new paper: only the new one is kept.
    const second = await stores.ledger.planDigest({ targetId: 'slack:M1', windowStart: T0, windowEnd: T2, items: [item('2402.00001', 2), item('2402.77777')], createdAt: T2 });
    expect(second.items.map((i) => i.arxivId)).toEqual(['2402.77777']);
    expect((await stores.ledger.openDigests('slack:M1')).find((d) => d.windowEnd.getTime() === T2.getTime())!.items.map((i) => i.arxivId)).toEqual(['2402.77777']);
    // Another target's memory is its own.
    expect((await stores.ledger.planDigest({ targetId: 'slack:M2', windowStart: T0, windowEnd: T1, items: [item('2402.00001')], createdAt: T1 })).items).toHaveLength(1);
    // Resend on purpose keeps it.
    const T3 = new Date(T2.getTime() + 86_400_000);
    const resent = await stores.ledger.planDigest({ targetId: 'slack:M1', windowStart: T0, windowEnd: T3, items: [item('2402.00001', 2)], createdAt: T3 }, { resend: true });
    expect(resent.items.map((i) => i.arxivId)).toEqual(['2402.00001']);
    expect((await stores.ledger.deliveredPapers('slack:M1', ['2402.00001'])).get('2402.00001')).toBe(T3.toISOString());
  });

  it('ledger: two plans claiming the same papers at once (two connections) give each paper to one of them', async () => {
    const other = await second();
    const items = Array.from({ length: 30 }, (_, i) => ({ arxivId: `2403.${String(i).padStart(5, '0')}`, topicSlug: 'tts', score: 0.5, why: 'w' }));
    const windows = Array.from({ length: 6 }, (_, i) => new Date(T0.getTime() + (i + 1) * 60_000));
    const plans = await Promise.all(windows.map((w, i) => (i % 2 ? other : stores).ledger.planDigest({ targetId: 'slack:M3', windowStart: T0, windowEnd: w, items, createdAt: w })));
    const planned = plans.flatMap((p) => p.items.map((i) => i.arxivId)).sort();
    expect(planned).toEqual(items.map((i) => i.arxivId));
  });

  it('runs: two concurrent claims of one slot, exactly one wins', async () => {
    const other = await second();
    const results = await Promise.all([
      stores.runs.claim('ingest', '2026-11-22T09:00', 'replica-a', T2),
      other.runs.claim('ingest', '2026-11-22T09:00', 'replica-b', T2),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await stores.runs.claim('ingest', '2026-11-22T09:00', 'replica-c', T2)).toBe(false);
    expect(await stores.runs.lastRun('ingest')).toEqual({ slot: '2026-11-22T09:00', status: 'running', finishedAt: null });
    await stores.runs.complete('ingest', '2026-11-22T09:00', 'succeeded', null, T2);
    expect(await stores.runs.lastRun('ingest')).toEqual({ slot: '2026-11-22T09:00', status: 'succeeded', finishedAt: T2 });
    expect(await stores.runs.lastRun('digest')).toBeNull();
  });

  it('runs: a lease is one holder\'s until it runs out or is released; two at once, one wins', async () => {
    const other = await second();
    const until = new Date(T2.getTime() + 60_000);
    const results = await Promise.all([stores.runs.lease('digest:console', 'run-a', T2, until), other.runs.lease('digest:console', 'run-b', T2, until)]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    const winner = results[0] === null ? 'run-a' : 'run-b';
    const loser = winner === 'run-a' ? 'run-b' : 'run-a';
    expect(results.find((r) => r !== null)).toEqual({ holder: winner, expiresAt: until });
    // Its own holder extends it; someone else's release does nothing.
    const later = new Date(T2.getTime() + 120_000);
    expect(await stores.runs.lease('digest:console', winner, T2, later)).toBeNull();
    await stores.runs.release('digest:console', loser);
    expect(await stores.runs.lease('digest:console', loser, new Date(T2.getTime() + 90_000), later)).toEqual({ holder: winner, expiresAt: later });
    // Another key is free; a lease that ran out is anyone's (a run that died does not block for ever).
    expect(await stores.runs.lease('digest:slack:C1', loser, T2, until)).toBeNull();
    expect(await stores.runs.lease('digest:console', loser, later, new Date(later.getTime() + 60_000))).toBeNull();
    await stores.runs.release('digest:console', loser);
    expect(await stores.runs.lease('digest:console', 'run-c', later, until)).toBeNull();
  });

  it('runs: a lease whose holder is a process of this host that is gone is anyone\'s at once; a live or another host\'s holder keeps it', async () => {
    const other = await second();
    const until = new Date(T2.getTime() + 60_000);
    // Two runs of one process are two holders, and neither is gone to the other.
    const [a, b] = [stores.runs.newHolder(), other.runs.newHolder()];
    expect(a).not.toBe(b);
    expect(a.startsWith(`${thisLeaseHost()} pid ${process.pid} `)).toBe(true);
    expect(await stores.runs.lease('digest:slack:G1', a, T2, until)).toBeNull();
    expect(await other.runs.lease('digest:slack:G1', b, T2, until)).toEqual({ holder: a, expiresAt: until });
    // A dead pid of this host, or this pid under another instance (a restarted container): taken now, long before the lapse.
    const gonePid = deadPid();
    const dead = `${thisLeaseHost()} pid ${gonePid} 0123456789ab run 1`;
    const restarted = `${thisLeaseHost()} pid ${process.pid} 0123456789ab run 7`;
    expect(await stores.runs.lease('digest:slack:G2', dead, T2, until)).toBeNull();
    expect(await stores.runs.lease('digest:slack:G3', restarted, T2, until)).toBeNull();
    // The taker is told whose lease it took, so a run can say it took over from one that stopped.
    expect(await other.runs.lease('digest:slack:G2', b, T2, until)).toEqual({ tookOverFrom: `${thisLeaseHost()} pid ${gonePid}` });
    expect(await other.runs.lease('digest:slack:G3', b, T2, until)).toEqual({ tookOverFrom: `${thisLeaseHost()} pid ${process.pid}` });
    // Its own lease extended is no take-over.
    expect(await other.runs.lease('digest:slack:G2', b, T2, until)).toBeNull();
    expect(await stores.runs.lease('digest:slack:G2', a, T2, until)).toEqual({ holder: b, expiresAt: until });
    // Two takers of one dead holder's lease at once: one of them gets it.
    expect(await stores.runs.lease('digest:slack:G4', dead, T2, until)).toBeNull();
    const c = stores.runs.newHolder();
    const results = await Promise.all([stores.runs.lease('digest:slack:G4', c, T2, until), other.runs.lease('digest:slack:G4', b, T2, until)]);
    expect(results.filter((r) => r !== null && 'tookOverFrom' in r)).toHaveLength(1);
    expect(results.filter((r) => r !== null && 'holder' in r)).toHaveLength(1);
    // Another host's holder, even with a pid dead here, and a holder that names no process, wait for the lapse.
    const elsewhere = `elsewhere-${thisLeaseHost()} pid ${deadPid()} 0123456789ab run 1`;
    expect(await stores.runs.lease('digest:slack:G5', elsewhere, T2, until)).toBeNull();
    expect(await other.runs.lease('digest:slack:G5', b, T2, until)).toEqual({ holder: elsewhere, expiresAt: until });
    expect(await stores.runs.lease('digest:slack:G6', 'a run that died', T2, until)).toBeNull();
    expect(await other.runs.lease('digest:slack:G6', b, T2, until)).toEqual({ holder: 'a run that died', expiresAt: until });
    expect(await other.runs.lease('digest:slack:G6', b, until, new Date(until.getTime() + 60_000))).toBeNull();
  });

  it('cache: put, overwrite, get, atomic increments', async () => {
    await stores.cache.putMany('emb', [
      ['a', '[1,2]'],
      ['b', '[3]'],
    ]);
    await stores.cache.putMany('emb', [['a', '[9]']]);
    const got = await stores.cache.getMany('emb', ['a', 'b', 'c']);
    expect(Object.fromEntries(got)).toEqual({ a: '[9]', b: '[3]' });
    expect((await stores.cache.getMany('other', ['a'])).size).toBe(0);

    const other = await second();
    expect(await stores.cache.increment('tokens', '2026-11-22', 5)).toBe(5);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? stores : other).cache.increment('tokens', '2026-11-22', 1)));
    expect(Math.max(...results)).toBe(15);
    expect(new Set(results).size).toBe(10);
  });

  it('ping succeeds while open', async () => {
    await expect(stores.ping()).resolves.toBeUndefined();
  });
});

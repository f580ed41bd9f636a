import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../jobs/ingest.js';
import { createSource } from '../../src/sources/index.js';
import { startFakeArxiv, type ArxivEntry, type FakeArxiv } from '../helpers/fake-arxiv.js';
import { hfItem, startFakeHf } from '../helpers/fake-hf.js';
import { logger, openTestStores, recordingSleep, sourceConfig, type TestStores } from './ingest-support.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/sources/${name}`, import.meta.url), 'utf8');

const entry = (n: number, day: string, over: Partial<ArxivEntry> = {}): ArxivEntry => ({
  id: `2611.${String(n).padStart(5, '0')}v1`,
  title: `Paper ${n}`,
  summary: `Abstract ${n}`,
  authors: ['A. Author', 'B. Author'],
  published: `${day}T12:00:00Z`,
  primaryCategory: 'cs.CL',
  categories: ['cs.LG'],
  ...over,
});

describe('ingest from a local arXiv API', () => {
  let arxiv: FakeArxiv;
  let db: TestStores;
  beforeEach(async () => {
    arxiv = await startFakeArxiv({
      entries: [entry(1, '2026-11-26'), entry(2, '2026-11-26'), entry(3, '2026-11-26'), entry(4, '2026-11-27'), entry(5, '2026-11-27', { primaryCategory: 'math.AG', categories: [] })],
      listing: fixture('arxiv-rss.atom.xml'),
    });
    db = await openTestStores();
  });
  afterEach(async () => {
    await arxiv.close();
    await db.close();
  });

  function ingestApi(from: string, to: string, categories?: string[]) {
    const rec = recordingSleep();
    const source = createSource('arxiv', sourceConfig({ PAPERBOY_ARXIV_API_URL: arxiv.apiUrl }), { sleep: rec.sleep, now: rec.now });
    return runIngest({ stores: db.stores, source, logger }, { from, to, ...(categories ? { categories } : {}) }).then((s) => ({ ...s, waits: rec.waits }));
  }

  it('ingests a date window by category, one request at a time, spaced by the arXiv delay', async () => {
    const s = await ingestApi('2026-11-26', '2026-11-27');
    expect(s).toMatchObject({ status: 'succeeded', created: 4, units: 2 });
    expect(await db.stores.papers.get('2611.00001')).toMatchObject({ version: 1, categories: ['cs.CL', 'cs.LG'], pdfUrl: 'https://arxiv.org/pdf/2611.00001v1', sources: ['arxiv'] });
    expect(await db.stores.papers.get('2611.00005')).toBeNull();
    const queries = arxiv.server.requests.filter((r) => r.url.startsWith('/api/query'));
    expect(queries).toHaveLength(2);
    // The second request waited the full interval after the first one started (the clock only moves by sleeps).
    expect(s.waits).toEqual([3000]);
  });

  it('"Rate exceeded." and the Error entry fail their day, not the run', async () => {
    const rateExceeded = { status: 200, body: 'Rate exceeded.', headers: { 'content-type': 'text/plain' } };
    arxiv.failDay('2026-11-26', [rateExceeded]);
    let s = await ingestApi('2026-11-26', '2026-11-26');
    // One "Rate exceeded." is waited out and asked again.
    expect(s).toMatchObject({ status: 'succeeded', created: 3 });
    expect(s.waits).toContain(10_000);

    await db.close();
    db = await openTestStores();
    arxiv.failDay('2026-11-26', [rateExceeded, rateExceeded, rateExceeded]);
    s = await ingestApi('2026-11-26', '2026-11-27');
    expect(s).toMatchObject({ status: 'partial', created: 1 });
    expect(s.failures[0]).toMatchObject({ unit: '2026-11-26' });
    expect(s.failures[0]!.error).toMatch(/Rate exceeded/);

    arxiv.failDay('2026-11-26', [{ status: 200, body: fixture('arxiv-api-error.atom.xml'), headers: { 'content-type': 'application/atom+xml' } }]);
    s = await ingestApi('2026-11-26', '2026-11-26');
    expect(s.status).toBe('failed');
    expect(s.failures[0]!.error).toMatch(/arXiv API rejected the query: incorrect id format for 1234.12345v/);
    expect(await db.stores.papers.count()).toBe(1);
  });

  it('truncated XML is a parse failure, not papers', async () => {
    const body = fixture('arxiv-api.atom.xml');
    arxiv.failDay('2026-11-27', [{ status: 200, body: body.slice(0, body.indexOf('</entry>') + 3), headers: { 'content-type': 'application/atom+xml' } }]);
    const s = await ingestApi('2026-11-27', '2026-11-27');
    expect(s.status).toBe('failed');
    expect(s.failures[0]!.error).toMatch(/^the feed is cut short or malformed before its first complete entry \((it ends )?at line \d+, column \d+\) \(from http/);
    expect(await db.stores.papers.count()).toBe(0);
  });

  it('arXiv RSS: new/cross create, replace updates a known paper, replace of an unknown one is skipped', async () => {
    await db.stores.papers.upsertMany([{ arxivId: '2411.04965', source: 'hf', version: null, title: 'BitNet a4.8', abstract: 'old', upvotes: 42 }], new Date('2026-11-01T00:00:00Z'));
    const source = createSource('rss', sourceConfig({ PAPERBOY_ARXIV_RSS_URL: arxiv.rssUrl }));
    const s = await runIngest({ stores: db.stores, source, logger }, { from: '2026-11-27', to: '2026-11-27', categories: ['cs.CL', 'cs.SD'] });
    expect(s).toMatchObject({ status: 'succeeded', created: 2, updated: 1, skipped: 1 });
    expect(arxiv.server.requests.at(-1)!.url).toBe('/atom/cs.CL+cs.SD');
    const bitnet = await db.stores.papers.get('2411.04965');
    expect(bitnet).toMatchObject({ version: 3, abstract: 'A revised abstract for version three.', upvotes: 42, sources: ['hf', 'rss'] });
    expect(await db.stores.papers.get('2401.00001')).toBeNull();
  });

  it('the same paper from HF and arXiv is one paper with both sources merged', async () => {
    const hf = await startFakeHf({ days: { '2026-11-26': [hfItem({ id: '2611.00001', day: '2026-11-26', upvotes: 17, title: 'Paper 1 (HF title)' })] } });
    try {
      await runIngest({ stores: db.stores, source: createSource('hf', sourceConfig({ PAPERBOY_HF_API_URL: hf.apiUrl })), logger }, { from: '2026-11-26', to: '2026-11-26' });
      await ingestApi('2026-11-26', '2026-11-26');
      const p = await db.stores.papers.get('2611.00001');
      expect(p).toMatchObject({ upvotes: 17, categories: ['cs.CL', 'cs.LG'], version: 1, title: 'Paper 1', sources: ['arxiv', 'hf'] });
      expect(await db.stores.papers.count()).toBe(3);
    } finally {
      await hf.close();
    }
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../jobs/ingest.js';
import { createSource } from '../../src/sources/index.js';
import { hfItem, startFakeHf, type FakeHf } from '../helpers/fake-hf.js';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { logger, openTestStores, providers, recordingSleep, sourceConfig, type TestStores } from './ingest-support.js';

const D1 = '2026-11-25';
const D2 = '2026-11-26';
const D3 = '2026-11-27';

describe.each(await providers())('ingest from a local Hugging Face API into %s', (provider) => {
  let hf: FakeHf;
  let db: TestStores;
  let clock: { now: () => Date };

  // One migrated database per provider for the file; emptied before each test.
  beforeAll(async () => {
    db = await openTestStores(provider, { busyTimeoutMs: 300 });
  });
  afterAll(async () => {
    await db.close();
  });

  beforeEach(async () => {
    await db.reset();
    hf = await startFakeHf({
      days: {
        [D1]: [hfItem({ id: '2611.00001', day: D1, upvotes: 5 }), hfItem({ id: '2611.00002', day: D1 })],
        [D2]: [hfItem({ id: '2611.00003', day: D2, extra: { ai_summary: 'AI says hi', ai_keywords: ['speech'] } })],
        [D3]: [],
      },
    });
    let t = Date.parse('2026-11-28T10:00:00Z');
    clock = { now: () => new Date((t += 1000)) };
  });
  afterEach(async () => {
    await hf.close();
  });

  function ingest(from: string, to: string, over: Parameters<typeof sourceConfig>[0] = {}) {
    const rec = recordingSleep();
    const source = createSource('hf', sourceConfig({ PAPERBOY_HF_API_URL: hf.apiUrl, ...over }), { sleep: rec.sleep });
    return runIngest({ stores: db.stores, source, logger, clock }, { from, to }).then((s) => ({ ...s, waits: rec.waits }));
  }

  it('stores every paper of a range, records the run, and an empty day is fine', async () => {
    const s = await ingest(D1, D3);
    expect(s).toMatchObject({ status: 'succeeded', created: 3, updated: 0, failed: 0, units: 3, failures: [] });
    const p = await db.stores.papers.get('2611.00003');
    expect(p).toMatchObject({ aiSummary: 'AI says hi', aiKeywords: ['speech'], sources: ['hf'], upvotes: 3 });
    const [run] = await db.stores.ingestRuns.latest(1);
    expect(run).toMatchObject({ source: 'hf', window: `${D1}..${D3}`, status: 'succeeded', created: 3, failed: 0, error: null });
  });

  it('a second identical run writes nothing and says so', async () => {
    await ingest(D1, D2);
    const before = await db.stores.papers.get('2611.00001');
    const writesBefore = db.writes();
    const s = await ingest(D1, D2);
    expect(s).toMatchObject({ created: 0, updated: 0, unchanged: 3, status: 'succeeded' });
    expect(db.writes()).toBe(writesBefore);
    expect((await db.stores.papers.get('2611.00001'))!.updatedAt).toEqual(before!.updatedAt);
  });

  it('a changed upstream record updates the paper', async () => {
    await ingest(D1, D1);
    hf.setDay(D1, [hfItem({ id: '2611.00001', day: D1, upvotes: 99, numComments: 4 }), hfItem({ id: '2611.00002', day: D1 })]);
    const s = await ingest(D1, D1);
    expect(s).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await db.stores.papers.get('2611.00001')).toMatchObject({ upvotes: 99, commentCount: 4 });
  });

  it('follows pages until a short page', async () => {
    const many = Array.from({ length: 230 }, (_, i) => hfItem({ id: `2611.${String(100 + i).padStart(5, '0')}`, day: D3 }));
    hf.setDay(D3, many);
    const s = await ingest(D3, D3);
    expect(s.created).toBe(230);
    expect(hf.requestCount()).toBe(3);
  });

  it('a later page that fails keeps the pages read before it: the day is partial, and read again next run', async () => {
    const many = Array.from({ length: 230 }, (_, i) => hfItem({ id: `2611.${String(100 + i).padStart(5, '0')}`, day: D3 }));
    hf.setDay(D3, many);
    hf.server.script((u) => u.pathname === '/api/daily_papers' && u.searchParams.get('p') === '1', [{ status: 404, body: '{"error":"Not Found"}', headers: { 'content-type': 'application/json' } }]);
    const s = await ingest(D3, D3);
    expect(s).toMatchObject({ status: 'partial', created: 100 });
    expect(s.failures).toEqual([expect.objectContaining({ unit: D3, partial: true })]);
    expect(s.failures[0]!.error).toMatch(/^page 2 of 2026-11-27 failed: the 100 papers of page 1 were kept \(run again for the rest\); HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?date=2026-11-27&limit=100&p=1/);
    const [run] = await db.stores.ingestRuns.latest(1);
    expect(run).toMatchObject({ status: 'partial' });
    const again = await ingest(D3, D3);
    expect(again).toMatchObject({ status: 'succeeded', created: 130, unchanged: 100 });
  });

  it('a later page that fails on a re-run of a settled day is asked for once, and the day is partial', async () => {
    const many = Array.from({ length: 230 }, (_, i) => hfItem({ id: `2611.${String(100 + i).padStart(5, '0')}`, day: D3 }));
    hf.setDay(D3, many);
    await ingest(D3, D3);
    hf.server.script((u) => u.pathname === '/api/daily_papers' && u.searchParams.get('p') === '1', [{ status: 404, body: '{"error":"Not Found"}', headers: { 'content-type': 'application/json' } }]);
    const s = await ingest(D3, D3);
    expect(s).toMatchObject({ status: 'partial', created: 0, unchanged: 100 });
    expect(s.failures).toEqual([expect.objectContaining({ unit: D3, partial: true, error: expect.stringMatching(/^page 2 of 2026-11-27 failed: the 100 papers of page 1 were kept/) })]);
    expect(hf.requestCount()).toBe(3 + 2);
  });

  it('one failed day does not lose the others; the failure says what and why', async () => {
    hf.failDay(D2, [{ status: 200, body: '[{"paper": {"id": "2611.0', headers: { 'content-type': 'application/json' } }]);
    const s = await ingest(D1, D3);
    expect(s.status).toBe('partial');
    expect(s.created).toBe(2);
    expect(s.failures).toHaveLength(1);
    expect(s.failures[0]!.unit).toBe(D2);
    expect(s.failures[0]!.error).toMatch(/malformed or truncated JSON/);
    const [run] = await db.stores.ingestRuns.latest(1);
    expect(run).toMatchObject({ status: 'partial', failed: 1 });
    expect(run!.error).toContain(D2);
  });

  it('an HTML error page is a clear failure, not papers', async () => {
    hf.failDay(D1, [{ status: 200, body: '<!DOCTYPE html><html><head><title>Hugging Face – Maintenance</title></head><body>Back soon</body></html>', headers: { 'content-type': 'text/html' } }]);
    const s = await ingest(D1, D1);
    expect(s).toMatchObject({ status: 'failed', created: 0 });
    expect(s.failures[0]!.error).toMatch(/expected JSON but got an HTML page \("Hugging Face – Maintenance"\)/);
    expect(await db.stores.papers.count()).toBe(0);
  });

  it('JSON in a charset its label is not is read and said; UTF-8 under another label is UTF-8, as RFC 8259 reads it', async () => {
    const title = 'Café – naïve “quoted” Größe';
    const json = (id: string) => JSON.stringify([hfItem({ id, day: D1, title, authors: ['Zoë Ångström'] })]);
    hf.failDay(D1, [{ status: 200, body: iconv.encode(json('2611.00001'), 'windows-1252'), headers: { 'content-type': 'application/json; charset=shift_jis' } }]);
    hf.failDay(D2, [{ status: 200, body: Buffer.from(json('2611.00003')), headers: { 'content-type': 'application/json; charset=iso-8859-1' } }]);
    const s = await ingest(D1, D2);
    expect(s).toMatchObject({ status: 'succeeded', created: 2 });
    expect(await db.stores.papers.get('2611.00001')).toMatchObject({ title, authors: ['Zoë Ångström'] });
    expect(await db.stores.papers.get('2611.00003')).toMatchObject({ title, authors: ['Zoë Ångström'] });
    // RFC 8259 §11: a charset parameter on JSON has no effect, so UTF-8 under iso-8859-1 is nothing to say.
    expect(s.notes).toEqual([{ unit: D1, note: 'its bytes are not in the shift_jis it is labelled with: read as windows-1252' }]);
  });

  it('JSON with no charset label whose bytes are not UTF-8 is read as windows-1252 and said', async () => {
    const title = 'Café – naïve “quoted” Größe';
    hf.failDay(D1, [{ status: 200, body: iconv.encode(JSON.stringify([hfItem({ id: '2611.00001', day: D1, title })]), 'windows-1252'), headers: { 'content-type': 'application/json' } }]);
    const s = await ingest(D1, D1);
    expect(s).toMatchObject({ status: 'succeeded', created: 1 });
    expect(await db.stores.papers.get('2611.00001')).toMatchObject({ title });
    expect(s.notes).toEqual([{ unit: D1, note: 'its bytes are not UTF-8: read as windows-1252' }]);
  });

  it('an API error object sent with status 200 fails its day saying what the API said; other days are kept', async () => {
    hf.failDay(D1, [{ status: 200, body: '{"error":{"message":"Rate limit reached for anonymous users"}}', headers: { 'content-type': 'application/json' } }]);
    const s = await ingest(D1, D2);
    expect(s).toMatchObject({ status: 'partial', created: 1 });
    expect(s.failures.map((f) => [f.unit, f.error])).toEqual([[D1, expect.stringContaining('expected a JSON array of daily papers: Rate limit reached for anonymous users')]]);
    expect(await db.stores.papers.get('2611.00003')).not.toBeNull();
  });

  it('a body cut off mid-transfer is retried and then reported', async () => {
    const body = JSON.stringify([hfItem({ id: '2611.00001', day: D1 })]);
    hf.failDay(D1, [
      { status: 200, body, truncateAt: 40, headers: { 'content-type': 'application/json' } },
      { status: 200, body, truncateAt: 40, headers: { 'content-type': 'application/json' } },
    ]);
    const s = await ingest(D1, D1, { PAPERBOY_HTTP_RETRIES: 1 });
    expect(s.status).toBe('failed');
    expect(s.failures[0]!.error).toMatch(/network error .*: connection closed before the body was complete/);
    expect(s.waits).toHaveLength(1);
  });

  it('4xx is not retried', async () => {
    hf.failDay(D1, [{ status: 404, body: '{"error":"Not Found"}', headers: { 'content-type': 'application/json' } }]);
    const s = await ingest(D1, D1);
    expect(s.failures[0]!.error).toMatch(/^HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?date=2026-11-25.*Not Found/);
    expect(hf.requestCount()).toBe(1);
  });

  it('5xx then success: retried with backoff, nothing lost', async () => {
    hf.failDay(D1, [{ status: 503, body: 'upstream unavailable' }, { status: 502, body: 'bad gateway' }]);
    const s = await ingest(D1, D1);
    expect(s).toMatchObject({ status: 'succeeded', created: 2 });
    expect(s.waits).toHaveLength(2);
    expect(hf.requestCount()).toBe(3);
  });

  it('429 with Retry-After waits as asked', async () => {
    hf.failDay(D1, [{ status: 429, body: 'slow down', headers: { 'retry-after': '2' } }]);
    const s = await ingest(D1, D1);
    expect(s).toMatchObject({ status: 'succeeded', created: 2 });
    expect(s.waits).toEqual([2000]);
  });

  it('a 429 storm ends in a clear failure after the retry budget', async () => {
    hf.failDay(D1, Array.from({ length: 3 }, () => ({ status: 429, body: '', headers: { 'retry-after': '1' } })));
    const s = await ingest(D1, D2);
    expect(s.status).toBe('partial');
    expect(s.failures[0]).toMatchObject({ unit: D1 });
    expect(s.failures[0]!.error).toMatch(/HTTP 429/);
    expect(s.waits).toEqual([1000, 1000]);
  });

  it('a server that never answers times out', async () => {
    hf.failDay(D1, [{ hang: true }]);
    const s = await ingest(D1, D1, { PAPERBOY_HTTP_TIMEOUT_MS: 150, PAPERBOY_HTTP_RETRIES: 0 });
    expect(s.status).toBe('failed');
    expect(s.failures[0]!.error).toMatch(/timed out after 150 ms waiting for http:\/\/127\.0\.0\.1/);
  });

  it('papers with no abstract and hostile text are stored bounded and printable', async () => {
    const hostileTitle = `<b>@everyone</b> <!channel> \u0000\u001b[31m\u202Eevil ${'A'.repeat(10_000)}`;
    hf.setDay(D1, [
      hfItem({ id: '2611.00009', day: D1, summary: '' }),
      { ...hfItem({ id: '2611.00010', day: D1 }), paper: { ...hfItem({ id: '2611.00010', day: D1 }).paper, title: hostileTitle, summary: undefined } },
    ]);
    const s = await ingest(D1, D1);
    expect(s.created).toBe(2);
    expect((await db.stores.papers.get('2611.00009'))!.abstract).toBe('');
    const hostile = (await db.stores.papers.get('2611.00010'))!;
    expect(Array.from(hostile.title).length).toBeLessThanOrEqual(1000);
    expect(hostile.title).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(hostile.title.startsWith('<b>@everyone</b> <!channel>')).toBe(true);
  });

  it('a database failure inside a batch rolls the whole batch back; stored data stays as it was', async () => {
    // The injected trigger stays on the database, so this test gets one of its own.
    const shared = db;
    db = await openTestStores(provider);
    try {
      await triggerCase();
    } finally {
      await db.close();
      db = shared;
    }
  });

  async function triggerCase() {
    await ingest(D1, D1);
    const before = await db.stores.papers.get('2611.00001');
    hf.setDay(D1, [hfItem({ id: '2611.00001', day: D1, upvotes: 1234 }), hfItem({ id: '2611.00099', day: D1 })]);
    await db.database.failInsertsOf('2611.00099');
    const s = await ingest(D1, D2);
    expect(s.status).toBe('partial');
    expect(s.failures).toHaveLength(1);
    expect(s.failures[0]!.unit).toBe(D1);
    expect(s.failures[0]!.error).toMatch(/injected test failure/);
    expect(await db.stores.papers.get('2611.00001')).toEqual(before);
    expect(await db.stores.papers.get('2611.00099')).toBeNull();
    expect(await db.stores.papers.get('2611.00003')).not.toBeNull();
  }

  it.runIf(provider === 'sqlite')('a database locked mid-run fails the unit with a clear error and loses nothing', async () => {
    await ingest(D1, D1);
    const before = await db.stores.papers.get('2611.00001');
    hf.setDay(D1, [hfItem({ id: '2611.00001', day: D1, upvotes: 777 })]);
    const other = new Database(db.database.url.slice('file:'.length));
    const source = createSource('hf', sourceConfig({ PAPERBOY_HF_API_URL: hf.apiUrl }));
    const fetchRaw = source.fetchRaw!.bind(source);
    // Another process takes the write lock after the run has started and the day is fetched.
    source.fetchRaw = async (unit, signal) => {
      const fetched = await fetchRaw(unit, signal);
      other.exec('BEGIN IMMEDIATE');
      return fetched;
    };
    let s;
    try {
      s = await runIngest({ stores: db.stores, source, logger, clock }, { from: D1, to: D1 });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(s.status).toBe('failed');
    expect(s.failures.map((f) => f.unit)).toEqual([D1, 'ingest run record']);
    expect(s.failures[0]!.error).toMatch(/^database .*(timed out|locked|busy)/i);
    expect(await db.stores.papers.get('2611.00001')).toEqual(before);
    expect((await ingest(D1, D1)).updated).toBe(1);
  });

  it.runIf(provider === 'sqlite')('a database locked at start stops the run before anything is fetched', async () => {
    const other = new Database(db.database.url.slice('file:'.length));
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(ingest(D1, D1)).rejects.toThrow();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(hf.requestCount()).toBe(0);
  });

  it('a database that is down stops the run before anything is fetched', async () => {
    db.stores.ingestRuns.start = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    };
    await expect(ingest(D1, D1)).rejects.toThrow(/ECONNREFUSED/);
    expect(hf.requestCount()).toBe(0);
  });

  it('an interrupted run stops between units and is still recorded', async () => {
    const abort = new AbortController();
    const source = createSource('hf', sourceConfig({ PAPERBOY_HF_API_URL: hf.apiUrl }));
    const progress = {
      start() {},
      unitDone() {
        abort.abort(new Error('interrupted by SIGINT'));
      },
      stop() {},
    };
    const s = await runIngest({ stores: db.stores, source, logger, clock, progress, signal: abort.signal }, { from: D1, to: D3 });
    expect(s).toMatchObject({ status: 'partial', created: 2 });
    expect(s.failures).toEqual([
      { unit: D2, error: 'not fetched: ingest was interrupted', interrupted: true },
      { unit: D3, error: 'not fetched: ingest was interrupted', interrupted: true },
    ]);
    const [run] = await db.stores.ingestRuns.latest(1);
    expect(run).toMatchObject({ status: 'partial', failed: 2 });
  });

  it('tells a listener which papers changed, per committed batch', async () => {
    const seen: string[][] = [];
    const source = createSource('hf', sourceConfig({ PAPERBOY_HF_API_URL: hf.apiUrl }));
    await runIngest({ stores: db.stores, source, logger, clock, onPapersChanged: (ids) => void seen.push(ids) }, { from: D1, to: D2 });
    expect(seen.flat().sort()).toEqual(['2611.00001', '2611.00002', '2611.00003']);
    seen.length = 0;
    await runIngest({ stores: db.stores, source, logger, clock, onPapersChanged: (ids) => void seen.push(ids) }, { from: D1, to: D2 });
    expect(seen).toEqual([]);
  });
});

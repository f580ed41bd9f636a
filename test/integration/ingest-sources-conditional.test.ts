/**
 * Conditional GET for the arXiv listing (`rss`), Hugging Face days and arXiv API days, by the one
 * mechanism feeds use (jobs/ingest.ts keeps validators, sources/conditional-pages.ts asks with
 * them). Paged units are unchanged only when every page answers 304: a page's validators say
 * nothing of the next, so a change on page 2 must be read though page 1 answers 304.
 * A local HTTP server that honours If-None-Match / If-Modified-Since; real databases.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeSummary, runIngest } from '../../jobs/ingest.js';
import type { PaperSource } from '../../src/core/ports.js';
import { createSource } from '../../src/sources/index.js';
import { createHfDailyPapersSource } from '../../src/sources/hf-daily-papers.js';
import { createArxivApiSource } from '../../src/sources/arxiv-api.js';
import { createThrottle } from '../../src/net/throttle.js';
import { createHttpClient } from '../../src/net/http.js';
import { startHttpServer, type TestServer } from '../helpers/http-server.js';
import { hfItem } from '../helpers/fake-hf.js';
import { arxivFeedXml, type ArxivEntry } from '../helpers/fake-arxiv.js';
import { logger, providers, recordingSleep, sourceConfig, useTestStores } from './ingest-support.js';

const DAY = '2026-11-27';
const LAST_MODIFIED = 'Fri, 27 Nov 2026 10:00:00 GMT';
const etagOf = (body: string) => `W/"${createHash('sha1').update(body).digest('hex').slice(0, 12)}"`;

const listing = (ids: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<id>http://rss.arxiv.org/atom/cs.CL</id><title>cs.CL updates on arXiv.org</title><updated>2026-11-27T00:00:00-05:00</updated>
${ids.map((id) => `<entry><id>oai:arXiv.org:${id}v1</id><title>Listing paper ${id}</title><link href="https://arxiv.org/abs/${id}" rel="alternate" type="text/html"/><summary>arXiv:${id}v1 Announce Type: new Abstract: About ${id}.</summary><category term="cs.CL"/><published>2026-11-27T00:00:00-05:00</published><arxiv:announce_type>new</arxiv:announce_type><dc:creator>Ada Lovelace, Alan Turing</dc:creator></entry>`).join('\n')}
</feed>`;

const entry = (id: string): ArxivEntry => ({ id: `${id}v1`, title: `API paper ${id}`, summary: `About ${id}.`, authors: ['Ada Lovelace'], published: `${DAY}T10:00:00Z`, primaryCategory: 'cs.CL' });

/**
 * The papers each resource holds now, and a server that serves them with an ETag made from the
 * body (and a fixed Last-Modified), answering 304 when the request's validators match.
 */
interface Served {
  listing: string[];
  hf: string[];
  api: string[];
  /** Titles changed since the first read, by id. */
  retitled: Record<string, string>;
  validators: boolean;
}

const PAGE = 2;

function bodyFor(url: URL, served: Served): { body: string; type: string } | null {
  if (url.pathname.startsWith('/atom/')) return { body: listing(served.listing), type: 'application/atom+xml; charset=utf-8' };
  if (url.pathname === '/api/daily_papers') {
    const p = Number(url.searchParams.get('p'));
    const limit = Number(url.searchParams.get('limit'));
    const items = served.hf.slice(p * limit, (p + 1) * limit).map((id) => hfItem({ id, day: DAY, ...(served.retitled[id] ? { title: served.retitled[id] } : {}) }));
    return { body: JSON.stringify(items), type: 'application/json; charset=utf-8' };
  }
  if (url.pathname === '/api/query') {
    const start = Number(url.searchParams.get('start'));
    const max = Number(url.searchParams.get('max_results'));
    const entries = served.api.slice(start, start + max).map((id) => ({ ...entry(id), ...(served.retitled[id] ? { title: served.retitled[id] } : {}) }));
    return { body: arxivFeedXml(entries, served.api.length, start), type: 'application/atom+xml; charset=utf-8' };
  }
  return null;
}

describe.each(await providers())('conditional requests for the rss, hf and arxiv sources (%s)', (provider) => {
  const db = useTestStores(provider);
  let server: TestServer;
  const served: Served = { listing: [], hf: [], api: [], retitled: {}, validators: true };
  beforeAll(async () => {
    server = await startHttpServer((req, res, url) => {
      const got = bodyFor(url, served);
      if (!got) return void res.writeHead(404).end();
      const etag = etagOf(got.body);
      const validators = served.validators ? { etag, 'last-modified': LAST_MODIFIED } : {};
      const inm = req.headers['if-none-match'];
      if (served.validators && (inm === etag || (!inm && req.headers['if-modified-since'] === LAST_MODIFIED))) return void res.writeHead(304, validators).end();
      res.writeHead(200, { 'content-type': got.type, ...validators }).end(got.body);
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    Object.assign(served, { listing: ['2611.00001', '2611.00002'], hf: ['2611.00011', '2611.00012', '2611.00013'], api: ['2611.00021', '2611.00022', '2611.00023'], retitled: {}, validators: true });
    server.requests.length = 0;
  });

  const config = () => sourceConfig({ PAPERBOY_ARXIV_RSS_URL: server.url, PAPERBOY_HF_API_URL: `${server.url}/api`, PAPERBOY_ARXIV_API_URL: `${server.url}/api` });
  const http = () => createHttpClient({ timeoutMs: 2000, retries: 0, userAgent: 'paperboy-test/1' });
  const sources: Record<'rss' | 'hf' | 'arxiv', () => PaperSource> = {
    rss: () => createSource('rss', config(), { sleep: recordingSleep().sleep }),
    // Two papers a page, so that a day has pages after the first.
    hf: () => createHfDailyPapersSource({ baseUrl: `${server.url}/api`, http: http(), pageSize: PAGE }),
    arxiv: () => createArxivApiSource({ baseUrl: `${server.url}/api`, http: http(), throttle: createThrottle(0), defaultCategories: ['cs.CL'], pageSize: PAGE }),
  };
  const ingest = (name: keyof typeof sources, opts: { force?: boolean } = {}) => runIngest({ stores: db.stores, source: sources[name](), logger, ...opts }, { from: DAY, to: DAY });
  const asked = (from = 0) => server.requests.slice(from).map((r) => [new URL(r.url, server.url).searchParams.get('p') ?? new URL(r.url, server.url).searchParams.get('start') ?? 'listing', r.headers['if-none-match'] ?? null]);
  const countUpserts = () => {
    const calls = { n: 0 };
    const real = db.stores.papers.upsertMany;
    db.stores.papers.upsertMany = (inputs, now) => {
      calls.n++;
      return real(inputs, now);
    };
    return calls;
  };

  it('rss: the listing is asked with the validators of its last whole read; a 304 counts it unchanged, a changed listing is read', async () => {
    expect(await ingest('rss')).toMatchObject({ status: 'succeeded', created: 2 });
    expect(server.requests[0]!.headers['if-none-match']).toBeUndefined();
    const upserts = countUpserts();
    const same = await ingest('rss');
    expect(server.requests[1]!.headers['if-none-match']).toBe(etagOf(listing(served.listing)));
    expect(server.requests[1]!.headers['if-modified-since']).toBe(LAST_MODIFIED);
    expect(same).toMatchObject({ status: 'succeeded', created: 0, unchanged: 2, notes: [{ note: `not modified since ${LAST_MODIFIED} (HTTP 304): not re-read` }] });
    expect(upserts.n).toBe(0);
    served.listing.push('2611.00003');
    expect(await ingest('rss')).toMatchObject({ status: 'succeeded', created: 1, unchanged: 2, notes: [] });
  });

  for (const name of ['hf', 'arxiv'] as const) {
    const ids = () => (name === 'hf' ? served.hf : served.api);

    it(`${name}: a day whose every page answers 304 is counted unchanged, not re-read`, async () => {
      expect(await ingest(name)).toMatchObject({ status: 'succeeded', created: 3 });
      expect(asked()).toEqual([['0', null], [name === 'hf' ? '1' : String(PAGE), null]]);
      const upserts = countUpserts();
      const same = await ingest(name);
      expect(asked(2).map(([, inm]) => inm !== null)).toEqual([true, true]);
      expect(same).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: 3 });
      expect(describeSummary(same)).toBe(`${name} ${DAY}: nothing changed (3 unchanged); not modified since ${LAST_MODIFIED} (HTTP 304 for each of its 2 pages): not re-read`);
      expect(upserts.n).toBe(0);
    });

    it(`${name}: a later page that changed is read though the first answers 304, and the day is read whole`, async () => {
      await ingest(name);
      // The paper on page 2 is retitled: page 1 is as it was.
      const last = ids()[2]!;
      served.retitled[last] = 'A better title';
      const changed = await ingest(name);
      // Page 1 answers 304, page 2 does not; page 1's body was not kept, so it is asked again whole.
      expect(asked(2)).toEqual([
        ['0', expect.any(String)],
        [name === 'hf' ? '1' : String(PAGE), expect.any(String)],
        ['0', null],
      ]);
      expect(changed).toMatchObject({ status: 'succeeded', created: 0, updated: 1, unchanged: 2, notes: [] });
      expect((await db.stores.papers.list({})).find((p) => p.arxivId === last)?.title).toBe('A better title');
      // The pages' new validators are kept: both unchanged next time.
      const again = await ingest(name);
      expect(asked(5).map(([, inm]) => inm !== null)).toEqual([true, true]);
      expect(again).toMatchObject({ unchanged: 3, notes: [{ note: expect.stringContaining('for each of its 2 pages') }] });
    });

    it(`${name}: a paper added to the day is read, and the day's new pages are asked next time`, async () => {
      await ingest(name);
      ids().push(name === 'hf' ? '2611.00014' : '2611.00024', name === 'hf' ? '2611.00015' : '2611.00025');
      expect(await ingest(name)).toMatchObject({ status: 'succeeded', created: 2, unchanged: 3, notes: [] });
      const from = server.requests.length;
      expect(await ingest(name)).toMatchObject({ unchanged: 5, notes: [{ note: expect.stringContaining('for each of its 3 pages') }] });
      expect(server.requests.slice(from).map((r) => r.headers['if-none-match'] !== undefined)).toEqual([true, true, true]);
    });
  }

  it('a day of hf and the same day of arxiv keep their validators apart', async () => {
    await ingest('hf');
    const before = server.requests.length;
    expect(await ingest('arxiv')).toMatchObject({ created: 3 });
    expect(server.requests.slice(before).map((r) => r.headers['if-none-match'] ?? null)).toEqual([null, null]);
    const hf = await ingest('hf');
    expect(hf).toMatchObject({ unchanged: 3, notes: [{ note: expect.stringMatching(/^not modified since/) }] });
  });

  it('an arXiv day asked for other categories keeps its validators apart from the same day\'s for these', async () => {
    const categories = (cats: string[]) => runIngest({ stores: db.stores, source: sources.arxiv(), logger }, { from: DAY, to: DAY, categories: cats });
    await categories(['cs.CL']);
    await categories(['cs.SD']);
    expect(await categories(['cs.CL'])).toMatchObject({ unchanged: 3, notes: [{ note: expect.stringMatching(/^not modified since/) }] });
  });

  it('a server that sends no validators is asked whole every time; --force asks whole', async () => {
    served.validators = false;
    await ingest('hf');
    expect(await ingest('hf')).toMatchObject({ status: 'succeeded', unchanged: 3, notes: [] });
    expect(server.requests.every((r) => r.headers['if-none-match'] === undefined && r.headers['if-modified-since'] === undefined)).toBe(true);
    served.validators = true;
    await ingest('arxiv');
    const from = server.requests.length;
    expect(await ingest('arxiv', { force: true })).toMatchObject({ unchanged: 3, notes: [] });
    expect(server.requests.slice(from).map((r) => r.headers['if-none-match'] ?? null)).toEqual([null, null]);
  });
});

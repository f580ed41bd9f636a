/**
 * Conditional GET of feeds (RFC 9110 §13, as feed readers and feedparser's etag/modified do): a
 * feed read and written whole has its ETag and Last-Modified kept, and the next run sends them
 * back; a 304 is "nothing new", counted unchanged without a re-read. A run that did not write the
 * feed whole (cut short, a write refused) keeps no validators, lest the entries it missed be
 * answered 304 for ever. A local HTTP server, real databases.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeSummary, runIngest } from '../../jobs/ingest.js';
import { createSource } from '../../src/sources/index.js';
import { startHttpServer, type TestServer } from '../helpers/http-server.js';
import { logger, providers, recordingSleep, sourceConfig, useTestStores } from './ingest-support.js';

const RSS = { 'content-type': 'application/rss+xml; charset=utf-8' };
const item = (n: number) => `<item><title>Paper ${n} on codecs</title><link>https://blog.example.org/posts/${n}</link><description>Abstract of paper ${n}.</description></item>`;
const rss = (count: number) => `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Blog</title><link>https://blog.example.org/</link>${Array.from({ length: count }, (_, i) => item(i + 1)).join('')}</channel></rss>`;
const LAST_MODIFIED = 'Tue, 02 Sep 2025 10:00:00 GMT';

/** The feed as a server with validators serves it: `version` entries, ETag "v<version>", a 304 when asked with the current one. */
function conditionalFeed(state: { version: number; lastModified: string; honour: boolean; validators: boolean }) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const etag = `"v${state.version}"`;
    if (state.honour && (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === state.lastModified))) {
      res.writeHead(304, { etag, 'last-modified': state.lastModified });
      return void res.end();
    }
    const body = Buffer.from(rss(state.version));
    res.writeHead(200, { ...RSS, ...(state.validators ? { etag, 'last-modified': state.lastModified } : {}), 'content-length': String(body.byteLength) });
    res.end(body);
  };
}

describe.each(await providers())('conditional requests for feeds (%s)', (provider) => {
  const db = useTestStores(provider);
  let server: TestServer;
  const state = { version: 2, lastModified: LAST_MODIFIED, honour: true, validators: true, target: 'a.xml' };
  beforeAll(async () => {
    server = await startHttpServer((req, res, url) => {
      if (url.pathname === '/moving.xml') return void res.writeHead(302, { location: `/${state.target}` }).end();
      conditionalFeed(state)(req, res);
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    Object.assign(state, { version: 2, lastModified: LAST_MODIFIED, honour: true, validators: true, target: 'a.xml' });
    server.requests.length = 0;
  });
  const feedUrl = () => `${server.url}/feed.xml`;
  const ingest = (opts: { force?: boolean } = {}, url = feedUrl()) =>
    runIngest({ stores: db.stores, source: createSource('feed', sourceConfig({ PAPERBOY_HTTP_RETRIES: 2 }), { sleep: recordingSleep().sleep }), logger, ...opts }, { from: 'x', to: 'x', feedUrl: url });
  /** Calls of upsertMany (papers parsed and merged), counted through to the real store. */
  const countUpserts = () => {
    const calls = { n: 0 };
    const real = db.stores.papers.upsertMany;
    db.stores.papers.upsertMany = (inputs, now) => {
      calls.n++;
      return real(inputs, now);
    };
    return calls;
  };
  const sent = (i: number) => server.requests[i]!.headers;

  it('sends the validators of the last whole read, and a 304 counts the feed unchanged without re-reading it', async () => {
    const first = await ingest();
    expect(first).toMatchObject({ status: 'succeeded', created: 2, failures: [] });
    expect(sent(0)['if-none-match']).toBeUndefined();
    expect(sent(0)['if-modified-since']).toBeUndefined();
    const before = await db.stores.papers.list({});
    const upserts = countUpserts();

    const second = await ingest();
    expect(sent(1)['if-none-match']).toBe('"v2"');
    expect(sent(1)['if-modified-since']).toBe(LAST_MODIFIED);
    expect(second).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: 2, failed: 0, failures: [] });
    expect(second.notes).toEqual([{ unit: feedUrl(), note: `not modified since ${LAST_MODIFIED} (HTTP 304): not re-read`, notModified: true }]);
    expect(describeSummary(second)).toBe(`feed ${feedUrl()}: nothing changed (2 unchanged); not modified since ${LAST_MODIFIED} (HTTP 304): not re-read`);
    expect(upserts.n).toBe(0);
    expect(await db.stores.papers.list({})).toEqual(before);
  });

  it('reads a changed feed (200) whole, stores its new entries, and sends its new validators next time', async () => {
    await ingest();
    state.version = 3;
    const changed = await ingest();
    expect(sent(1)['if-none-match']).toBe('"v2"');
    expect(changed).toMatchObject({ status: 'succeeded', created: 1, unchanged: 2, notes: [] });
    expect((await db.stores.papers.list({})).map((p) => p.title).sort()).toEqual(['Paper 1 on codecs', 'Paper 2 on codecs', 'Paper 3 on codecs']);
    const again = await ingest();
    expect(sent(2)['if-none-match']).toBe('"v3"');
    expect(again).toMatchObject({ created: 0, unchanged: 3 });
  });

  it('keeps no validators from a feed cut short: the next run asks for it whole', async () => {
    const body = rss(2);
    const truncateAt = Buffer.byteLength(body.slice(0, body.indexOf('</item>') + 7)) + 5;
    server.script('/feed.xml', Array(3).fill({ body, truncateAt, headers: { ...RSS, etag: '"v2"', 'last-modified': LAST_MODIFIED } }));
    const cut = await ingest();
    expect(cut).toMatchObject({ status: 'partial', created: 1, failures: [{ partial: true }] });
    const next = await ingest();
    expect(server.requests).toHaveLength(4);
    expect(sent(3)['if-none-match']).toBeUndefined();
    expect(sent(3)['if-modified-since']).toBeUndefined();
    expect(next).toMatchObject({ status: 'succeeded', created: 1, unchanged: 1, notes: [] });
  });

  it('keeps no validators when writing the entries failed', async () => {
    const real = db.stores.papers.upsertMany;
    db.stores.papers.upsertMany = () => Promise.reject(new Error('database is locked'));
    const failed = await ingest();
    expect(failed).toMatchObject({ status: 'failed', created: 0 });
    db.stores.papers.upsertMany = real;
    const next = await ingest();
    expect(sent(1)['if-none-match']).toBeUndefined();
    expect(next).toMatchObject({ status: 'succeeded', created: 2 });
  });

  it('a server that ignores the validators (200 every time) has its feed read whole, as before', async () => {
    state.honour = false;
    await ingest();
    const again = await ingest();
    expect(sent(1)['if-none-match']).toBe('"v2"');
    expect(again).toMatchObject({ status: 'succeeded', created: 0, unchanged: 2, notes: [] });
  });

  it('forgets the validators when a whole read brings none: they are not sent again', async () => {
    await ingest();
    state.validators = false;
    state.version = 3;
    expect(await ingest()).toMatchObject({ created: 1 });
    expect(sent(1)['if-none-match']).toBe('"v2"');
    await ingest();
    expect(sent(2)['if-none-match']).toBeUndefined();
    expect(sent(2)['if-modified-since']).toBeUndefined();
  });

  it('--force sends no validators and reads the feed whole', async () => {
    await ingest();
    const upserts = countUpserts();
    const forced = await ingest({ force: true });
    expect(sent(1)['if-none-match']).toBeUndefined();
    expect(sent(1)['if-modified-since']).toBeUndefined();
    expect(forced).toMatchObject({ status: 'succeeded', unchanged: 2, notes: [] });
    expect(upserts.n).toBe(1);
  });

  it('a 304 to a request that sent no validators fails, saying none were sent', async () => {
    server.script('/feed.xml', [{ status: 304, headers: { etag: '"v2"' } }]);
    const s = await ingest();
    expect(s).toMatchObject({ status: 'failed', created: 0 });
    expect(s.failures[0]!.error).toMatch(/^HTTP 304 from http:\/\/127\.0\.0\.1:\d+\/feed\.xml \(Not Modified, though this request sent no If-None-Match or If-Modified-Since: a misconfigured server or cache in between\)$/);
  });

  it('trusts no 304 from another address than the one that gave the validators: a feed moved is asked for whole', async () => {
    const moving = `${server.url}/moving.xml`;
    expect(await ingest({}, moving)).toMatchObject({ status: 'succeeded', created: 2 });
    // The feed now redirects elsewhere, to a server whose copy has the same validators.
    state.target = 'b.xml';
    const moved = await ingest({}, moving);
    expect(server.requests.map((r) => [r.url, r.headers['if-none-match'] ?? null])).toEqual([
      ['/moving.xml', null],
      ['/a.xml', null],
      ['/moving.xml', '"v2"'],
      ['/b.xml', '"v2"'],
      ['/moving.xml', null],
      ['/b.xml', null],
    ]);
    expect(moved).toMatchObject({ status: 'succeeded', unchanged: 2, notes: [] });
    // Its validators are now the new address's: a 304 from there is trusted.
    expect(await ingest({}, moving)).toMatchObject({ unchanged: 2, notes: [{ note: expect.stringMatching(/^not modified since/) }] });
  });
});

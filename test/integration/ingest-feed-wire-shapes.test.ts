/**
 * Feeds as servers send them, read in one run through the ingest job into a real database:
 * labels that disagree with the bytes (a UTF-16 BOM under charset=utf-8, Windows-1252 named only
 * by the declaration under charset=utf-8), an RSS 1.0 feed dated by dc:date alone, a JSON Feed
 * 1.0 `author`, a 503 with a Retry-After date before the feed, and a blog's HTML page that names
 * no feed (one that names its feed is read as it: ingest-feed-discovery.test.ts). Each feed's papers
 * are stored as written; the page fails alone, saying what it is.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../jobs/ingest.js';
import { createSource } from '../../src/sources/index.js';
import { startHttpServer, type TestServer } from '../helpers/http-server.js';
import { logger, providers, recordingSleep, sourceConfig, useTestStores } from './ingest-support.js';

const rss = (title: string, link: string, encoding: string) =>
  `<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><title>T</title><link>https://blog.example.org/</link><item><title>${title}</title><link>${link}</link><description>About it.</description></item></channel></rss>`;

function utf16beWithBom(s: string): Buffer {
  const b = Buffer.from(`\ufeff${s}`, 'utf16le');
  return b.swap16();
}

const RDF = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://journal.example.org/"><title>J</title><link>https://journal.example.org/</link><items><rdf:Seq><rdf:li rdf:resource="https://journal.example.org/a/3"/></rdf:Seq></items></channel>
<item rdf:about="https://journal.example.org/a/3"><title>Dated by Dublin Core</title><link>https://journal.example.org/a/3</link><dc:date>2025-07-03T09:15:00+02:00</dc:date><dc:creator>Ann Lee</dc:creator></item></rdf:RDF>`;

const JSON_FEED_1 = JSON.stringify({
  version: 'https://jsonfeed.org/version/1',
  title: 'Lab',
  author: { name: 'The Lab' },
  items: [
    { id: '1', url: 'https://lab.example.org/1', title: 'By one', author: { name: 'Ada Lovelace' } },
    { id: '2', url: 'https://lab.example.org/2', title: 'By the lab' },
  ],
});

const PAGE = '<!doctype html><html><head><title>A blog</title><link rel="stylesheet" href="/site.css"></head><body>Posts</body></html>';

describe.each(await providers())('feeds as servers send them (%s)', (provider) => {
  const db = useTestStores(provider);
  let server: TestServer;
  let busy = 0;
  beforeAll(async () => {
    server = await startHttpServer((_req, res, url) => {
      switch (url.pathname) {
        case '/utf16':
          return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(utf16beWithBom(rss('Café 日本語 models', 'https://blog.example.org/utf16', 'UTF-16')));
        case '/cp1252':
          return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(Buffer.from(rss('It\x92s \x93new\x94 \x96 café', 'https://blog.example.org/cp1252', 'windows-1252'), 'latin1'));
        case '/rdf':
          return void res.writeHead(200, { 'content-type': 'application/rdf+xml' }).end(RDF);
        case '/json':
          return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON_FEED_1);
        case '/busy':
          if (busy++ === 0) return void res.writeHead(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString(), 'content-type': 'text/html' }).end('<html><head><title>Maintenance</title></head></html>');
          return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('After maintenance', 'https://blog.example.org/busy', 'utf-8'));
        case '/blog':
          return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      }
      res.writeHead(404).end();
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    busy = 0;
  });

  it('stores each feed\'s papers as written, and the HTML page fails alone', async () => {
    const sleep = recordingSleep();
    const urls = ['utf16', 'cp1252', 'rdf', 'json', 'busy', 'blog'].map((p) => `${server.url}/${p}`);
    const summary = await runIngest({ stores: db.stores, source: createSource('feed', sourceConfig({ PAPERBOY_HTTP_RETRIES: 2 }), { sleep: sleep.sleep }), logger }, { from: 'x', to: 'x', feedUrl: urls.join(' ') });
    expect(summary).toMatchObject({ status: 'partial', created: 6, failed: 1, dropped: 0 });
    expect(summary.failures).toEqual([{ unit: `${server.url}/blog`, error: `expected an RSS or Atom feed but got an HTML page ("A blog") (from ${server.url}/blog)` }]);
    // The Retry-After date was waited for (about a minute, less the time it took to arrive; the
    // sleep is recorded, not slept), not a backoff's half second.
    expect(sleep.waits).toHaveLength(1);
    expect(sleep.waits[0]).toBeGreaterThan(30_000);
    expect(sleep.waits[0]).toBeLessThanOrEqual(60_000);
    const papers = new Map((await db.stores.papers.list({})).map((p) => [p.absUrl, p]));
    expect(papers.get('https://blog.example.org/utf16')?.title).toBe('Café 日本語 models');
    expect(papers.get('https://blog.example.org/cp1252')?.title).toBe('It’s “new” – café');
    expect(papers.get('https://journal.example.org/a/3')).toMatchObject({ title: 'Dated by Dublin Core', authors: ['Ann Lee'] });
    expect(papers.get('https://journal.example.org/a/3')?.publishedAt?.toISOString()).toBe('2025-07-03T07:15:00.000Z');
    expect(papers.get('https://lab.example.org/1')?.authors).toEqual(['Ada Lovelace']);
    expect(papers.get('https://lab.example.org/2')?.authors).toEqual(['The Lab']);
    expect(papers.get('https://blog.example.org/busy')?.title).toBe('After maintenance');
  });
});

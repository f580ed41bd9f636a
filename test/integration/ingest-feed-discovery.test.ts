/**
 * A blog's address given where its feed's was meant: the page names its feed in its head
 * (`<link rel="alternate" type="application/atom+xml" href>`), and the ingest reads that feed,
 * one hop and no more, saying which address it read. The feed's validators are kept, the page is
 * asked whole every run (its 304 would say nothing of the feed). A local HTTP server, real databases.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeSummary, runIngest } from '../../jobs/ingest.js';
import { createSource } from '../../src/sources/index.js';
import { startHttpServer, type TestServer } from '../helpers/http-server.js';
import { logger, providers, recordingSleep, sourceConfig, useTestStores } from './ingest-support.js';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const LAST_MODIFIED = 'Tue, 02 Sep 2025 10:00:00 GMT';
const page = (title: string, head: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><h1>${title}</h1></body></html>`;
const alt = (type: string, href: string, title = '') => `<link rel="alternate" type="${type}"${title ? ` title="${title}"` : ''} href="${href}">`;

const atom = (count: number) =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Lab</title><id>urn:lab</id><updated>2025-09-02T10:00:00Z</updated>${Array.from(
    { length: count },
    (_, i) => `<entry><title>Atom paper ${i + 1}</title><id>urn:lab:${i + 1}</id><link href="https://lab.example/posts/${i + 1}"/><summary>Abstract ${i + 1}.</summary><updated>2025-09-01T10:00:00Z</updated></entry>`,
  ).join('')}</feed>`;
const rss = (name: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>https://lab.example/</link><item><title>${name} paper</title><link>https://lab.example/${name}/1</link><description>About it.</description></item></channel></rss>`;

/** Answers 304 to its own current ETag, as a server with validators does. */
function conditional(req: IncomingMessage, res: ServerResponse, etag: string, headers: Record<string, string>, body: string): void {
  if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag, 'last-modified': LAST_MODIFIED }).end();
  res.writeHead(200, { ...headers, etag, 'last-modified': LAST_MODIFIED }).end(body);
}

describe.each(await providers())('a web page given for its feed (%s)', (provider) => {
  const db = useTestStores(provider);
  let server: TestServer;
  const state = { version: 2 };
  beforeAll(async () => {
    server = await startHttpServer((req, res, url) => {
      const pages: Record<string, string> = {
        '/blog/': page('A blog', alt('application/atom+xml', 'atom.xml')),
        '/based/': page('Based', `<base href="/static/">${alt('application/rss+xml', 'feeds/rss.xml')}`),
        '/wp/': page('WordPress', alt('application/rss+xml', '/wp/comments/feed/', 'Lab &raquo; Comments Feed') + alt('application/rss+xml', '/wp/feed/', 'Lab &raquo; Feed')),
        '/plain/': page('Nothing', '<link rel="stylesheet" href="/s.css">'),
        '/self/': page('Self', alt('application/rss+xml', '/self/')),
        '/hop/': page('Hop', alt('application/rss+xml', '/hop2/')),
        '/hop2/': page('Hop two', alt('application/rss+xml', '/blog/atom.xml')),
        '/unusable/': page('Unusable', alt('application/rss+xml', '/unusable.xml')),
      };
      const html = pages[url.pathname];
      // The page has validators of its own, and honours them: sent them, it would answer 304.
      if (html !== undefined) return conditional(req, res, `"page-${url.pathname}"`, HTML, html);
      if (url.pathname === '/blog/atom.xml') return conditional(req, res, `"a${state.version}"`, { 'content-type': 'application/atom+xml' }, atom(state.version));
      if (url.pathname === '/static/feeds/rss.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('based'));
      if (url.pathname === '/wp/feed/') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('posts'));
      if (url.pathname === '/unusable.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>U</title><item><description>No title, no link.</description></item></channel></rss>');
      if (url.pathname === '/wp/comments/feed/') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('comments'));
      res.writeHead(404).end();
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    state.version = 2;
    server.requests.length = 0;
  });
  const at = (path: string) => `${server.url}${path}`;
  const ingest = (paths: string[], opts: { force?: boolean } = {}) =>
    runIngest({ stores: db.stores, source: createSource('feed', sourceConfig({ PAPERBOY_HTTP_RETRIES: 0 }), { sleep: recordingSleep().sleep }), logger, ...opts }, { from: 'x', to: 'x', feedUrl: paths.map(at).join(' ') });
  const asked = () => server.requests.map((r) => [r.url, r.headers['if-none-match'] ?? null]);
  const found = (feed: string) => `read ${at(feed)}, the feed the page names (give that address instead: one request fewer each run)`;

  it('reads the Atom feed a page names by a relative href, and says which address it read', async () => {
    const s = await ingest(['/blog/']);
    expect(s).toMatchObject({ status: 'succeeded', created: 2, failed: 0, failures: [] });
    expect(asked()).toEqual([
      ['/blog/', null],
      ['/blog/atom.xml', null],
    ]);
    expect(s.notes).toEqual([{ unit: at('/blog/'), note: found('/blog/atom.xml') }]);
    expect(describeSummary(s)).toBe(`feed ${at('/blog/')}: 2 new, 0 updated, 0 unchanged; ${found('/blog/atom.xml')}`);
    expect((await db.stores.papers.list({})).map((p) => p.absUrl).sort()).toEqual(['https://lab.example/posts/1', 'https://lab.example/posts/2']);
  });

  it('resolves the href against the page\'s <base href>', async () => {
    const s = await ingest(['/based/']);
    expect(s).toMatchObject({ status: 'succeeded', created: 1, notes: [{ note: found('/static/feeds/rss.xml') }] });
    expect(asked().map(([u]) => u)).toEqual(['/based/', '/static/feeds/rss.xml']);
  });

  it('reads the main feed of a page that names a comments feed before it, and never asks for the comments', async () => {
    const s = await ingest(['/wp/']);
    expect(s).toMatchObject({ status: 'succeeded', created: 1, notes: [{ note: found('/wp/feed/') }] });
    expect(asked().map(([u]) => u)).toEqual(['/wp/', '/wp/feed/']);
    expect((await db.stores.papers.list({})).map((p) => p.title)).toEqual(['posts paper']);
  });

  it('a page that names no feed fails alone as before, and the other feeds are read', async () => {
    const s = await ingest(['/plain/', '/blog/']);
    expect(s).toMatchObject({ status: 'partial', created: 2, failed: 1 });
    expect(s.failures).toEqual([{ unit: at('/plain/'), error: `expected an RSS or Atom feed but got an HTML page ("Nothing") (from ${at('/plain/')})` }]);
    expect(asked().map(([u]) => u)).toEqual(['/plain/', '/blog/', '/blog/atom.xml']);
  });

  it('a page that names itself is not asked again', async () => {
    const s = await ingest(['/self/']);
    expect(s).toMatchObject({ status: 'failed', created: 0 });
    expect(s.failures).toEqual([{ unit: at('/self/'), error: `expected an RSS or Atom feed but got an HTML page ("Self"); the feed it names is the page itself (from ${at('/self/')})` }]);
    expect(asked().map(([u]) => u)).toEqual(['/self/']);
  });

  it('follows one hop only: a page that names another page fails, and the second page\'s feed is not asked for', async () => {
    const s = await ingest(['/hop/']);
    expect(s).toMatchObject({ status: 'failed', created: 0, notes: [] });
    expect(s.failures).toEqual([
      {
        unit: at('/hop/'),
        error: `the feed the page names, ${at('/hop2/')}, is an HTML page too (a page's feed is followed one hop, no further): expected an RSS or Atom feed but got an HTML page ("Hop two"); the page names its feed: ${at('/blog/atom.xml')} (from ${at('/hop2/')})`,
      },
    ]);
    expect(asked().map(([u]) => u)).toEqual(['/hop/', '/hop2/']);
  });

  it('a failure of the feed read names the feed\'s address, not only the page\'s', async () => {
    const s = await ingest(['/unusable/']);
    expect(s).toMatchObject({ status: 'failed', created: 0, notes: [] });
    expect(s.failures).toEqual([{ unit: at('/unusable/'), error: expect.stringMatching(new RegExp(`^none of its 1 entries could be used: .* \\(from ${at('/unusable.xml').replace(/[.]/g, '\\.')}\\)$`)) as unknown }]);
  });

  it('keeps the validators of the feed read, not the page\'s: the page is asked whole each run, the feed answers 304', async () => {
    await ingest(['/blog/']);
    const second = await ingest(['/blog/']);
    expect(asked().slice(2)).toEqual([
      ['/blog/', null],
      ['/blog/atom.xml', '"a2"'],
    ]);
    expect(second).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: 2, failures: [] });
    expect(describeSummary(second)).toBe(`feed ${at('/blog/')}: nothing changed (2 unchanged); not modified since ${LAST_MODIFIED} (HTTP 304): not re-read; ${found('/blog/atom.xml')}`);

    // The feed changed: read whole, its new validators kept.
    state.version = 3;
    expect(await ingest(['/blog/'])).toMatchObject({ status: 'succeeded', created: 1, unchanged: 2 });
    await ingest(['/blog/']);
    expect(asked().slice(4)).toEqual([
      ['/blog/', null],
      ['/blog/atom.xml', '"a2"'],
      ['/blog/', null],
      ['/blog/atom.xml', '"a3"'],
    ]);
  });

  it('--force asks for the feed whole too', async () => {
    await ingest(['/blog/']);
    expect(await ingest(['/blog/'], { force: true })).toMatchObject({ status: 'succeeded', unchanged: 2 });
    expect(asked().slice(2)).toEqual([
      ['/blog/', null],
      ['/blog/atom.xml', null],
    ]);
  });
});

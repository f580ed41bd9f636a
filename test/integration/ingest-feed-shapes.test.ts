/**
 * Feed shapes a review found mishandled, ingested over HTTP into a real database: a post about
 * an arXiv paper, arXiv links as newsletters write them, a planet feed that mixes a listing's
 * entry with blog posts, a page-made feed whose items share one link, literal tags in text,
 * categories and dates with named zones.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../jobs/ingest.js';
import { createSource } from '../../src/sources/index.js';
import { startHttpServer, type TestServer } from '../helpers/http-server.js';
import { logger, openTestStores, recordingSleep, sourceConfig, type TestStores } from './ingest-support.js';

function send(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

const rss = (items: string) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom"><channel><title>t</title><link>https://blog.example.org/</link>${items}</channel></rss>`;

const BLOG = rss(`
  <item><title>Paper of the week: why hierarchical diffusion matters</title>
    <link>https://arxiv.org/abs/2602.17602?utm_source=newsletter&amp;utm_medium=rss</link><dc:creator>Blogger Bob</dc:creator>
    <description>&lt;p&gt;This week I read MolHIT. Hot takes.&lt;/p&gt;</description><pubDate>Fri, 27 Feb 2026 10:00:00 CET</pubDate>
    <category>cs.LG</category></item>
  <item><title>Also worth reading</title><link>https://arxiv.org/html/2602.17603v1</link><description>A second pick.</description></item>
  <item><title>Local news</title><guid isPermaLink="false">news/1234567</guid><link>https://blog.example.org/news/1</link>
    <description>Nothing to do with arXiv.</description><category>news</category></item>`);

const PLANET = rss(`
  <item><title>Tokens like &lt;s&gt; and &lt;video&gt;: HTML &lt;table&gt; parsing</title><link>https://arxiv.org/abs/2401.06855</link>
    <description>arXiv:2401.06855v2 Announce Type: new Abstract: We use the &lt;s&gt; token.</description><guid isPermaLink="false">oai:arXiv.org:2401.06855v2</guid>
    <category>cs.CL</category><arxiv:announce_type>new</arxiv:announce_type></item>
  <item><title>Our lab retreat</title><link>https://lab.example.org/blog/retreat</link><description>We went hiking.</description></item>
  <item><title>Tokenizers, explained</title><link>https://lab.example.org/blog/tokenizers</link><description>&lt;p&gt;Use the &amp;lt;p&amp;gt; tag &lt;a href="x"&gt;here&lt;/a&gt;.&lt;/p&gt;</description></item>`);

/** A feed made from one web page: every item links to the page itself. */
const ONE_PAGE = `<rss version="2.0"><channel><title>Journal</title><link>https://journal.example.org/</link>${[1, 2, 3]
  .map((n) => `<item><title>Paper ${n}</title><link>https://journal.example.org/</link><guid isPermaLink="false">doi:10.1000/${n}</guid><description>Abstract ${n}.</description><pubDate>2026-02-0${n}T10:00:00</pubDate></item>`)
  .join('')}</channel></rss>`;

describe('ingest of feed shapes a review found mishandled', () => {
  let server: TestServer;
  let db: TestStores;
  beforeEach(async () => {
    server = await startHttpServer((_req, res, url) => send(res, { '/blog': BLOG, '/planet': PLANET, '/page': ONE_PAGE }[url.pathname] ?? ''));
    db = await openTestStores();
  });
  afterEach(async () => {
    await server.close();
    await db.close();
  });

  const ingest = (path: string) => runIngest({ stores: db.stores, source: createSource('feed', sourceConfig({ PAPERBOY_HTTP_RETRIES: 0 }), { sleep: recordingSleep().sleep }), logger }, { from: 'x', to: 'x', feedUrl: `${server.url}${path}` });

  it('a post linking to a paper we have does not replace its title, abstract or authors; it only fills what no source said', async () => {
    const at = new Date('2026-02-20T00:00:00Z');
    await db.stores.papers.upsertMany([{ arxivId: '2602.17602', source: 'hf', title: 'MolHIT: Molecular-Graph Generation', abstract: 'We propose MolHIT.', authors: ['A. Author', 'B. Author'], publishedAt: at }], at);
    const summary = await ingest('/blog');
    expect(summary.failed).toBe(0);
    const paper = await db.stores.papers.get('2602.17602');
    expect(paper).toMatchObject({ title: 'MolHIT: Molecular-Graph Generation', abstract: 'We propose MolHIT.', authors: ['A. Author', 'B. Author'], publishedAt: at });
    expect(paper!.sources).toEqual(['feed', 'hf']);
    // The post's tags are not the paper's arXiv categories.
    expect(paper!.categories).toEqual([]);
    // A paper only a post spoke of is stored with the post's words, under its arXiv id (the html link's).
    expect(await db.stores.papers.get('2603.17603')).toBeNull();
    // ...and without the version its link names: the paper's own sources have not said it.
    expect(await db.stores.papers.get('2602.17603')).toMatchObject({ title: 'Also worth reading', version: null });
    // A guid shaped like an old arXiv id is the newsroom's own.
    const news = (await db.stores.papers.list({ limit: 10 })).find((p) => p.title === 'Local news');
    expect(news).toMatchObject({ arxivId: expect.stringMatching(/^feed:/), absUrl: 'https://blog.example.org/news/1', pdfUrl: null, categories: ['news'] });
  });

  it('a planet feed with one listing entry keeps its blog posts; literal tags stay text, a document\'s markup goes', async () => {
    const summary = await ingest('/planet');
    expect(summary.failed).toBe(0);
    const all = await db.stores.papers.list({ limit: 10 });
    expect(all).toHaveLength(3);
    expect(await db.stores.papers.get('2401.06855')).toMatchObject({ title: 'Tokens like <s> and <video>: HTML <table> parsing', abstract: 'We use the <s> token.', categories: ['cs.CL'] });
    expect(all.find((p) => p.title === 'Tokenizers, explained')!.abstract).toBe('Use the <p> tag here.');
  });

  it('items of a page-made feed, which all link to the page, are told apart by their guids; zone-less dates read as UTC', async () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      await ingest('/page');
    } finally {
      process.env.TZ = tz;
      if (tz === undefined) delete process.env.TZ;
    }
    const all = await db.stores.papers.list({ limit: 10 });
    expect(all.map((p) => p.title).sort()).toEqual(['Paper 1', 'Paper 2', 'Paper 3']);
    expect(new Set(all.map((p) => p.arxivId)).size).toBe(3);
    expect(all.find((p) => p.title === 'Paper 2')!.publishedAt?.toISOString()).toBe('2026-02-02T10:00:00.000Z');
  });
});

/**
 * Issue 12 end to end: real-world feed shapes served by a local HTTP server, ingested into a real
 * database through the ingest job and the CLI, counting what is stored and what is left out.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSummary, runIngest } from '../../jobs/ingest.js';
import { loadConfig } from '../../src/config.js';
import { createSource } from '../../src/sources/index.js';
import { feedItemId } from '../../src/sources/feed.js';
import { startHttpServer, type TestServer } from '../helpers/http-server.js';
import { startFakeHf, type FakeHf } from '../helpers/fake-hf.js';
import { runCli, type CliRun } from '../helpers/cli-run.js';
import { logger, openTestStores, recordingSleep, sourceConfig, type TestStores } from './ingest-support.js';

const bytes = (name: string) => readFileSync(new URL(`../fixtures/sources/${name}`, import.meta.url));

function send(res: ServerResponse, body: Buffer | string, contentType: string): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(200, { 'content-type': contentType, 'content-length': String(buf.byteLength) });
  res.end(buf);
}

const MIXED = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Mixed</title><link>https://mixed.example.org/</link>
  <item><title>Good one</title><link>/posts/1</link></item>
  <item><title>Trap</title><link>javascript:alert(1)</link></item>
  <item><title>Good two</title><link>https://mixed.example.org/posts/2</link></item>
  <item><link>https://mixed.example.org/posts/4</link></item>
  <item><title>Good three</title><guid>https://mixed.example.org/posts/5</guid></item>
</channel></rss>`;

const ALL_BAD = `<rss version="2.0"><channel>${Array.from({ length: 3 }, (_, i) => `<item><title>Bad ${i}</title><link>mailto:x${i}@example.org</link></item>`).join('')}</channel></rss>`;

describe('ingest of real-world feed shapes', () => {
  let server: TestServer;
  let db: TestStores;
  beforeEach(async () => {
    server = await startHttpServer((_req, res, url) => {
      switch (url.pathname) {
        case '/news/feed/':
          return send(res, bytes('feed-escaped-html-60.rss.xml'), 'application/rss+xml; charset=UTF-8');
        case '/zeitschrift/feed.xml':
          return send(res, bytes('feed-iso-8859-1.rss.xml'), 'application/rss+xml');
        case '/oldblog/rss':
          // Windows-1252 named only by the header: the declaration says nothing.
          return send(res, Buffer.from(bytes('feed-windows-1252.rss.xml').toString('latin1').replace(' encoding="windows-1252"', ''), 'latin1'), 'text/xml; charset=windows-1252');
        case '/acme/speechkit/releases.atom':
          return send(res, bytes('feed-github-releases.atom.xml'), 'application/atom+xml; charset=utf-8');
        case '/moved.atom':
          res.writeHead(301, { location: '/acme/speechkit/releases.atom', 'content-length': '0' });
          res.end();
          return;
        case '/lab/feed':
          return send(res, bytes('feed-bom-newline.rss.xml'), 'application/rss+xml');
        case '/mixed.xml':
          return send(res, MIXED, 'application/rss+xml');
        case '/all-bad.xml':
          return send(res, ALL_BAD, 'application/rss+xml');
        case '/rss/cs.CL+cs.SD':
        case '/atom/cs.CL+cs.SD':
          return send(res, bytes('arxiv-listing.rss.xml'), 'application/rss+xml; charset=utf-8');
        default:
          res.writeHead(404, { 'content-length': '0' });
          res.end();
      }
    });
    db = await openTestStores();
  });
  afterEach(async () => {
    await server.close();
    await db.close();
  });

  const feedSource = () => createSource('feed', sourceConfig({ PAPERBOY_HTTP_RETRIES: 0 }), { sleep: recordingSleep().sleep });

  it('stores every item of each shape, with clean text (86 of 86)', async () => {
    const feeds = ['/news/feed/', '/zeitschrift/feed.xml', '/oldblog/rss', '/acme/speechkit/releases.atom', '/lab/feed'].map((p) => `${server.url}${p}`);
    const s = await runIngest({ stores: db.stores, source: feedSource(), logger }, { from: 'x', to: 'x', feedUrl: feeds.join(' ') });
    expect(s).toMatchObject({ status: 'succeeded', created: 60 + 8 + 6 + 12 + 5, failed: 0, dropped: 0, drops: [] });
    const latin = await db.stores.papers.get(feedItemId('https://zeitschrift.example.de/artikel/1'));
    expect(latin).toMatchObject({ title: 'Über die Größe von Sprachmodellen', authors: ['Jürgen Müller'] });
    const cp = await db.stores.papers.get(feedItemId('https://blog.example.com/posts/2.html'));
    expect(cp?.title).toBe('Costs: €5 per run – cheap');
    // Relative release links resolved against where the feed was served from.
    const release = await db.stores.papers.get(feedItemId(`${server.url}/acme/speechkit/releases/tag/v1.11.0`));
    expect(release).toMatchObject({ title: 'v1.11.0', absUrl: `${server.url}/acme/speechkit/releases/tag/v1.11.0` });
  });

  it('resolves relative links against the address after a redirect', async () => {
    const s = await runIngest({ stores: db.stores, source: feedSource(), logger }, { from: 'x', to: 'x', feedUrl: `${server.url}/moved.atom` });
    expect(s).toMatchObject({ created: 12, dropped: 0 });
    expect(await db.stores.papers.get(feedItemId(`${server.url}/acme/speechkit/releases/tag/v1.0.0`))).not.toBeNull();
  });

  it('counts and explains the entries it leaves out; a feed with none usable fails', async () => {
    const s = await runIngest({ stores: db.stores, source: feedSource(), logger }, { from: 'x', to: 'x', feedUrl: `${server.url}/mixed.xml ${server.url}/all-bad.xml` });
    expect(s).toMatchObject({ status: 'partial', created: 3, dropped: 2, failed: 1 });
    expect(s.drops).toEqual([
      { unit: `${server.url}/mixed.xml`, count: 2, reasons: ['entry 2 "Trap": <link>javascript:alert(1)</link> is not an http(s) address', 'entry 4: no <title>, and no <description> or <content:encoded> to make one from'] },
    ]);
    expect(s.failures[0]!.error).toMatch(/none of its 3 entries could be used: entry 1 "Bad 0": <link>mailto:x0@example.org<\/link> is not an http\(s\) address/);
    const host = server.url.replace(/^https?:\/\//, '');
    expect(describeSummary(s)).toBe(
      // Two feeds: the reasons say which one they are of, though only one left entries out.
      `feed ${server.url}/mixed.xml ${server.url}/all-bad.xml: 3 new, 0 updated, 0 unchanged; 2 entries left out (${host}/mixed.xml entry 2 "Trap": <link>javascript:alert(1)</link> is not an http(s) address; ${host}/mixed.xml entry 4: no <title>, and no <description> or <content:encoded> to make one from); 1 of 2 failed`,
    );
  });

  it('an arXiv RSS 2.0 listing is a listing through --source feed and --source rss', async () => {
    const viaFeed = await runIngest({ stores: db.stores, source: feedSource(), logger }, { from: 'x', to: 'x', feedUrl: `${server.url}/rss/cs.CL+cs.SD` });
    // 3 new + 2 cross stored; 3 replacements of papers we do not have are skipped, not created.
    expect(viaFeed).toMatchObject({ created: 5, skipped: 3, dropped: 0 });
    expect(await db.stores.papers.get('2411.04965')).toBeNull();
    expect(await db.stores.papers.get('2508.14003')).toMatchObject({ version: 2, categories: ['cs.CL', 'cs.LG'], abstract: 'Chunked attention enables streaming.' });

    await db.reset();
    const rss = createSource('rss', sourceConfig({ PAPERBOY_ARXIV_RSS_URL: server.url, PAPERBOY_HTTP_RETRIES: 0 }));
    const viaRss = await runIngest({ stores: db.stores, source: rss, logger }, { from: 'x', to: 'x', categories: ['cs.CL', 'cs.SD'] });
    expect(viaRss).toMatchObject({ status: 'succeeded', created: 5, skipped: 3 });
    expect(await db.stores.papers.get('2508.14001')).toMatchObject({ sources: ['rss'], authors: ['Jane Doe', 'John Smith', 'Li Wei'], version: 1 });
  });
});

describe('paperboy ingest --json reports left-out entries', () => {
  let server: TestServer;
  let db: TestStores;
  beforeEach(async () => {
    server = await startHttpServer((_req, res) => send(res, MIXED, 'application/rss+xml'));
    db = await openTestStores();
  });
  afterEach(async () => {
    await server.close();
    await db.close();
  });

  function run(...argv: string[]): Promise<CliRun> {
    const config = loadConfig({ PAPERBOY_HTTP_RETRIES: '0', PAPERBOY_HTTP_TIMEOUT_MS: '2000' });
    return runCli({ config, logger, openStores: async () => db.stores }, argv);
  }

  it('on the summary line and in the JSON summary', async () => {
    const line = await run('ingest', '--source', 'feed', '--feed', `${server.url}/feed.xml`);
    expect(line.code).toBe(0);
    expect(line.out).toBe(`feed ${server.url}/feed.xml: 3 new, 0 updated, 0 unchanged; 2 entries left out (entry 2 "Trap": <link>javascript:alert(1)</link> is not an http(s) address; entry 4: no <title>, and no <description> or <content:encoded> to make one from)\n`);
    const json = await run('ingest', '--source', 'feed', '--feed', `${server.url}/feed.xml`, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ created: 0, unchanged: 3, dropped: 2, drops: [{ unit: `${server.url}/feed.xml`, count: 2 }] });
  });
});

describe('a Hugging Face reply nested a million levels deep', () => {
  let hf: FakeHf;
  let db: TestStores;
  beforeEach(async () => {
    hf = await startFakeHf({ days: {} });
    db = await openTestStores();
  });
  afterEach(async () => {
    await hf.close();
    await db.close();
  });

  it('fails that day with a clear reason instead of "nothing changed"', async () => {
    hf.failDay('2026-11-27', [{ status: 200, body: `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`, headers: { 'content-type': 'application/json' } }]);
    const source = createSource('hf', sourceConfig({ PAPERBOY_HF_API_URL: hf.apiUrl, PAPERBOY_HTTP_RETRIES: 0 }));
    const s = await runIngest({ stores: db.stores, source, logger }, { from: '2026-11-27', to: '2026-11-27' });
    expect(s).toMatchObject({ status: 'failed', created: 0, failed: 1 });
    expect(s.failures[0]!.error).toMatch(/JSON nested more than 64 levels deep \(at least 1000000\)/);
    expect(describeSummary(s)).toBe('hf 2026-11-27: failed (1 of 1 failed, nothing ingested)');
  });
});

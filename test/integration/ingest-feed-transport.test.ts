/**
 * How real servers deliver feeds, served by a local HTTP server and ingested into a real database:
 * compressed bodies (gzip, x-gzip, zlib and raw deflate, br; gzip no header announced; gzip twice),
 * 302/307/308 redirects with links relative to the final address, a missing or generic
 * Content-Type, a charset the header gets wrong, an empty body, an HTML page at the feed's
 * address and a feed with no items. Shapes from feedparser's tests/encoding and tests/http cases
 * (Content-Location/redirect bases, http_*_charset_*) and the node-feedparser, RSS Bandit and
 * FeedReader issues about gzip-served feeds.
 */
import type { ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSummary, runIngest } from '../../jobs/ingest.js';
import { createSource } from '../../src/sources/index.js';
import { feedItemId } from '../../src/sources/feed.js';
import { HEAP_PER_BYTE, heapToParseWhole } from '../../src/sources/heap-room.js';
import { startHttpServer, type TestServer } from '../helpers/http-server.js';
import { logger, openTestStores, recordingSleep, sourceConfig, type TestStores } from './ingest-support.js';

/** One item whose link is relative: it must be resolved against where the body came from. */
const feed = (name: string) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${name}</title><link>./</link>
<item><title>Café paper via ${name}</title><link>posts/${name}</link><pubDate>Tue, 02 Sep 2025 10:00:00 GMT</pubDate></item></channel></rss>`;

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  res.writeHead(status, { 'content-length': String(body.byteLength), ...headers });
  res.end(body);
}

const RSS = { 'content-type': 'application/rss+xml; charset=utf-8' };
/** A feed's start and 64 KB of items after it, over and over: a body as big as is wanted. */
const FILLED = Buffer.from(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Big</title>${'<item><title>Paper</title><link>https://x.example/p</link></item>'.repeat(1100)}`.slice(0, 65_536));
const COMPRESSED: Record<string, [Record<string, string>, (b: Buffer) => Buffer]> = {
  gzip: [{ ...RSS, 'content-encoding': 'gzip' }, (b) => gzipSync(b)],
  'x-gzip': [{ ...RSS, 'content-encoding': 'x-gzip' }, (b) => gzipSync(b)],
  deflate: [{ ...RSS, 'content-encoding': 'deflate' }, (b) => deflateSync(b)],
  'raw-deflate': [{ ...RSS, 'content-encoding': 'deflate' }, (b) => deflateRawSync(b)],
  br: [{ ...RSS, 'content-encoding': 'br' }, (b) => brotliCompressSync(b)],
  // A static .xml.gz served as is, and a body compressed twice (a plugin and the server both gzip).
  'gzip-unannounced': [{ 'content-type': 'application/x-gzip' }, (b) => gzipSync(b)],
  'gzip-twice': [{ ...RSS, 'content-encoding': 'gzip' }, (b) => gzipSync(gzipSync(b))],
};

/**
 * UTF-16 and UTF-32 as feeds are written without a declaration: UTF-16 with no BOM (.NET's
 * Encoding.Unicode writes none), and UTF-32 with one. Read as UTF-8, each was a NUL after every letter.
 */
const WIDE: Record<string, (doc: string) => Buffer> = {
  'utf16le-no-bom': (doc) => iconv.encode(doc.replace(/^<\?xml[^>]*>\n/, ''), 'utf-16le'),
  'utf16be-no-bom': (doc) => iconv.encode(doc.replace(/^<\?xml[^>]*>\n/, ''), 'utf-16be'),
  'utf32le-bom': (doc) => iconv.encode(doc.replace(/^<\?xml[^>]*>\n/, ''), 'utf-32le', { addBOM: true }),
};

describe('ingest of feeds as servers really deliver them', () => {
  let server: TestServer;
  let db: TestStores;
  beforeEach(async () => {
    server = await startHttpServer((req, res, url) => {
      const [, kind, name = ''] = url.pathname.split('/');
      // A plain body labelled compressed: PHP's zlib.output_compression under Apache (curl/curl#8928,
      // an RSS feed), a WordPress feed (node-feedparser#277). 'sometimes' labels it only when the
      // client accepts compression, as PHP does; 'always' whatever is asked.
      if (kind === 'mislabelled') {
        const accepts = !/^identity$/i.test(String(req.headers['accept-encoding'] ?? ''));
        return send(res, 200, { ...RSS, ...(accepts || name === 'always' ? { 'content-encoding': 'gzip' } : {}) }, Buffer.from(feed(name)));
      }
      if (kind === 'z' && COMPRESSED[name]) {
        const [headers, encode] = COMPRESSED[name];
        return send(res, 200, headers, encode(Buffer.from(feed(name))));
      }
      if (kind === 'moved') return send(res, Number(name), { location: `/feeds/v2/${name}.xml` }, Buffer.alloc(0));
      if (kind === 'feeds') return send(res, 200, RSS, Buffer.from(feed(`moved-${url.pathname.slice(10, 13)}`)));
      switch (name) {
        case 'no-type':
          return send(res, 200, {}, Buffer.from(feed(name)));
        case 'octet':
          return send(res, 200, { 'content-type': 'application/octet-stream' }, Buffer.from(feed(name)));
        case 'utf16le-no-bom':
        case 'utf16be-no-bom':
        case 'utf32le-bom':
          return send(res, 200, { 'content-type': name === 'utf16le-no-bom' ? 'application/rss+xml; charset=utf-16le' : 'application/rss+xml' }, WIDE[name]!(feed(name)));
        case 'latin1-says-utf8':
          // ISO-8859-1 bytes, declared so in the document, under a server-wide "charset=utf-8".
          return send(res, 200, RSS, Buffer.from(feed(name).replace('encoding="utf-8"', 'encoding="iso-8859-1"'), 'latin1'));
        case 'cp1252-says-shift-jis':
          // windows-1252 bytes under a Shift_JIS header: read as Shift_JIS, every accented letter was U+FFFD.
          return send(res, 200, { 'content-type': 'application/rss+xml; charset=shift_jis' }, iconv.encode(feed(name).replace('Café', 'Café – naïve “q” Größe'), 'windows-1252'));
        case 'ebcdic':
          // '<?xml version="1.0"?>' in EBCDIC (code page 037), then anything.
          return send(res, 200, { 'content-type': 'text/xml' }, Buffer.from([0x4c, 0x6f, 0xa7, 0x94, 0x93, 0x40, 0xa5, 0x85, 0x99, 0xa2, 0x89, 0x96, 0x95, 0x7e, 0x7f, 0xf1, 0x4b, 0xf0, 0x7f, 0x6f, 0x6e]));
        case 'empty-body':
          return send(res, 200, RSS, Buffer.alloc(0));
        case 'html':
          return send(res, 200, RSS, Buffer.from('<!-- served by the CMS -->\n<!DOCTYPE html>\n<html><head><title>Page not found – Speech Lab</title></head><body></body></html>'));
        case 'no-items':
          return send(res, 200, RSS, Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title><link>https://x.example/</link><description>d</description></channel></rss>'));
        default:
          return send(res, 404, {}, Buffer.alloc(0));
      }
    });
    db = await openTestStores();
  });
  afterEach(async () => {
    await server.close();
    await db.close();
  });

  const ingest = (paths: string[]) =>
    runIngest({ stores: db.stores, source: createSource('feed', sourceConfig({ PAPERBOY_HTTP_RETRIES: 0 }), { sleep: recordingSleep().sleep }), logger }, { from: 'x', to: 'x', feedUrl: paths.map((p) => `${server.url}${p}`).join(' ') });

  it('reads every compressed form, including gzip no header announced and gzip applied twice', async () => {
    const names = Object.keys(COMPRESSED);
    const s = await ingest(names.map((n) => `/z/${n}`));
    expect(s).toMatchObject({ status: 'succeeded', created: names.length, failed: 0 });
    for (const name of names) {
      expect(await db.stores.papers.get(feedItemId(`${server.url}/z/posts/${name}`)), name).toMatchObject({ title: `Café paper via ${name}` });
    }
  });

  it('a plain body labelled gzip is asked for again uncompressed; a server that labels it anyway fails saying so', async () => {
    const s = await ingest(['/mislabelled/sometimes', '/mislabelled/always']);
    expect(s).toMatchObject({ status: 'partial', created: 1, failed: 1 });
    expect(await db.stores.papers.get(feedItemId(`${server.url}/mislabelled/posts/sometimes`))).toMatchObject({ title: 'Café paper via sometimes' });
    // Once as any client asks, once for the body uncompressed: not retried as a dropped connection.
    expect(server.requests.filter((r) => r.url === '/mislabelled/always').map((r) => r.headers['accept-encoding'])).toEqual([expect.stringContaining('gzip'), 'identity']);
    expect(s.failures).toEqual([
      { unit: `${server.url}/mislabelled/always`, error: expect.stringMatching(/is labelled Content-Encoding: gzip but is not gzip data, even when asked for uncompressed: the server is misconfigured/) },
    ]);
  });

  it('resolves relative links against the address a 301, 302, 307 or 308 redirect ends at', async () => {
    const s = await ingest(['/moved/301', '/moved/302', '/moved/307', '/moved/308']);
    expect(s).toMatchObject({ status: 'succeeded', created: 4, failed: 0 });
    for (const code of ['301', '302', '307', '308']) {
      const link = `${server.url}/feeds/v2/posts/moved-${code}`;
      expect(await db.stores.papers.get(feedItemId(link)), code).toMatchObject({ absUrl: link });
    }
  });

  it('reads a feed served with no Content-Type, as application/octet-stream, or with a charset the header gets wrong', async () => {
    const s = await ingest(['/x/no-type', '/x/octet', '/x/latin1-says-utf8']);
    expect(s).toMatchObject({ status: 'succeeded', created: 3, failed: 0 });
    expect(await db.stores.papers.get(feedItemId(`${server.url}/x/posts/latin1-says-utf8`))).toMatchObject({ title: 'Café paper via latin1-says-utf8' });
  });

  it('a charset the bytes are not (windows-1252 under charset=shift_jis) is read otherwise and said; EBCDIC is said to be unreadable', async () => {
    const s = await ingest(['/x/cp1252-says-shift-jis', '/x/ebcdic']);
    expect(s).toMatchObject({ status: 'partial', created: 1, failed: 1 });
    expect(await db.stores.papers.get(feedItemId(`${server.url}/x/posts/cp1252-says-shift-jis`))).toMatchObject({ title: 'Café – naïve “q” Größe paper via cp1252-says-shift-jis' });
    expect(describeSummary(s)).toContain('its bytes are not in the shift_jis it is labelled with: read as windows-1252');
    expect(s.failures.map((f) => f.error)).toEqual([expect.stringContaining('the body is in EBCDIC')]);
    // A saved file whose declaration is wrong for its bytes is read and said alike.
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-label-'));
    try {
      const path = join(dir, 'feed.xml');
      writeFileSync(path, iconv.encode(feed('saved').replace('utf-8', 'Shift_JIS').replace('posts/', 'https://saved.example/posts/'), 'windows-1252'));
      const saved = await runIngest({ stores: db.stores, source: createSource('file', sourceConfig()), logger }, { from: 'x', to: 'x', filePaths: [path] });
      expect(saved).toMatchObject({ status: 'succeeded', created: 1 });
      expect(describeSummary(saved)).toContain('its bytes are not in the shift_jis it is labelled with: read as windows-1252');
      expect(await db.stores.papers.get(feedItemId('https://saved.example/posts/saved'))).toMatchObject({ title: 'Café paper via saved' });
      // A saved JSON Feed has no label: bytes that are not UTF-8 are said as not UTF-8.
      const jsonPath = join(dir, 'feed.json');
      const item = { id: 'https://saved.example/posts/json', url: 'https://saved.example/posts/json', title: 'Café – naïve “q” paper via json' };
      writeFileSync(jsonPath, iconv.encode(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [item] }), 'windows-1252'));
      const savedJson = await runIngest({ stores: db.stores, source: createSource('file', sourceConfig()), logger }, { from: 'x', to: 'x', filePaths: [jsonPath] });
      expect(savedJson).toMatchObject({ status: 'succeeded', created: 1 });
      expect(describeSummary(savedJson)).toContain('its bytes are not UTF-8: read as windows-1252');
      expect(await db.stores.papers.get(feedItemId('https://saved.example/posts/json'))).toMatchObject({ title: item.title });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads UTF-16 without a BOM or declaration and UTF-32 with a BOM, fetched or saved, titles whole', async () => {
    const names = Object.keys(WIDE);
    const s = await ingest(names.map((n) => `/x/${n}`));
    expect(s).toMatchObject({ status: 'succeeded', created: names.length, failed: 0 });
    for (const name of names) expect(await db.stores.papers.get(feedItemId(`${server.url}/x/posts/${name}`)), name).toMatchObject({ title: `Café paper via ${name}` });
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-wide-'));
    try {
      const filePaths = names.map((name) => {
        const path = join(dir, `${name}.xml`);
        writeFileSync(path, WIDE[name]!(feed(`saved-${name}`).replace('posts/', 'https://saved.example/posts/')));
        return path;
      });
      const saved = await runIngest({ stores: db.stores, source: createSource('file', sourceConfig()), logger }, { from: 'x', to: 'x', filePaths });
      expect(saved).toMatchObject({ status: 'succeeded', created: names.length, failed: 0 });
      for (const name of names) expect(await db.stores.papers.get(feedItemId(`https://saved.example/posts/saved-${name}`)), name).toMatchObject({ title: `Café paper via saved-${name}` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an empty body and an HTML page fail their feed with a clear reason; a feed with no items is nothing new', async () => {
    const s = await ingest(['/x/empty-body', '/x/html', '/x/no-items']);
    expect(s).toMatchObject({ status: 'partial', created: 0, failed: 2 });
    expect(s.failures.map((f) => f.error)).toEqual([
      expect.stringContaining('expected an RSS or Atom feed but the body was empty'),
      expect.stringContaining('expected an RSS or Atom feed but got an HTML page ("Page not found – Speech Lab")'),
    ]);
  });
});

describe('a feed too big to parse in the heap left', () => {
  let server: TestServer;
  let db: TestStores;
  beforeEach(async () => {
    server = await startHttpServer(async (_req, res, url) => {
      const name = url.pathname.slice(1);
      // A static .xml.gz served as is: the room is judged on what it unpacks to.
      if (name === 'packed') return send(res, 200, { 'content-type': 'application/x-gzip' }, gzipSync(Buffer.from(feed(name))));
      // 40 MB declared, its first 64 KB sent, the rest never: a client reading it whole waits until its timeout.
      if (name === 'declared') return void res.writeHead(200, { ...RSS, 'content-length': String(40_000_000) }).write(FILLED.subarray(0, 65_536));
      // No length said, and no end: 64 KB after 64 KB for as long as the client reads.
      if (name === 'endless') {
        res.writeHead(200, RSS);
        let open = true;
        res.on('close', () => (open = false));
        while (open) if (!res.write(FILLED)) await new Promise((resolve) => (res.once('drain', resolve), res.once('close', resolve)));
        return;
      }
      return send(res, 200, RSS, Buffer.from(feed(name)));
    });
    db = await openTestStores();
  });
  afterEach(async () => {
    await server.close();
    await db.close();
  });

  it('fails alone, with its size, the memory it needs and what to do, before it is decoded; a feed with room is read', async () => {
    const room = heapToParseWhole(Buffer.from(feed('small')));
    // Judged on its gzip bytes (taken for JSON), the packed feed would have been let through.
    expect(heapToParseWhole(gzipSync(Buffer.from(feed('packed'))))).toBeLessThan(room);
    expect(heapToParseWhole(Buffer.from(feed('packed')))).toBeGreaterThan(room);
    const source = (name: 'feed' | 'rss', heapLeft: number) => createSource(name, sourceConfig({ PAPERBOY_HTTP_RETRIES: 2, PAPERBOY_ARXIV_RSS_URL: `${server.url}/` }), { sleep: recordingSleep().sleep, heapLeft: () => heapLeft });
    const s = await runIngest({ stores: db.stores, source: source('feed', room), logger }, { from: 'x', to: 'x', feedUrl: `${server.url}/small ${server.url}/packed` });
    expect(s).toMatchObject({ status: 'partial', created: 1, failed: 1 });
    expect(s.failures).toEqual([
      {
        unit: `${server.url}/packed`,
        error: expect.stringMatching(/^a feed of .* is parsed whole, which takes about .* of memory, and this process has .* left: ask the feed for fewer entries .* give Node more heap \(NODE_OPTIONS=--max-old-space-size=<MB>\) \(from http:/),
      },
    ]);
    // Refused, not retried: asking again brings the same body.
    expect(server.requests.filter((r) => r.url === '/packed')).toHaveLength(1);
    expect(await db.stores.papers.get(feedItemId(`${server.url}/posts/small`))).toMatchObject({ title: 'Café paper via small' });
    // arXiv's listing is a feed fetched whole too, under the one rule.
    const listing = await runIngest({ stores: db.stores, source: source('rss', room), logger }, { from: 'x', to: 'x', categories: ['packed'] });
    expect(listing.failures[0]?.error).toMatch(/^a feed of .* is parsed whole/);
  });

  it('is refused as it arrives, not first read whole: on its Content-Length, or once the bytes read are too many', async () => {
    // Room for 1 MB of an ASCII feed without tags, the least a feed takes: 40 MB declared is
    // refused on the first bytes, an endless body after about 1 MB.
    const room = 1024 * 1024 * HEAP_PER_BYTE.feed.ascii;
    const source = createSource('feed', sourceConfig({ PAPERBOY_HTTP_RETRIES: 0 }), { sleep: recordingSleep().sleep, heapLeft: () => room });
    const s = await runIngest({ stores: db.stores, source, logger }, { from: 'x', to: 'x', feedUrl: `${server.url}/declared ${server.url}/endless` });
    expect(s).toMatchObject({ status: 'failed', failed: 2 });
    expect(s.failures).toEqual([
      { unit: `${server.url}/declared`, error: expect.stringMatching(/^a feed of 38\.1 MB \(or more\) is parsed whole, which takes at least .* of memory, and this process has [\d.]+ MB left: ask the feed/) },
      { unit: `${server.url}/endless`, error: expect.stringMatching(/^a feed of 1(\.\d)? MB \(or more\) is parsed whole/) },
    ]);
  });
});

describe('a feed whose connection drops before the body is complete', () => {
  // 4.5 MB declared in Content-Length; the server sends the first part of it and closes, every time.
  const items = Array.from({ length: 12_000 }, (_, i) => `<item><title>Café paper ${i}</title><link>https://blog.example/p/${i}</link><description>${'Ça marche. '.repeat(30)}</description></item>`);
  const body = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Big</title><link>https://blog.example/</link>\n${items.join('\n')}\n</channel></rss>`;
  /** The bytes before character `chars`, and one more: inside that character when it is 'é' or 'Ç' (two bytes). */
  const cutAt = (chars: number) => Buffer.byteLength(body.slice(0, chars)) + 1;
  let server: TestServer;
  let db: TestStores;
  beforeEach(async () => {
    server = await startHttpServer((_req, res) => void res.writeHead(404).end());
    db = await openTestStores();
  });
  afterEach(async () => {
    await server.close();
    await db.close();
  });
  const ingest = (heapLeft?: () => number) =>
    runIngest({ stores: db.stores, source: createSource('feed', sourceConfig({ PAPERBOY_HTTP_RETRIES: 2 }), { sleep: recordingSleep().sleep, ...(heapLeft ? { heapLeft } : {}) }), logger }, { from: 'x', to: 'x', feedUrl: `${server.url}/feed.xml` });
  const cut = (bytes: number) => server.script('/feed.xml', Array(3).fill({ body, truncateAt: bytes, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } }));

  it('after the last retry keeps the entries that arrived whole, and the run is partial, saying the feed was cut', async () => {
    expect(Buffer.byteLength(body)).toBeGreaterThan(4_000_000);
    // The longest of the three attempts' bodies is read: 910 whole entries, cut inside a 'Ç' of the 911th.
    const whole = body.indexOf(items[910]!);
    const cuts = [cutAt(whole - 5_000), cutAt(body.indexOf('Ç', whole)), cutAt(whole - 20_000)];
    server.script('/feed.xml', cuts.map((truncateAt) => ({ body, truncateAt, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } })));
    const s = await ingest();
    expect(server.requests).toHaveLength(3);
    expect(s).toMatchObject({ status: 'partial', created: 910, failed: 1, dropped: 0 });
    expect(s.failures).toEqual([
      {
        unit: `${server.url}/feed.xml`,
        partial: true,
        error: expect.stringMatching(/^cut short: the 910 whole entries that arrived were kept \(run again for the rest\); network error fetching .*: connection closed before the body was complete/),
      },
    ]);
    expect(describeSummary(s)).toBe(`feed ${server.url}/feed.xml: 910 new, 0 updated, 0 unchanged; 1 of 1 cut short (what was read whole is kept)`);
    // Cut inside a two-byte character: the rest is still read as UTF-8.
    expect(await db.stores.papers.get(feedItemId('https://blog.example/p/909'))).toMatchObject({ title: 'Café paper 909', abstract: expect.stringMatching(/^Ça marche\./) });
    expect((await db.stores.ingestRuns.latest(1))[0]).toMatchObject({ status: 'partial', created: 910 });
  });

  it('stalled mid-body until the timeout, keeps the entries that arrived whole, as a dropped connection does', async () => {
    // A server that stops sending partway and never closes (slow feed hosts: node-feedparser#175,
    // owncloud-archive/news#763): every entry that had arrived whole was lost at the timeout,
    // where a dropped connection kept them.
    const stalls = Array(2).fill({ body, stallAt: cutAt(body.indexOf(items[30]!)), headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
    server.script('/feed.xml', stalls);
    // Long enough for the first bytes to arrive on a busy machine (the server shares this process).
    const source = createSource('feed', sourceConfig({ PAPERBOY_HTTP_RETRIES: 1, PAPERBOY_HTTP_TIMEOUT_MS: 1500 }), { sleep: recordingSleep().sleep });
    const s = await runIngest({ stores: db.stores, source, logger }, { from: 'x', to: 'x', feedUrl: `${server.url}/feed.xml` });
    expect(server.requests).toHaveLength(2);
    expect(s).toMatchObject({ status: 'partial', created: 30, failed: 1 });
    expect(s.failures).toEqual([
      { unit: `${server.url}/feed.xml`, partial: true, error: expect.stringMatching(/^cut short: the 30 whole entries that arrived were kept \(run again for the rest\); .*timed out after 1500 ms with the body incomplete \(a stalled server, or a body too slow to arrive: PAPERBOY_HTTP_TIMEOUT_MS sets the limit\)$/) },
    ]);
    expect(await db.stores.papers.get(feedItemId('https://blog.example/p/29'))).toMatchObject({ title: 'Café paper 29' });
  });

  it('too big to parse in the heap left by its Content-Length, is refused on its first bytes: nothing is kept, the feed fails, saying why', async () => {
    cut(cutAt(body.indexOf(items[910]!)));
    const s = await ingest(() => 1_000_000);
    expect(s).toMatchObject({ status: 'failed', created: 0, failed: 1 });
    // Refused, not retried; the connection's dropping later is not waited for (what arrived was kept only if it fit: http.test.ts).
    expect(server.requests).toHaveLength(1);
    expect(s.failures[0]!.error).toMatch(/^a feed of [\d.]+ MB \(or more\) is parsed whole, which takes at least .* of memory, and this process has 976.6 KB left/);
    expect(s.failures[0]!.partial).toBeUndefined();
  });

  it('with no whole entry in what arrived, fails with the dropped connection as the reason', async () => {
    cut(cutAt(body.indexOf('</item>')));
    const s = await ingest();
    expect(s).toMatchObject({ status: 'failed', created: 0, failed: 1 });
    expect(s.failures[0]!.error).toMatch(/^network error fetching .*: connection closed before the body was complete/);
    expect(s.failures[0]!.partial).toBeUndefined();
  });
});

describe('a feed served over HTTPS with a certificate Node does not trust', () => {
  // A self-signed certificate for 127.0.0.1 (test/fixtures/tls, made with `openssl req -x509`):
  // what a lab's own server, or a proxy that inspects TLS, presents. fetch says only "self-signed
  // certificate"; asking again gets the same certificate.
  let server: Server;
  let url = '';
  /** Connections opened: one per attempt (each ends in the handshake). */
  let refused = 0;
  let db: TestStores;
  beforeEach(async () => {
    const tls = (name: string) => readFileSync(new URL(`../fixtures/tls/self-signed-127.0.0.1.${name}.pem`, import.meta.url));
    server = createHttpsServer({ key: tls('key'), cert: tls('cert') }, (_req, res) => send(res, 200, RSS, Buffer.from(feed('tls'))));
    server.on('connection', () => refused++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    refused = 0;
    db = await openTestStores();
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  });

  it('fails at once, naming the certificate problem and NODE_EXTRA_CA_CERTS, not as a network error retried', async () => {
    const source = createSource('feed', sourceConfig({ PAPERBOY_HTTP_RETRIES: 2 }), { sleep: recordingSleep().sleep });
    const s = await runIngest({ stores: db.stores, source, logger }, { from: 'x', to: 'x', feedUrl: url });
    expect(s).toMatchObject({ status: 'failed', created: 0, failed: 1 });
    expect(s.failures[0]!.error).toBe(
      `the TLS certificate of ${url} is not trusted (self-signed certificate): if your organisation or a proxy signs it, give Node its CA certificate with NODE_EXTRA_CA_CERTS=/path/to/ca.pem`,
    );
    expect(refused).toBe(1);
  });
});

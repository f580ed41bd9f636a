import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createHttpClient, gunzipUnlabelled, type HttpClientOptions } from '../../../src/net/http.js';
import { parseRetryAfter } from '../../../src/net/retry-after.js';
import { BodyTooLargeError, HostNotFoundError, HttpError, NetworkError, ParseError, TimeoutError } from '../../../src/net/errors.js';

type Step = Response | Error | (() => Response | Promise<Response>);

function client(steps: Step[], extra: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const calls: Array<{ url: string; headers: Record<string, string> }> = [];
  const http = createHttpClient({
    timeoutMs: 1000,
    retries: 3,
    userAgent: 'paperboy-test/1',
    random: () => 0.5,
    now: () => Date.parse('2026-11-28T12:00:00Z'),
    sleep: async (ms) => void sleeps.push(ms),
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers as Record<string, string> });
      const step = steps.shift();
      if (!step) throw new Error('no more steps');
      if (step instanceof Error) throw step;
      return typeof step === 'function' ? step() : step;
    }) as typeof fetch,
    ...extra,
  });
  return { http, sleeps, calls };
}

const json = (v: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(v), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('http client', () => {
  it('sends a User-Agent and returns parsed JSON', async () => {
    const { http, calls } = client([json([1, 2])]);
    expect(await http.getJson('http://x/a')).toEqual([1, 2]);
    expect(calls[0]!.headers['user-agent']).toBe('paperboy-test/1');
  });

  it('retries 5xx with growing backoff, then succeeds', async () => {
    const { http, sleeps } = client([json({}, 503), json({}, 502), json(['ok'])]);
    expect(await http.getJson('http://x/a')).toEqual(['ok']);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]!).toBeGreaterThan(sleeps[0]!);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const { http, sleeps } = client([
      json({}, 429, { 'retry-after': '7' }),
      json({}, 503, { 'retry-after': 'Sat, 28 Nov 2026 12:00:30 GMT' }),
      json([]),
    ]);
    await http.getJson('http://x/a');
    expect(sleeps).toEqual([7000, 30000]);
  });

  it('gives up at once when Retry-After is beyond the cap', async () => {
    const { http, sleeps } = client([json({}, 429, { 'retry-after': '3600' })], { maxRetryAfterMs: 60_000 });
    await expect(http.getJson('http://x/a')).rejects.toThrow(/HTTP 429 .*retry after 3600 s; giving up/);
    expect(sleeps).toEqual([]);
  });

  it('does not retry 4xx and reports status, url and a body excerpt', async () => {
    const { http, sleeps } = client([new Response('bad date parameter', { status: 400 })]);
    const err = await http.getJson('http://x/a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 400, url: 'http://x/a', bodyExcerpt: 'bad date parameter' });
    expect(sleeps).toEqual([]);
  });

  it('stops after the configured retries', async () => {
    const { http, sleeps } = client([json({}, 500), json({}, 500), json({}, 500)], { retries: 2 });
    await expect(http.getJson('http://x/a')).rejects.toThrow(/HTTP 500 from http:\/\/x\/a/);
    expect(sleeps).toHaveLength(2);
  });

  it('retries network errors and maps them to NetworkError', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const { http } = client([refused, refused], { retries: 1 });
    const err = await http.getText('http://x/a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toContain('ECONNREFUSED');
  });

  it('does not retry a host name that does not resolve (ENOTFOUND), and asks whether the network is up', async () => {
    // undici's shape: "fetch failed" caused by getaddrinfo's error.
    const notFound = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND huggingface.co'), { code: 'ENOTFOUND', hostname: 'huggingface.co' }) });
    const { http, calls, sleeps } = client([notFound, notFound, notFound, notFound]);
    const err = await http.getText('https://huggingface.co/api/daily_papers').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostNotFoundError);
    expect(err).toMatchObject({ host: 'huggingface.co', retryable: false, message: 'host huggingface.co not found — is the network up?' });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a temporary DNS failure (EAI_AGAIN) as any network failure, then says the same', async () => {
    const again = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo EAI_AGAIN arxiv.org'), { code: 'EAI_AGAIN', hostname: 'arxiv.org' }) });
    const { http, calls } = client([again, again, again], { retries: 2 });
    const err = await http.getText('https://arxiv.org/a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostNotFoundError);
    expect((err as Error).message).toBe('host arxiv.org could not be looked up (temporary DNS failure) — is the network up?');
    expect(calls).toHaveLength(3);
  });

  it('does not retry a redirect loop, and says it is one', async () => {
    const loop = Object.assign(new TypeError('fetch failed'), { cause: new Error('redirect count exceeded') });
    const { http, calls } = client([loop, loop, loop, loop]);
    const err = await http.getText('http://x/loop').catch((e: unknown) => e);
    expect((err as Error).message).toBe('too many redirects fetching http://x/loop (a redirect loop?)');
    expect(calls).toHaveLength(1);
  });

  it("does not retry a port fetch refuses to connect to (9, 6000: the fetch standard's blocked ports), and names it", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    // Node's own fetch: it refuses before any connection, with the bare reason "bad port".
    const http = createHttpClient({ timeoutMs: 1000, retries: 3, userAgent: 'paperboy-test/1', sleep: async (ms) => void sleeps.push(ms), fetch: ((url: string, init: RequestInit) => (calls++, fetch(url, init))) as typeof fetch });
    const err = await http.getText('http://127.0.0.1:9/feed.xml').catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, message: 'http://127.0.0.1:9/feed.xml is on port 9, one of the ports browsers and fetch refuse to connect to (the fetch standard\'s "bad ports"): serve it on another port' });
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('says a redirect led to such a port when the address asked for is on an allowed one', async () => {
    const badPort = Object.assign(new TypeError('fetch failed'), { cause: new Error('bad port') });
    const { http, calls } = client([badPort, badPort]);
    const err = await http.getText('https://feeds.example/feed.xml').catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, message: "https://feeds.example/feed.xml redirected to a port browsers and fetch refuse to connect to (the fetch standard's \"bad ports\", such as 6000)" });
    expect(calls).toHaveLength(1);
  });

  it('maps an aborted-by-timeout request to TimeoutError', async () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const { http } = client([timeout], { retries: 0 });
    await expect(http.getText('http://x/a')).rejects.toBeInstanceOf(TimeoutError);
  });

  it('rejects HTML pages and malformed JSON with ParseError', async () => {
    const html = () => new Response('<!DOCTYPE html><html><head><title>Sign in</title></head></html>', { headers: { 'content-type': 'text/html' } });
    const { http } = client([html(), new Response('[{"a":1},', { headers: { 'content-type': 'application/json' } })]);
    await expect(http.getJson('http://x/a')).rejects.toThrow(/expected JSON but got an HTML page \("Sign in"\)/);
    await expect(http.getJson('http://x/a')).rejects.toThrow(ParseError);
  });

  it('refuses bodies over the size limit', async () => {
    const { http } = client([new Response('x'.repeat(2048))], { maxBodyBytes: 1024 });
    await expect(http.getText('http://x/a')).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('asks refuseBody as the body arrives, with its first bytes and its size so far or as declared, and stops reading when refused', async () => {
    let pulls = 0;
    const endless = () =>
      new Response(
        new ReadableStream({
          pull: (c) => void (pulls++, c.enqueue(new TextEncoder().encode(pulls === 1 ? '<rss>' : 'x'.repeat(1000)))),
        }),
      );
    const asked: number[] = [];
    const refuseBody = (bytes: Uint8Array, size = bytes.byteLength) => (asked.push(size), new TextDecoder().decode(bytes) === '<rss>' && size > 2500 ? 'too big' : null);
    const { http } = client([endless(), () => new Response('<rss>', { headers: { 'content-length': '9000' } })], { retries: 0 });
    await expect(http.getText('http://x/a', { refuseBody })).rejects.toThrow(/^too big/);
    expect(asked).toEqual([5, 1005, 2005, 3005]);
    // Pulled ahead by at most a chunk or two: not read to the end (there is none) nor to the size limit.
    expect(pulls).toBeLessThan(10);
    asked.length = 0;
    await expect(http.getText('http://x/a', { refuseBody })).rejects.toThrow(/^too big/);
    expect(asked).toEqual([9000]);
  });

  it('a body cut off mid-transfer is not kept when refuseBody refuses what arrived', async () => {
    const cut = () => {
      let n = 0;
      return new Response(new ReadableStream({ pull: (c) => void (n++ < 2 ? c.enqueue(new TextEncoder().encode('<rss><item/>')) : c.error(new TypeError('terminated'))) }));
    };
    // Let through while arriving, refused whole: the heap left has shrunk in between.
    const refuseBody = (_bytes: Uint8Array, size?: number) => (size === undefined ? 'no room now' : null);
    const { http } = client([cut()], { retries: 0 });
    const err = await http.getText('http://x/a', { keepCutBody: true, refuseBody }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toMatch(/connection closed before the body was complete \(terminated\); what arrived was not kept: no room now/);
    expect((err as NetworkError).received).toBeNull();
  });

  it('parses Retry-After forms', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('gunzipUnlabelled', () => {
  it('inflates gzip bytes nobody announced, leaves other bytes alone, and keeps the body limit', () => {
    const xml = Buffer.from('<rss version="2.0"/>');
    expect(Buffer.from(gunzipUnlabelled(gzipSync(xml), 'http://x/feed', 1000)).toString()).toBe('<rss version="2.0"/>');
    expect(gunzipUnlabelled(xml, 'http://x/feed', 1000)).toBe(xml);
    const notGzip = Buffer.from([0x1f, 0x8b, 0x00, 0x01]);
    expect(gunzipUnlabelled(notGzip, 'http://x/feed', 1000)).toBe(notGzip);
    // A small gzip that inflates past the limit is refused as too large, as a large body is.
    expect(() => gunzipUnlabelled(gzipSync(Buffer.alloc(2_000_000)), 'http://x/feed', 1_000_000)).toThrow(BodyTooLargeError);
  });
});

describe('http client: conditional requests (RFC 9110 §13)', () => {
  const xml = (status: number, headers: Record<string, string> = {}, body = '<rss/>') => new Response(status === 304 ? null : body, { status, headers: { 'content-type': 'application/rss+xml', ...headers } });

  it('returns a 200 response with its ETag and Last-Modified', async () => {
    const { http } = client([xml(200, { etag: 'W/"abc"', 'last-modified': 'Tue, 02 Sep 2025 10:00:00 GMT' })]);
    const res = await http.getText('http://x/feed');
    expect(res.validators).toEqual({ etag: 'W/"abc"', lastModified: 'Tue, 02 Sep 2025 10:00:00 GMT' });
    expect(res.notModified).toBeUndefined();
  });

  it('sends the validators given as If-None-Match and If-Modified-Since, and a 304 is "not modified", not an error', async () => {
    const { http, calls } = client([xml(304, { etag: '"abc"' })]);
    const res = await http.getText('http://x/feed', { conditional: { etag: '"abc"', lastModified: 'Tue, 02 Sep 2025 10:00:00 GMT' } });
    expect(calls[0]!.headers).toMatchObject({ 'if-none-match': '"abc"', 'if-modified-since': 'Tue, 02 Sep 2025 10:00:00 GMT' });
    expect(res).toMatchObject({ status: 304, notModified: true, text: '' });
  });

  it('fails a 304 to a request that sent no validators at once, saying so', async () => {
    const { http, calls } = client([xml(304), xml(304)]);
    const err = await http.getText('http://x/feed').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toBe('HTTP 304 from http://x/feed (Not Modified, though this request sent no If-None-Match or If-Modified-Since: a misconfigured server or cache in between)');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers['if-none-match']).toBeUndefined();
  });
});

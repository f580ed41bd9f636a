/**
 * An offline backfill: the first day finds the host name does not resolve, and the rest of the
 * run is not fetched (each day would otherwise wait out its own retries), said with the same reason.
 */
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../../jobs/ingest.js';
import { createHttpClient } from '../../../src/net/http.js';
import { createSource, type SourceConfig } from '../../../src/sources/index.js';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const config: SourceConfig = {
  PAPERBOY_HF_API_URL: 'https://huggingface.co/api',
  PAPERBOY_ARXIV_API_URL: 'https://export.arxiv.org/api',
  PAPERBOY_ARXIV_RSS_URL: 'https://rss.arxiv.org',
  PAPERBOY_ARXIV_CATEGORIES: ['cs.CL'],
  PAPERBOY_ARXIV_DELAY_MS: 3000,
  PAPERBOY_HTTP_TIMEOUT_MS: 1000,
  PAPERBOY_HTTP_RETRIES: 2,
  PAPERBOY_USER_AGENT: 'paperboy-test/1',
};

/** A fetch on which `down` hosts do not resolve (undici's error shape) and every other host serves `body`. */
function network(down: string[], body: string, contentType: string) {
  const asked: string[] = [];
  const sleeps: number[] = [];
  const fetch = (async (url: string) => {
    asked.push(url);
    const hostname = new URL(url).hostname;
    if (down.includes(hostname)) {
      throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }) });
    }
    return new Response(body, { headers: { 'content-type': contentType } });
  }) as typeof globalThis.fetch;
  const http = createHttpClient({ timeoutMs: 1000, retries: 2, userAgent: 'paperboy-test/1', fetch, sleep: async (ms) => void sleeps.push(ms) });
  return { http, asked, sleeps };
}

describe('ingest when a host name does not resolve', () => {
  it('asks once, then reports every remaining day not fetched with the same reason', async () => {
    const net = network(['huggingface.co'], '[]', 'application/json');
    const stores = createMemoryStores();
    const summary = await runIngest({ stores, source: createSource('hf', config, { http: net.http }), logger: silentLogger() }, { from: '2026-11-25', to: '2026-12-05' });
    expect(net.asked).toHaveLength(1);
    expect(net.sleeps).toEqual([]);
    expect(summary).toMatchObject({ status: 'failed', units: 11, failed: 11 });
    expect(summary.failures[0]).toEqual({ unit: '2026-11-25', error: 'host huggingface.co not found — is the network up?' });
    expect(summary.failures.slice(1).map((f) => f.error)).toEqual(Array(10).fill('not fetched: host huggingface.co not found — is the network up?'));
    expect(summary.failures.at(-1)!.unit).toBe('2026-12-05');
    expect((await stores.ingestRuns.latest(1))[0]).toMatchObject({ status: 'failed', failed: 11 });
  });

  it('still fetches feeds on other hosts: a mistyped host says nothing about them', async () => {
    const rss = '<rss version="2.0"><channel><title>t</title><item><title>A post</title><link>https://good.example/a</link></item></channel></rss>';
    const net = network(['typo.example'], rss, 'application/rss+xml');
    const feeds = ['https://typo.example/feed.xml', 'https://good.example/feed.xml', 'https://typo.example/other.xml'];
    const summary = await runIngest({ stores: createMemoryStores(), source: createSource('feed', config, { http: net.http }), logger: silentLogger() }, { from: 'x', to: 'x', feedUrl: feeds.join(' ') });
    expect(net.asked).toEqual(feeds.slice(0, 2));
    expect(summary).toMatchObject({ status: 'partial', created: 1, failed: 2 });
    expect(summary.failures).toEqual([
      { unit: feeds[0], error: 'host typo.example not found — is the network up?' },
      { unit: feeds[2], error: 'not fetched: host typo.example not found — is the network up?' },
    ]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { runScheduledIngest } from '../../src/app/scheduled-ingest.js';
import { loadConfig } from '../../src/config.js';
import { createSearchService } from '../../src/core/search/search-service.js';
import { silentLogger } from '../../src/log.js';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { hfItem, startFakeHf, type FakeHf } from '../helpers/fake-hf.js';

const NOW = new Date('2026-11-28T10:00:00Z');
let hf: FakeHf | null = null;
afterEach(async () => {
  await hf?.close();
  hf = null;
});

async function run(apiUrl: string) {
  const stores = createMemoryStores();
  const search = createSearchService({ papers: stores.papers });
  const config = loadConfig({ PAPERBOY_HF_API_URL: apiUrl, PAPERBOY_HTTP_RETRIES: '0', PAPERBOY_HTTP_TIMEOUT_MS: '2000' });
  const outcome = await runScheduledIngest({ config, stores, search, logger: silentLogger() }, NOW).then(
    (detail) => ({ ok: true as const, detail }),
    (err: Error) => ({ ok: false as const, detail: err.message }),
  );
  return { outcome, stores, search };
}

describe('scheduled ingest (the service hourly job)', () => {
  it('stops after the request in flight when the service stops, recording the run as interrupted', async () => {
    hf = await startFakeHf();
    // Hugging Face accepting the connection and never answering: 20 s a request, and retries.
    hf.failDay('2026-11-27', [{ hang: true }]);
    const stores = createMemoryStores();
    const search = createSearchService({ papers: stores.papers });
    const config = loadConfig({ PAPERBOY_HF_API_URL: hf.apiUrl, PAPERBOY_HTTP_TIMEOUT_MS: '20000' });
    const stop = new AbortController();
    const started = Date.now();
    const ingest = runScheduledIngest({ config, stores, search, logger: silentLogger(), signal: stop.signal }, NOW).then(
      () => 'finished',
      (err: Error) => err.message,
    );
    await new Promise((r) => setTimeout(r, 300));
    stop.abort(new Error('interrupted by SIGTERM'));
    // Before: SIGTERM waited for the whole ingest, past any stop grace period.
    expect(await ingest).toMatch(/not done \(interrupted\)/);
    expect(Date.now() - started).toBeLessThan(5_000);
    const [run] = await stores.ingestRuns.latest(1);
    expect(run).toMatchObject({ source: 'hf', status: 'failed', error: expect.stringContaining('interrupted by SIGTERM') });
  });


  it('ingests yesterday and today and makes the papers searchable', async () => {
    hf = await startFakeHf({ days: { '2026-11-28': [hfItem({ id: '2611.00042', day: '2026-11-28', title: 'A neural audio codec' })] } });
    const { outcome, search } = await run(hf.apiUrl);
    expect(outcome).toEqual({ ok: true, detail: 'hf 2026-11-27..2026-11-28: 1 new, 0 updated, 0 unchanged' });
    const found = await search.search('audio codec');
    expect(found.status === 'ok' ? found.items.map((i) => i.arxivId) : found).toEqual(['2611.00042']);
  });

  it('also makes searchable the papers another process stored while the service ran', async () => {
    hf = await startFakeHf({ days: { '2026-11-28': [hfItem({ id: '2611.00042', day: '2026-11-28', title: 'A neural audio codec' })] } });
    const stores = createMemoryStores();
    const search = createSearchService({ papers: stores.papers });
    await search.ready();
    // A `paperboy ingest` beside the service, after its index opened: only a read of the store finds it.
    await stores.papers.upsertMany([{ arxivId: '2611.00007', source: 'arxiv', title: 'Speculative decoding with tiny drafters' }], new Date('2026-11-28T09:00:00Z'));
    const config = loadConfig({ PAPERBOY_HF_API_URL: hf.apiUrl, PAPERBOY_HTTP_RETRIES: '0', PAPERBOY_HTTP_TIMEOUT_MS: '2000' });
    await runScheduledIngest({ config, stores, search, logger: silentLogger() }, NOW);
    const found = await search.search('drafters');
    expect(found.status === 'ok' ? found.items.map((i) => i.arxivId) : found).toEqual(['2611.00007']);
  });

  it('a source that is down fails with the same words as the CLI', async () => {
    hf = await startFakeHf();
    const url = hf.apiUrl;
    await hf.close();
    hf = null;
    const { outcome } = await run(url);
    expect(outcome.ok).toBe(false);
    expect(outcome.detail).toBe('ingest had failures: hf 2026-11-27..2026-11-28: failed (2 of 2 failed, nothing ingested)');
  });
});

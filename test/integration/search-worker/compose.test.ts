import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeServices } from '../../../src/app/compose.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import type { WorkerSearchService } from '../../../src/search-worker/client.js';
import { searchSnapshotName } from '../../../src/store/file-snapshot-store.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function compose(searchWorker: boolean) {
  const dir = await mkdtemp(join(tmpdir(), 'paperboy-compose-'));
  dirs.push(dir);
  const stores = createMemoryStores();
  await stores.papers.upsertMany([{ arxivId: '2611.00001', source: 'file', title: 'A neural audio codec', abstract: 'Residual vector quantization.' }], new Date());
  const app = composeServices(loadConfig({ DATABASE_URL: 'file:./unused.db', PAPERBOY_DATA_DIR: dir }), stores, silentLogger(), {}, { searchWorker });
  return { app, stores, dir };
}

describe('composeServices with the search worker', () => {
  it('chat commands and ingest share the worker-backed search; persist writes the data dir; close stops it', async () => {
    const { app, stores, dir } = await compose(true);
    const search = app.topics.search as WorkerSearchService;
    const hits = await app.commands.search('audio codec', 5);
    expect(hits.status === 'ok' && hits.hits.map((h) => h.paper.arxivId)).toEqual(['2611.00001']);
    const thread = search.worker();
    expect(thread).not.toBeNull();

    await stores.papers.upsertMany([{ arxivId: '2611.00002', source: 'file', title: 'Speculative decoding', abstract: 'Draft and verify.' }], new Date());
    await app.topics.search.indexPapers([(await stores.papers.get('2611.00002'))!]);
    const after = await app.commands.search('speculative', 5);
    expect(after.status === 'ok' && after.hits.map((h) => h.paper.arxivId)).toEqual(['2611.00002']);

    await app.topics.search.persist();
    expect((await stat(join(dir, searchSnapshotName('file:./unused.db')))).size).toBeGreaterThan(0);
    const exited = new Promise((resolve) => thread!.once('exit', resolve));
    await app.close();
    await exited;
    expect(search.worker()).toBeNull();
  });

  it('without it, search stays in process (the CLI)', async () => {
    const { app } = await compose(false);
    expect('worker' in app.topics.search).toBe(false);
    const hits = await app.commands.search('audio codec', 5);
    expect(hits.status === 'ok' && hits.hits.length).toBe(1);
    await app.close();
  });
});

import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaperInput } from '../../../src/core/papers/paper.js';
import type { Logger, PaperStore } from '../../../src/core/ports.js';
import { createSearchService, type SearchOutcome } from '../../../src/core/search/search-service.js';
import { createWorkerSearchService, SERVED_PAGE, type WorkerSearchService } from '../../../src/search-worker/client.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const t = (d: string) => new Date(`${d}T00:00:00Z`);
const paper = (n: number, title: string, abstract: string, authors: string[], day: string, categories = ['cs.SD']): PaperInput => ({
  arxivId: `2601.${String(n).padStart(5, '0')}`,
  source: 'hf',
  title,
  abstract,
  authors,
  publishedAt: t(day),
  categories,
  upvotes: n,
});
const inputs: PaperInput[] = [
  paper(1, 'A neural audio codec at 1 kbps', 'Residual vector quantization for speech.', ['Jane Doe'], '2026-01-01'),
  paper(2, 'Speculative decoding with tiny drafters', 'A draft model proposes tokens; the codec is not involved.', ['John Smith'], '2026-02-01', ['cs.CL']),
  paper(3, 'Audio codec benchmark', 'We compare audio codecs and tokenizers.', ['Jane Doe', 'Li Wei'], '2026-03-01', ['cs.SD', 'eess.AS']),
  paper(4, 'Codec audio neural', 'Words in another order: codec for audio.', ['Max Mustermann'], '2026-03-05'),
  // More than one store page, so the worker's rebuild pulls several pages through the port.
  ...Array.from({ length: 2500 }, (_, i) => paper(100 + i, `Filler study ${i} on graph networks`, `Message passing number ${i % 37}.`, [`Author ${i % 11}`], '2025-06-01', ['cs.LG'])),
];

const QUERIES = ['audio codek', 'specul', 'codec', '"neural audio codec"', 'author:"jane doe"', 'codec since:2026-02-15', 'audio cat:eess', 'category:cs.SD', 'graph networks', 'x'.repeat(5000)];

const ids = (r: SearchOutcome) => (r.status === 'ok' ? r.items.map((i) => i.arxivId) : r.message);

const open: WorkerSearchService[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function setup(opts: { papers?: (p: PaperStore) => PaperStore; snapshotDir?: string } = {}) {
  const stores = createMemoryStores();
  await stores.papers.upsertMany(inputs, t('2026-03-10'));
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() } satisfies Logger;
  const papers = opts.papers ? opts.papers(stores.papers) : stores.papers;
  const search = createWorkerSearchService({ papers, logger, snapshotDir: opts.snapshotDir });
  open.push(search);
  return { stores, search, logger };
}

describe('search in a worker thread', () => {
  it('answers exactly as the in-process service does', async () => {
    const { stores, search } = await setup();
    const inline = createSearchService({ papers: stores.papers });
    const opening = await search.ready();
    expect(opening).toMatchObject({ source: 'rebuild', papers: inputs.length });
    for (const q of QUERIES) {
      for (const limit of [3, 10]) expect(await search.search(q, { limit }), q).toEqual(await inline.search(q, { limit }));
    }
    expect(ids(await search.search('"neural audio codec"'))).toEqual(['2601.00001']);
    expect(search.starts).toBe(1);
  });

  it('runs with a small young generation, so an idle worker holds no large semi-spaces', async () => {
    const { search } = await setup();
    await search.ready();
    // V8's default for a thread on a 64-bit host is up to 48 MB.
    expect(search.worker()!.resourceLimits).toMatchObject({ maxYoungGenerationSizeMb: 8 });
  });

  it('forwards index updates and removals to the worker', async () => {
    const { stores, search } = await setup();
    expect(ids(await search.search('zyxophone'))).toEqual([]);
    const added = paper(9000, 'The zyxophone tokenizer', 'A new instrument for speech.', ['Ada Lovelace'], '2026-03-09');
    await stores.papers.upsertMany([added], t('2026-03-11'));
    const stored = await stores.papers.get(added.arxivId);
    await search.indexPapers([stored!]);
    expect(ids(await search.search('zyxophone'))).toEqual([added.arxivId]);
    await search.removePapers([added.arxivId]);
    expect(ids(await search.search('zyxophone'))).toEqual([]);
  });

  it('catches up from the store on refresh', async () => {
    const { stores, search } = await setup();
    await search.ready();
    await stores.papers.upsertMany([paper(9001, 'Quokka attention', 'Marsupial transformers.', ['Bo'], '2026-03-09')], t('2026-03-12'));
    expect(await search.refresh()).toBe(1);
    expect(ids(await search.search('quokka'))).toEqual(['2601.09001']);
  });

  it('reads the papers of a rebuild for the worker in short pages, whatever page the worker asks for', async () => {
    // Each page is one task of the main thread (read, decode, copy): /healthz and chat acks
    // wait behind it. Counted: the page sizes the store was asked for, and the pages served.
    const asked: Array<number | undefined> = [];
    let served = 0;
    const { search } = await setup({
      papers: (p) => ({
        ...p,
        async *iterate(pageSize?: number) {
          asked.push(pageSize);
          for await (const page of p.iterate(pageSize)) {
            expect(page.length).toBeLessThanOrEqual(SERVED_PAGE);
            served++;
            yield page;
          }
        },
      }),
    });
    expect(await search.ready()).toMatchObject({ source: 'rebuild', papers: inputs.length });
    expect(asked).toEqual([SERVED_PAGE]);
    expect(served).toBe(Math.ceil(inputs.length / SERVED_PAGE));
  });

  it('reports store failures from the worker as rejected calls', async () => {
    const { search } = await setup({
      papers: (p) => ({
        ...p,
        iterate: p.iterate.bind(p),
        // eslint-disable-next-line require-yield -- fails before its first page
        async *iterateUpdated() {
          throw new Error('database is down');
        },
      }),
    });
    await search.ready();
    await expect(search.refresh()).rejects.toThrow('database is down');
    // The worker survives a failed call.
    expect(ids(await search.search('codec', { limit: 1 }))).toHaveLength(1);
    expect(search.starts).toBe(1);
  });

  it('writes its snapshot in the worker, and a new worker opens from it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paperboy-search-worker-'));
    dirs.push(dir);
    const first = await setup({ snapshotDir: dir });
    expect((await first.search.ready()).source).toBe('rebuild');
    expect((await stat(join(dir, 'search-index.json'))).size).toBeGreaterThan(0);
    const second = createWorkerSearchService({ papers: first.stores.papers, snapshotDir: dir });
    open.push(second);
    expect((await second.ready()).source).toBe('snapshot');
    expect(ids(await second.search('audio codec', { limit: 2 }))).toEqual(ids(await first.search.search('audio codec', { limit: 2 })));
  });
});

/** A phrase search reads the store back from the worker; a hanging read keeps it in flight. */
type HangingStore = PaperStore & { hang: boolean; hanging: number };
function hangingReads(p: PaperStore): HangingStore {
  const store: HangingStore = {
    ...p,
    iterate: p.iterate.bind(p),
    hang: false,
    hanging: 0,
    getMany: (ids) => (store.hang ? (store.hanging++, new Promise<never>(() => {})) : p.getMany(ids)),
  };
  return store;
}

describe('search worker lifecycle', () => {
  it('fails the calls of a worker that died, says so, and starts a new one on the next call', async () => {
    const reads = { store: null as HangingStore | null };
    const { search, logger } = await setup({ papers: (p) => (reads.store = hangingReads(p)) });
    await search.ready();
    const dying = search.worker()!;
    reads.store!.hang = true;
    const pending = search.search('"audio codec"');
    pending.catch(() => undefined);
    await vi.waitFor(() => expect(reads.store!.hanging).toBe(1), { timeout: 20_000, interval: 20 });
    await dying.terminate();
    await expect(pending).rejects.toThrow(/search worker stopped/);
    reads.store!.hang = false;
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ code: 1 }), expect.stringContaining('search worker died'));
    expect(ids(await search.search('specul'))).toEqual(['2601.00002']);
    expect(search.starts).toBe(2);
    expect(search.worker()).not.toBe(dying);
  });

  it('a worker that dies again before answering is restarted only after a pause; calls in it fail at once', async () => {
    const reads = { store: null as HangingStore | null };
    let clock = 1_000_000;
    const stores = createMemoryStores();
    await stores.papers.upsertMany(inputs, t('2026-03-10'));
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() } satisfies Logger;
    const search = createWorkerSearchService({ papers: (reads.store = hangingReads(stores.papers)), logger, now: () => clock, restartBackoff: { baseMs: 4000, maxMs: 60_000 } });
    open.push(search);
    await search.ready();
    await search.worker()!.terminate();
    // The first death restarts at once; the new worker dies before answering anything.
    reads.store!.hang = true;
    const reopening = search.search('"audio codec"');
    // Handled below; this keeps a failed wait from leaving it unhandled.
    reopening.catch(() => undefined);
    await vi.waitFor(() => expect(reads.store!.hanging).toBe(1), { timeout: 20_000, interval: 20 });
    await search.worker()!.terminate();
    await expect(reopening).rejects.toThrow(/search worker stopped/);
    expect(search.starts).toBe(2);
    expect(logger.error).toHaveBeenLastCalledWith(expect.objectContaining({ deathsInARow: 2, restartInMs: 4000 }), expect.stringContaining('pausing'));

    reads.store!.hang = false;
    await expect(search.search('specul')).rejects.toThrow(/restarting after repeated crashes; try again in 4 s/);
    expect(search.starts).toBe(2);
    clock += 4001;
    expect(ids(await search.search('specul'))).toEqual(['2601.00002']);
    expect(search.starts).toBe(3);
  });

  it('close stops the thread and fails what was still waiting', async () => {
    const reads = { store: null as HangingStore | null };
    const { search, logger } = await setup({ papers: (p) => (reads.store = hangingReads(p)) });
    await search.ready();
    const thread = search.worker()!;
    const exited = new Promise<number>((resolve) => thread.once('exit', resolve));
    reads.store!.hang = true;
    const pending = search.search('"audio codec"');
    pending.catch(() => undefined);
    await vi.waitFor(() => expect(reads.store!.hanging).toBe(1), { timeout: 20_000, interval: 20 });
    await search.close();
    await exited;
    await expect(pending).rejects.toThrow(/search worker stopped/);
    expect(search.worker()).toBeNull();
    expect(logger.error).not.toHaveBeenCalled();
  });
});

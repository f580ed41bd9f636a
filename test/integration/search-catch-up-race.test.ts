/**
 * The search index catches up with the store by reading papers updated after a mark. With two
 * writers, a batch stamped earlier can commit after a later one was read: simulated here by
 * writing it, with its earlier stamp, after the index read the later one (what a reader sees
 * when the first transaction commits last). On the in-memory store, SQLite and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaperInput } from '../../src/core/papers/paper.js';
import type { PaperStore } from '../../src/core/ports.js';
import { decodeSnapshot, memorySnapshotStore } from '../../src/core/search/index-snapshot.js';
import { createSearchService, type SearchOutcome } from '../../src/core/search/search-service.js';
import { COMMIT_LAG_MS } from '../../src/core/search/catch-up-mark.js';
import { storeBackends, type OpenBackend } from '../helpers/db.js';

const backends = await storeBackends('search-catch-up-race');

const T = Date.parse('2026-11-20T08:00:00.000Z');
const at = (ms: number) => new Date(T + ms);
const paper = (id: string, title: string): PaperInput => ({ arxivId: id, source: 'arxiv', title, abstract: `${title}, studied.`, authors: ['Ada Lovelace'], publishedAt: new Date('2026-11-01T00:00:00Z'), categories: ['cs.CL'] });
/** The store, counting the papers catch-ups read from it. */
function counting(papers: PaperStore): PaperStore & { read: number } {
  const out = {
    ...papers,
    read: 0,
    async *iterateUpdated(after: Date | undefined, pageSize?: number) {
      for await (const page of papers.iterateUpdated(after, pageSize)) {
        out.read += page.length;
        yield page;
      }
    },
  };
  return out;
}
const ids = (r: SearchOutcome) => (r.status === 'ok' ? r.items.map((i) => i.arxivId) : r.message);

describe.each(backends)('search catch-up with two writers ($name)', (backend) => {
  let open: OpenBackend;
  beforeEach(async () => {
    open = await backend.open();
  });
  afterEach(async () => {
    await open.drop();
  });

  it('takes a batch stamped before one it read but committed after it, once', async () => {
    const { papers } = open.stores;
    await papers.upsertMany([paper('2611.00001', 'Mamba state spaces')], at(-3_600_000));
    // Writer B's batch (stamped a second after writer A's) commits first, and the index reads it.
    await papers.upsertMany([paper('2611.00002', 'Retrieval augmented generation')], at(1000));
    const snapshots = memorySnapshotStore();
    const clock = { ms: T + 2000 };
    const search = createSearchService({ papers, snapshots, now: () => clock.ms, warm: false });
    await search.ready();
    expect(ids(await search.search('retrieval'))).toEqual(['2611.00002']);

    // Writer A's batch commits: a new paper and a new version of an indexed one.
    await papers.upsertMany([paper('2611.00003', 'Speculative decoding'), paper('2611.00001', 'Mamba renamed lookahead')], at(0));
    expect(await search.refresh()).toBe(2);
    expect(ids(await search.search('speculative'))).toEqual(['2611.00003']);
    expect(ids(await search.search('lookahead'))).toEqual(['2611.00001']);
    // Read again while still within the lag: nothing is taken twice.
    expect(await search.refresh()).toBe(0);
    await search.persist();

    // The same race across a restart: the snapshot's mark must not pass a batch still uncommitted.
    await papers.upsertMany([paper('2611.00004', 'Diffusion language models')], at(3000));
    clock.ms = T + 4000;
    expect(await search.refresh()).toBe(1);
    await search.persist();
    // A new version only: the paper count agrees, so nothing but the catch-up can find it.
    await papers.upsertMany([paper('2611.00002', 'Retrieval renamed grounding')], at(2500));
    const reopened = createSearchService({ papers, snapshots, now: () => clock.ms, warm: false });
    expect((await reopened.ready()).source).toBe('snapshot+catch-up');
    expect(ids(await reopened.search('grounding'))).toEqual(['2611.00002']);
    expect(await reopened.refresh()).toBe(0);

    // Once the writes are older than the lag, the mark moves up to the newest stamp read: the
    // overlap is not read again at every catch-up.
    await papers.upsertMany([paper('2611.00005', 'Tool use')], at(5000));
    clock.ms = T + 5000 + COMMIT_LAG_MS + 1;
    expect(await reopened.refresh()).toBe(1);
    await reopened.persist();
    const decoded = decodeSnapshot(snapshots.data!);
    expect(decoded.ok && decoded.header.maxUpdatedAt).toBe(at(5000).toISOString());
    expect(decoded.ok && decoded.header.recent).toBeUndefined();
  });

  it('saves a mark that moved on, so the next opening does not read the same papers again', async () => {
    const { papers } = open.stores;
    await papers.upsertMany([paper('2611.00001', 'Mamba state spaces'), paper('2611.00002', 'Retrieval augmented generation')], at(0));
    const snapshots = memorySnapshotStore();
    await createSearchService({ papers, snapshots, now: () => T + 1000, warm: false }).ready();
    const later = () => T + COMMIT_LAG_MS + 5000;
    const reads: number[] = [];
    for (let i = 0; i < 2; i++) {
      const counted = counting(papers);
      const search = createSearchService({ papers: counted, snapshots, now: later, warm: false });
      // Both papers were read within the lag of their stamp: the first opening after it reads them again.
      expect((await search.ready()).source).toBe('snapshot');
      await search.persist();
      reads.push(counted.read);
    }
    expect(reads).toEqual([2, 0]);
  });

  it('reads the store once when a refresh opens the index (as `paperboy search` does)', async () => {
    const { papers } = open.stores;
    await papers.upsertMany([paper('2611.00001', 'Mamba state spaces'), paper('2611.00002', 'Retrieval augmented generation')], at(0));
    const snapshots = memorySnapshotStore();
    const first = createSearchService({ papers, snapshots, now: () => T + 1000, warm: false });
    await first.ready();
    await papers.upsertMany([paper('2611.00003', 'Speculative decoding')], at(500));
    const counted = counting(papers);
    // Within the lag of the papers' stamps: a second read would read all three again.
    const cli = createSearchService({ papers: counted, snapshots, now: () => T + 2000, warm: false });
    await cli.refresh();
    expect(counted.read).toBe(3);
    expect(ids(await cli.search('speculative'))).toEqual(['2611.00003']);
  });
});

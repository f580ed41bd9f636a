/**
 * A database whose papers are all older than the hot window: the index is empty, and its
 * snapshot must still be reused (it was rebuilt, reading every stored paper, at each search).
 */
import { describe, expect, it } from 'vitest';
import type { PaperInput } from '../../../src/core/papers/paper.js';
import { paperDate } from '../../../src/core/papers/paper.js';
import type { ArchiveSearch } from '../../../src/core/search/archive-search.js';
import { memorySnapshotStore } from '../../../src/core/search/index-snapshot.js';
import { createSearchService } from '../../../src/core/search/search-service.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const t = (d: string) => new Date(`${d}T00:00:00Z`);
const NOW = t('2026-12-05').getTime();
const paper = (id: string, published: string): PaperInput => ({ arxivId: id, source: 'hf', title: `Audio codec ${id}`, abstract: 'Speech tokens.', authors: ['Jane Doe'], publishedAt: t(published), categories: ['cs.SD'] });

/** Memory stores, an archive that counts them, and a search service to open on one snapshot. */
function setup() {
  const stores = createMemoryStores();
  const archive: ArchiveSearch = {
    search: async () => [],
    countFrom: async (from) => (await stores.papers.list({ limit: 10_000 })).filter((p) => paperDate(p).getTime() >= from.getTime()).length,
  };
  const snapshots = memorySnapshotStore();
  const open = () => createSearchService({ papers: stores.papers, archive, hotDays: 30, snapshots, now: () => NOW }).ready();
  return { stores, open };
}

describe('search index over an archive of old papers only', () => {
  it('reopens from its snapshot (no rebuild), and catches up with a recent paper later', async () => {
    const { stores, open } = setup();
    await stores.papers.upsertMany([paper('2401.00001', '2024-01-10'), paper('2401.00002', '2024-02-10')], t('2026-12-01'));
    expect(await open()).toMatchObject({ source: 'rebuild', papers: 0 });
    expect(await open()).toMatchObject({ source: 'snapshot', papers: 0 });

    await stores.papers.upsertMany([paper('2612.00003', '2026-12-04')], t('2026-12-04'));
    expect(await open()).toMatchObject({ source: 'snapshot+catch-up', papers: 1 });
  });
});

describe('search index over an empty database', () => {
  it('reopens from its snapshot: a new database was rebuilt, and logged as not matching, at every start', async () => {
    const { stores, open } = setup();
    expect(await open()).toMatchObject({ source: 'rebuild', papers: 0 });
    expect(await open()).toMatchObject({ source: 'snapshot', papers: 0 });
    // The first papers: a snapshot that never saw one reads them all (the archive's share too).
    await stores.papers.upsertMany([paper('2612.00003', '2026-12-04')], t('2026-12-04'));
    expect(await open()).toMatchObject({ source: 'rebuild', papers: 1 });
  });
});

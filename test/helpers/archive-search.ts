/**
 * What the search tests over a real store (window + archive) set up alike: papers written to a
 * fresh database of one backend, and a search service whose 30-day window ends at `now`.
 */
import { afterAll, beforeAll } from 'vitest';
import type { PaperInput } from '../../src/core/papers/paper.js';
import type { Stores } from '../../src/core/ports.js';
import { memorySnapshotStore } from '../../src/core/search/index-snapshot.js';
import { createSearchService, type SearchOutcome } from '../../src/core/search/search-service.js';
import type { storeBackends } from './db.js';

type Backend = Awaited<ReturnType<typeof storeBackends>>[number];

export const searchPaper = (arxivId: string, title: string, abstract: string, publishedAt: string): PaperInput => ({
  arxivId,
  source: 'arxiv',
  title,
  abstract,
  authors: ['Some Author'],
  categories: ['cs.CL'],
  publishedAt: new Date(publishedAt),
});

/** Papers on another subject, so that the query's words are rare among the stored ones. */
export const fillerPapers = (n: number): PaperInput[] =>
  Array.from({ length: n }, (_, i) =>
    searchPaper(`2601.${String(i).padStart(5, '0')}`, `Vision transformers study ${i}`, `We train image models on x and y with batch size ${i}.`, '2026-02-01T00:00:00Z'),
  );

export const searchItems = (r: SearchOutcome) => (r.status === 'ok' ? r.items : []);

/** Inside a `describe`: stores `papers` before its tests, drops the database after them. */
export function storedPapersSearch(backend: Backend, papers: PaperInput[], now: number) {
  let stores: Stores | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ stores, drop } = await backend.open());
    await stores.papers.upsertMany(papers, new Date(now - 1000));
  });
  afterAll(() => drop?.());
  const opened = () => {
    if (!stores) throw new Error('the store opens in beforeAll');
    return stores;
  };
  return {
    stores: opened,
    windowed: () => createSearchService({ papers: opened().papers, archive: opened().archive, hotDays: 30, now: () => now, snapshots: memorySnapshotStore() }),
  };
}

/**
 * When the archive is asked for a page the window fills (search-service.ts cheapToRank): only
 * while the query's words reach at most 10,000 stored papers (the database ranks every paper a
 * word reaches). The counts come from a fake archive here, so the cap needs no 10,000 papers.
 */
import { describe, expect, it } from 'vitest';
import type { PaperInput } from '../../../src/core/papers/paper.js';
import type { ArchiveSearch } from '../../../src/core/search/archive-search.js';
import { createSearchService } from '../../../src/core/search/search-service.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const t = (d: string) => new Date(`${d}T00:00:00Z`);
const NOW = t('2026-03-10').getTime();
const paper = (arxivId: string, title: string, date: string): PaperInput => ({ arxivId, source: 'hf', title, abstract: 'We study it.', authors: ['Ann Other'], publishedAt: t(date), categories: ['cs.SD'] });
const old = [paper('2001.00001', 'Codec vocoder study', '2010-01-01'), paper('2001.00002', 'Codec vocoder survey', '2010-02-01')];
const recent = [paper('2603.00001', 'Codec vocoder at low bitrate', '2026-03-01'), paper('2603.00002', 'Codec vocoder in noise', '2026-03-02'), paper('2603.00003', 'Codec vocoder tricks', '2026-03-03')];
const all = [...old, ...recent];

interface Calls { searches: number; prefix: number; terms: number }

/** An archive counting `held` papers for every word (or failing to count). */
function fakeArchive(held: number | Error, calls: Calls): ArchiveSearch {
  return {
    search: async (q) => {
      calls.searches++;
      return old
        .filter((p) => p.publishedAt! < q.before && q.words.some((w) => p.title.toLowerCase().includes(w)))
        .map((p) => ({ arxivId: p.arxivId, title: p.title, score: 1, date: p.publishedAt!, upvotes: null }));
    },
    countFrom: async (from) => all.filter((p) => p.publishedAt! >= from).length,
    termCounts: async (terms) => {
      calls.terms++;
      return new Map(terms.map((term) => [term, { title: 5 }]));
    },
    prefixCounts: async (words) => {
      calls.prefix++;
      if (held instanceof Error) throw held;
      return new Map(words.map((w) => [w, held]));
    },
  };
}

async function service(held: number | Error) {
  const stores = createMemoryStores();
  await stores.papers.upsertMany(all, new Date(NOW));
  const calls: Calls = { searches: 0, prefix: 0, terms: 0 };
  const s = createSearchService({ papers: stores.papers, archive: fakeArchive(held, calls), hotDays: 30, now: () => NOW, warm: false });
  return { s, calls };
}

const archived = (r: Awaited<ReturnType<ReturnType<typeof createSearchService>['search']>>) => (r.status === 'ok' ? r.items.filter((i) => i.archive).map((i) => i.arxivId) : null);

describe('asking the archive for a page the window fills', () => {
  it('asks while the words reach at most 10,000 stored papers', async () => {
    const { s, calls } = await service(10_000);
    expect(archived(await s.search('codec', { limit: 2 }))).not.toEqual([]);
    expect(calls.searches).toBeGreaterThan(0);
  });

  it('keeps the window full page past 10,000, the archive unasked', async () => {
    const { s, calls } = await service(10_001);
    const r = await s.search('codec', { limit: 2 });
    expect(r.status === 'ok' && r.items.map((i) => i.arxivId)).toHaveLength(2);
    expect(archived(r)).toEqual([]);
    expect(calls.searches).toBe(0);
  });

  it('sums the words: two of 5,000 and 5,001 papers are past the cap', async () => {
    const { s, calls } = await service(5_000);
    await s.search('codec vocoder', { limit: 2 });
    expect(calls.searches).toBeGreaterThan(0);
    const past = await service(5_001);
    await past.s.search('codec vocoder', { limit: 2 });
    expect(past.calls.searches).toBe(0);
  });

  it('a count the database fails to give keeps the old rule, not a failed search', async () => {
    const { s, calls } = await service(new Error('SQLITE_BUSY: database is locked'));
    const r = await s.search('codec', { limit: 2 });
    expect(r.status).toBe('ok');
    expect(archived(r)).toEqual([]);
    expect(calls.searches).toBe(0);
    // A page the window does not fill still reaches the archive.
    expect(archived(await s.search('codec', { limit: 10 }))).toEqual(['2001.00002', '2001.00001']);
  });
});

describe('counting words in the store', () => {
  it('looks up no counts for a query of filters only (no word to weigh)', async () => {
    const { s, calls } = await service(10);
    await s.search('cat:cs.SD');
    await s.search('since:2026-03-02');
    expect(calls.terms).toBe(0);
    expect(calls.prefix).toBe(0);
  });

  // The counts weigh the window's own hits too (search-corpus-rarity.test.ts): a `since:` inside
  // the window, the archive unasked, still needs them, once until the store changes.
  it('looks up a since: query inside the window once, the archive unasked', async () => {
    const { s, calls } = await service(10);
    await s.search('codec since:2026-03-02');
    await s.search('codec since:2026-03-02');
    expect(calls.terms).toBe(1);
    expect(calls.prefix).toBe(0);
    expect(calls.searches).toBe(0);
  });
});

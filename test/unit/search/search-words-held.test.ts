/**
 * Where the store says only whether it holds a word (ArchiveSearch.wordsHeld: PostgreSQL, which
 * counts stems, not words), typos are forgiven over every stored paper as on SQLite, and a word
 * the window's own index holds is not asked about: the store's index costs most for the common
 * words, which the window holds (a prefix query on PostgreSQL's GIN index, 30 ms for "model").
 */
import { describe, expect, it } from 'vitest';
import type { PaperInput } from '../../../src/core/papers/paper.js';
import type { ArchiveSearch } from '../../../src/core/search/archive-search.js';
import { createSearchService } from '../../../src/core/search/search-service.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const t = (d: string) => new Date(`${d}T00:00:00Z`);
const NOW = t('2026-03-10').getTime();
const paper = (arxivId: string, title: string, date: string): PaperInput => ({ arxivId, source: 'hf', title, abstract: 'We study it.', authors: ['Ann Other'], publishedAt: t(date), categories: ['cs.CL'] });
const old = [paper('2001.00001', 'Speculative decoding with drafts', '2010-01-01')];
const recent = [paper('2603.00001', 'Vocoder models at low bitrate', '2026-03-01')];
const all = [...old, ...recent];
const storedWords = ['at', 'bitrate', 'decoding', 'drafts', 'low', 'models', 'speculative', 'study', 'vocoder', 'we', 'with'];

function fakeArchive(asked: string[]): ArchiveSearch {
  return {
    search: async (q) =>
      old
        .filter((p) => p.publishedAt! < q.before && q.words.some((w) => p.title.toLowerCase().includes(w)))
        .map((p) => ({ arxivId: p.arxivId, title: p.title, score: 1, date: p.publishedAt!, upvotes: null })),
    countFrom: async (from) => all.filter((p) => p.publishedAt! >= from).length,
    wordsHeld: async (words) => {
      asked.push(...words);
      return new Set(words.filter((w) => storedWords.some((s) => s.startsWith(w))));
    },
    wordsStartingWith: async (prefix) => storedWords.filter((w) => w.startsWith(prefix)).map((term) => ({ term, docs: 1 })),
  };
}

describe('typos where the store says only whether it holds a word', () => {
  it('forgives a typo over every stored paper, asking the store only of words the window does not hold', async () => {
    const stores = createMemoryStores();
    await stores.papers.upsertMany(all, new Date(NOW));
    const asked: string[] = [];
    const s = createSearchService({ papers: stores.papers, archive: fakeArchive(asked), hotDays: 30, now: () => NOW, warm: false });
    const r = await s.search('speculatve vocoder');
    expect(r.status === 'ok' && r.notes.corrected).toEqual([{ typed: 'speculatve', searched: 'speculative' }]);
    expect(r.status === 'ok' && r.items.map((i) => i.arxivId).sort()).toEqual(['2001.00001', '2603.00001']);
    // "vocoder" (and its beginning "voco") are the window's: the store was asked about the typo alone.
    await s.search('voco');
    expect(asked).toEqual(['speculatve']);
  });
});

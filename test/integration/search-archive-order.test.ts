/**
 * One order for the window's and the archive's hits: the archive's are scored on the window's
 * scale, so the best match comes first whichever side holds it and the scores go down. Interleaved
 * rank by rank, an old paper about the query's subject came after a new one merely naming it.
 */
import { describe, expect, it } from 'vitest';
import type { PaperInput } from '../../src/core/papers/paper.js';
import { createSearchService } from '../../src/core/search/search-service.js';
import { fillerPapers, searchItems as items, searchPaper as paper, storedPapersSearch } from '../helpers/archive-search.js';
import { storeBackends } from '../helpers/db.js';

const backends = await storeBackends('search-archive-order', { memory: false });

const NOW = Date.parse('2026-12-06T12:00:00Z');
const filler = fillerPapers(30);
const papers: PaperInput[] = [
  ...filler,
  paper('2602.06036', 'DFlash: Block Diffusion for Flash Speculative Decoding', 'Speculative decoding with a block diffusion drafter makes speculative decoding faster.', '2026-02-06T00:00:00Z'),
  paper('2602.04541', 'Sparse attention for long contexts', 'Decoding is slow; speculative methods are left for future work.', '2026-02-05T00:00:00Z'),
  paper('2612.01001', 'Faster speculative decoding with tree drafts', 'Tree drafts for speculative decoding.', '2026-12-05T10:00:00Z'),
  paper('2612.01002', 'Serving systems for LLM inference', 'A serving system with many tricks, among them speculative decoding, paged memory, batching and quantized kernels.', '2026-12-05T11:00:00Z'),
  paper('2612.01003', 'Quantized attention kernels', 'Kernels for attention; decoding speed improves, speculative methods are future work.', '2026-12-05T12:00:00Z'),
];

describe.each(backends)('window and archive in one order: $name', (backend) => {
  const { stores: opened, windowed } = storedPapersSearch(backend, papers, NOW);

  it('lists the best match first whichever side holds it, scores going down', async () => {
    const got = items(await windowed().search('speculative decoding', { limit: 5 }));
    expect(got.map((h) => h.arxivId).slice(0, 2)).toEqual(['2612.01001', '2602.06036']);
    expect(got.find((h) => h.arxivId === '2602.06036')?.archive).toBe(true);
    const scores = got.map((h) => h.score);
    // Down, but for near-ties (within 0.1%), which list newer papers first.
    for (let i = 1; i < scores.length; i++) expect(scores[i]!, String(scores)).toBeLessThanOrEqual(scores[i - 1]! * 1.001);
    expect(Math.min(...scores)).toBeGreaterThan(0);
  });

  it('lists an older paper matching better than the window\'s on the page the window alone could fill', async () => {
    // Three window papers say both words: a page of three used to be theirs alone.
    const page = items(await windowed().search('speculative decoding', { limit: 3 }));
    // Only where the store counts the papers the words reach (SQLite): PostgreSQL keeps the window's page.
    if (!opened().archive?.prefixCounts) return expect(page.every((h) => !h.archive)).toBe(true);
    expect(page.map((h) => h.arxivId).slice(0, 2)).toEqual(['2612.01001', '2602.06036']);
    // A page is the start of any longer one: the size of the page does not change who leads it.
    const longer = items(await windowed().search('speculative decoding', { limit: 5 }));
    expect(page.map((h) => h.arxivId)).toEqual(longer.slice(0, 3).map((h) => h.arxivId));
  });

  it('scores an archive paper as it would score in the window', async () => {
    const all = createSearchService({ papers: opened().papers });
    const everywhere = items(await all.search('speculative decoding', { limit: 5 })).find((h) => h.arxivId === '2602.06036')!;
    const archived = items(await windowed().search('speculative decoding', { limit: 5 })).find((h) => h.arxivId === '2602.06036')!;
    if (opened().archive?.termCounts) {
      // Rarity counted over every stored paper (SQLite's FTS5 vocabulary): the very score it gets there.
      expect(archived.score).toBeCloseTo(everywhere.score, 2);
    } else {
      // PostgreSQL's index holds stems: only the document frequencies differ (the window counts its own papers and the one scored).
      expect(archived.score / everywhere.score).toBeGreaterThan(0.8);
      expect(archived.score / everywhere.score).toBeLessThan(1.25);
    }
  });

  it('counts the papers holding each word, by field, as the window tokenises them', async () => {
    const count = opened().archive?.termCounts;
    if (!count) return;
    const counts = await count(['speculative', 'decoding', 'cs', 'nosuchword']);
    expect(counts.get('speculative')).toEqual({ title: 2, abstract: 5 });
    expect(counts.get('decoding')).toEqual({ title: 2, abstract: 5 });
    expect(counts.get('cs')).toEqual({ keywords: 35 });
    expect(counts.get('nosuchword')).toBeUndefined();
    // Word beginnings, as the database's prefix query reads them: "specul" and "decod" reach their words' counts.
    expect(await opened().archive!.prefixCounts!(['specul', 'decod', 'nosuchword'])).toEqual(new Map([['specul', 7], ['decod', 7], ['nosuchword', 0]]));
  });

  it('finds nothing for a word no paper has beside a letter, rather than every paper with the letter at 0.00', async () => {
    for (const q of ['quantum x', 'title:x', 'zzzq x']) expect(items(await windowed().search(q, { limit: 50 })), q).toEqual([]);
  });
});

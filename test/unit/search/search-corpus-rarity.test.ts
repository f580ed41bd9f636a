/**
 * A word's rarity judged over every paper, window and archive alike (ArchiveSearch.termCounts):
 * judged by the window's papers alone, a word common in older papers but rare in the window
 * weighed more in the window's hits and in the archive's (scored by the window's statistics).
 */
import { describe, expect, it } from 'vitest';
import type { PaperInput } from '../../../src/core/papers/paper.js';
import type { Logger } from '../../../src/core/ports.js';
import type { ArchiveSearch, TermCounts } from '../../../src/core/search/archive-search.js';
import { createSearchService, type SearchOutcome } from '../../../src/core/search/search-service.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const t = (d: string) => new Date(`${d}T00:00:00Z`);
const NOW = t('2026-03-10').getTime();
const paper = (arxivId: string, title: string, abstract: string, date: string): PaperInput => ({ arxivId, source: 'hf', title, abstract, authors: ['Ann Other'], publishedAt: t(date), categories: ['cs.SD'] });
// "codec" is in every old paper and one new one; "speech" in new papers only.
const old = Array.from({ length: 6 }, (_, i) => paper(`2001.0000${i}`, `Codec study ${i}`, 'A codec for audio, measured.', '2010-01-01'));
const recent = [
  paper('2603.00001', 'Speech codec at low bitrate', 'Speech tokens through a codec.', '2026-03-01'),
  paper('2603.00002', 'Speech recognition in noise', 'Speech in noisy rooms.', '2026-03-02'),
  paper('2603.00003', 'Speech synthesis', 'Speech from text, with a vocoder.', '2026-03-03'),
];
const all = [...old, ...recent];

/** Papers holding each term by field, as the SQLite archive counts them (exact lower-case words). */
function countsOf(papers: readonly PaperInput[], terms: readonly string[]): TermCounts {
  const out: TermCounts = new Map();
  const wordsOf = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  for (const term of terms) {
    const c: Record<string, number> = {};
    for (const p of papers) {
      const fields = { title: p.title, abstract: p.abstract, authors: (p.authors ?? []).join(', '), keywords: (p.categories ?? []).join(', ') };
      for (const [f, text] of Object.entries(fields)) if (wordsOf(text ?? '').has(term)) c[f] = (c[f] ?? 0) + 1;
    }
    if (Object.keys(c).length) out.set(term, c);
  }
  return out;
}

function fakeArchive(papers: readonly PaperInput[], asked: string[][]): ArchiveSearch {
  return {
    search: async (q) =>
      papers
        .filter((p) => p.publishedAt! < q.before && q.words.some((w) => `${p.title} ${p.abstract}`.toLowerCase().includes(w)))
        .map((p) => ({ arxivId: p.arxivId, title: p.title, score: 1, date: p.publishedAt!, upvotes: null })),
    countFrom: async (from) => papers.filter((p) => p.publishedAt! >= from).length,
    termCounts: async (terms) => {
      asked.push([...terms]);
      return countsOf(papers, terms);
    },
  };
}

const scores = (r: SearchOutcome) => new Map(r.status === 'ok' ? r.items.map((i) => [i.arxivId, i.score]) : []);

describe('rarity over the whole corpus', () => {
  it('scores window and archive papers as an index of every paper would', async () => {
    const stores = createMemoryStores();
    await stores.papers.upsertMany(all, new Date(NOW));
    const everywhere = createSearchService({ papers: stores.papers, warm: false });
    const asked: string[][] = [];
    const split = createSearchService({ papers: stores.papers, archive: fakeArchive(all, asked), hotDays: 30, now: () => NOW, warm: false });
    for (const q of ['speech codec', 'codec', 'codec audio']) {
      const want = scores(await everywhere.search(q, { limit: 20 }));
      const got = scores(await split.search(q, { limit: 20 }));
      expect(got.size, q).toBeGreaterThan(0);
      for (const [id, score] of got) expect(score, `${q}: ${id}`).toBeCloseTo(want.get(id)!, 2);
    }
    expect(asked.flat()).toContain('codec');
  });

  // The archive is not asked, but "codec" counted in the window alone (1 paper of 3, against 9
  // papers in all) scored 7.88 where an index of every paper gives 1.19: a query's scores moved
  // with `since:`, and with which words earlier searches had counted.
  it('scores a since: inside the window (the archive unasked) by every paper too', async () => {
    const stores = createMemoryStores();
    await stores.papers.upsertMany(all, new Date(NOW));
    const everywhere = createSearchService({ papers: stores.papers, warm: false });
    const split = createSearchService({ papers: stores.papers, archive: fakeArchive(all, []), hotDays: 30, now: () => NOW, warm: false });
    for (const q of ['codec since:2026-03-01', 'speech codec since:2026-03-01']) {
      const want = scores(await everywhere.search(q, { limit: 20 }));
      const got = scores(await split.search(q, { limit: 20 }));
      expect(got.size, q).toBeGreaterThan(0);
      for (const [id, score] of got) expect(score, `${q}: ${id}`).toBeCloseTo(want.get(id)!, 2);
    }
  });

  it('asks nothing and scores as before while every paper is in the window (a fresh database)', async () => {
    const stores = createMemoryStores();
    await stores.papers.upsertMany(recent, new Date(NOW));
    const alone = createSearchService({ papers: stores.papers, warm: false });
    const asked: string[][] = [];
    const windowed = createSearchService({ papers: stores.papers, archive: fakeArchive(recent, asked), hotDays: 30, now: () => NOW, warm: false });
    for (const q of ['speech codec', 'speech']) expect([...scores(await windowed.search(q))]).toEqual([...scores(await alone.search(q))]);
    expect(asked).toEqual([]);
  });

  // A locked or busy database failed the whole search here, where the every-page cap's counts
  // already fell back: the window's own counts (the rule before termCounts) rank the page.
  it('ranks by the window alone, with one warning, when the store cannot count (busy, locked)', async () => {
    const stores = createMemoryStores();
    await stores.papers.upsertMany(all, new Date(NOW));
    const busy = { ...fakeArchive(all, []), termCounts: undefined };
    const windowOnly = createSearchService({ papers: stores.papers, archive: busy, hotDays: 30, now: () => NOW, warm: false });
    const warnings: string[] = [];
    const logger: Logger = { warn: (_o, msg) => void warnings.push(msg ?? ''), info: () => {}, error: () => {}, debug: () => {} };
    let failing = true;
    const asked: string[][] = [];
    const flaky: ArchiveSearch = {
      ...fakeArchive(all, asked),
      termCounts: async (terms) => {
        if (failing) throw new Error('SQLITE_BUSY: database is locked');
        asked.push([...terms]);
        return countsOf(all, terms);
      },
    };
    const split = createSearchService({ papers: stores.papers, archive: flaky, hotDays: 30, now: () => NOW, warm: false, logger });
    const r = await split.search('speech codec', { limit: 20 });
    expect(r.status).toBe('ok');
    expect(scores(r)).toEqual(scores(await windowOnly.search('speech codec', { limit: 20 })));
    expect(warnings).toHaveLength(1);
    // Not remembered as counted: asked again once the store answers.
    failing = false;
    await split.search('speech codec', { limit: 20 });
    expect(asked.flat()).toContain('codec');
    expect(warnings).toHaveLength(1);
  });
});

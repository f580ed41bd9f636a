import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/papers/paper.js';
import type { PaperStore } from '../../../src/core/ports.js';
import { createDigestRunCache } from '../../../src/core/digest/run-cache.js';
import { createWindowPapers, windowRanking } from '../../../src/core/digest/window-papers.js';
import { silentLogger } from '../../../src/log.js';
import { keywordMatcher, paper } from './fixtures.js';

const START = new Date('2026-11-20T00:00:00Z');
const END = new Date('2026-11-21T00:00:00Z');

/** A store whose pages are fresh rows, as the database's are: every paper with its own Date objects. */
function pagedStore(papers: () => Paper[], pageSize: number): PaperStore {
  return {
    async *iterateSeen() {
      const all = papers();
      for (let i = 0; i < all.length; i += pageSize) yield all.slice(i, i + pageSize);
    },
    count: async () => papers().length,
  } as Partial<PaperStore> as PaperStore;
}

describe('window matches', () => {
  it('keep one set of ranking fields per paper, whatever the number of topics it matched, and one Date per instant', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `2611.1000${i}`);
    const store = pagedStore(() => ids.map((id) => paper(id, { title: `audio speech paper ${id}` })), 4);
    const window = createWindowPapers({ papers: store, matcher: keywordMatcher(), cache: createDigestRunCache(), logger: silentLogger() });
    const hits = await window.matches(START, END, ['audio', 'speech']);
    expect(hits.matches).toHaveLength(12);
    expect(hits.papers).toHaveLength(12);
    // Each paper matched both topics: held once, not once per topic.
    expect(new Set(hits.papers).size).toBe(6);
    for (const p of hits.papers) expect(hits.papers.find((q) => q.arxivId === p.arxivId)).toBe(p);
    // Rows on two pages, every one with its own Dates: one Date per instant for the window.
    expect(new Set(hits.papers.flatMap((p) => [p.publishedAt, p.announcedAt, p.firstSeenAt])).size).toBe(1);
    expect(hits.papers.map((p) => [p.arxivId, p.version, p.upvotes, p.publishedAt?.toISOString(), p.announcedAt?.toISOString(), p.firstSeenAt.toISOString()])).toEqual(
      ['audio', 'speech'].flatMap(() => ids.map((id) => [id, 1, 0, '2026-11-20T06:00:00.000Z', '2026-11-20T06:00:00.000Z', '2026-11-20T06:00:00.000Z'])),
    );
  });

  it('share dates up to a bound: a window where every instant differs holds no second copy of them all', () => {
    const ranking = windowRanking(3);
    const day = (i: number) => new Date(Date.UTC(2026, 10, 1 + i));
    const rows = (n: number) => Array.from({ length: n }, (_, i) => paper(`2611.2000${i}`, { publishedAt: day(i), announcedAt: null, firstSeenAt: day(i) }));
    const first = rows(10).map(ranking.page());
    const again = rows(10).map(ranking.page());
    expect(ranking.sharedDates).toBe(3);
    // The first three instants are shared; the rest are kept as they came, with the same values.
    expect(again.slice(0, 3).map((p, i) => p.publishedAt === first[i]!.publishedAt)).toEqual([true, true, true]);
    expect(again.slice(3).map((p, i) => p.publishedAt === first[i + 3]!.publishedAt)).toEqual(Array(7).fill(false));
    expect(again.map((p) => p.publishedAt!.getTime())).toEqual(first.map((p) => p.publishedAt!.getTime()));
    expect(again.map((p) => p.firstSeenAt.getTime())).toEqual(first.map((p) => p.firstSeenAt.getTime()));
  });
});

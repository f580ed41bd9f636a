/**
 * MiniSearch 7.2's vacuum walked its term tree in batches with a pause between them; papers added
 * during a pause reshaped the tree under the walk, and the process died on an uncaught TypeError
 * in TreeIterator.dive (the same crash reported against 7.2.0 elsewhere, during a concurrent
 * ingest). An index that sheds many papers (a window moving, a capped window) and keeps taking
 * new ones between ticks must survive, and keep finding them.
 */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../src/core/search/query-parser.js';
import { createSearchIndex } from '../../../src/core/search/search-index.js';
import { syntheticPapers } from '../../../bench/lib/synthetic-papers.js';

const query = (q: string) => {
  const parsed = parseQuery(q);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.query;
};

describe('search index vacuuming while papers come in', () => {
  it('sheds old papers and takes new ones between ticks without crashing', async () => {
    const papers = syntheticPapers({ count: 12_000, start: new Date('2026-01-01T00:00:00Z'), days: 60 });
    const index = createSearchIndex(papers.slice(0, 6_000));
    const errors: unknown[] = [];
    const onError = (err: unknown) => void errors.push(err);
    process.on('unhandledRejection', onError);
    try {
      // Evict half (a vacuum starts), then keep adding while it would be pausing between batches.
      index.evictBefore(papers[3_000]!.publishedAt!.getTime());
      for (let i = 6_000; i < 12_000; i += 250) {
        // New words that share beginnings with stored ones: the tree splits its edges for them.
        index.upsert(papers.slice(i, i + 250).map((p, k) => ({ ...p, title: `${p.title} ${p.title.split(' ')[0]!.slice(0, 4)}q${i + k}z` })));
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('unhandledRejection', onError);
    }
    expect(errors).toEqual([]);
    const last = papers.at(-1)!;
    expect(index.search(query(last.title), 5).map((h) => h.arxivId)).toContain(last.arxivId);
  }, 60_000);
});

/**
 * One ranked answer from the hot window (MiniSearch) and the archive (the database's index).
 *
 * The two engines' scores are on different scales, so the merge goes by how well each side
 * matched, then by rank:
 *  1. A query of filters only lists newest first: hot hits, then the archive's (all older).
 *  2. Papers matching every word come before papers matching only some, whichever side.
 *  3. Within one tier the two lists are interleaved rank by rank, hot first (reciprocal-rank
 *     fusion with equal weights: the i-th hit of either side is worth the same).
 * So when the archive has nothing for a query (its words are new, or `since:` lies within the
 * window) the answer is the hot index's alone: exactly today's.
 */
import type { ArchiveHit, ArchiveQuery, ArchiveSearch } from './archive-search.js';
import type { ParsedQuery } from './query-parser.js';
import type { IndexHit, MatchTier } from './search-index.js';

export function archiveHit(h: ArchiveHit): IndexHit {
  return { arxivId: h.arxivId, title: h.title, score: h.score, publishedAt: h.publishedAt, upvotes: h.upvotes, match: {}, archive: true };
}

/** Rank by rank, `first` leading; a paper on both sides once, where it ranks first. */
export function interleave(first: readonly IndexHit[], second: readonly IndexHit[]): IndexHit[] {
  const out: IndexHit[] = [];
  const seen = new Set<string>();
  const add = (h: IndexHit | undefined) => {
    if (h && !seen.has(h.arxivId)) {
      seen.add(h.arxivId);
      out.push(h);
    }
  };
  for (let i = 0; i < Math.max(first.length, second.length); i++) {
    add(first[i]);
    add(second[i]);
  }
  return out;
}

const concat = (a: readonly IndexHit[], b: readonly IndexHit[]) => interleave([...a, ...b], []);

export async function mergeWithArchive(
  archive: ArchiveSearch,
  query: ParsedQuery,
  hot: { hits: IndexHit[]; tier: MatchTier },
  opts: { before: Date; limit: number },
): Promise<IndexHit[]> {
  const ask = async (match: ArchiveQuery['match']) => (await archive.search({ query, before: opts.before, match, limit: opts.limit })).map(archiveHit);
  if (hot.tier === 'filter') return concat(hot.hits, await ask('all'));
  const all = await ask('all');
  if (hot.tier === 'all') return interleave(hot.hits, all);
  if (all.length) return concat(all, hot.hits);
  if (query.terms.length > 1) return interleave(hot.hits, await ask('any'));
  return hot.hits;
}

/** The `PaperStore.list` order, for stores that sort in memory (the SQL stores use ORDER BY). */
import type { Paper } from '../core/papers/paper.js';

/** Missing dates sort last in both directions, as `NULLS LAST` does in SQL. */
function compareNullableTime(a: Date | null, b: Date | null, dir: 1 | -1): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a.getTime() - b.getTime()) * dir;
}

/** newest: publishedAt desc, firstSeenAt desc, arxivId desc; oldest: all ascending. */
export function comparePapers(a: Paper, b: Paper, order: 'newest' | 'oldest'): number {
  const dir = order === 'newest' ? -1 : 1;
  return (
    compareNullableTime(a.publishedAt, b.publishedAt, dir) ||
    (a.firstSeenAt.getTime() - b.firstSeenAt.getTime()) * dir ||
    (a.arxivId < b.arxivId ? -1 : a.arxivId > b.arxivId ? 1 : 0) * dir
  );
}

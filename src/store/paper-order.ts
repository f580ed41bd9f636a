/** The `PaperStore.list` order: the SQL stores merge their reads with it, the memory store sorts by it. */
import { paperDate, type Paper } from '../core/papers/paper.js';

/** newest: paperDate desc (published, else first stored), firstSeenAt desc, arxivId desc; oldest: all ascending. */
export function comparePapers(a: Paper, b: Paper, order: 'newest' | 'oldest'): number {
  const dir = order === 'newest' ? -1 : 1;
  return (
    (paperDate(a).getTime() - paperDate(b).getTime()) * dir ||
    (a.firstSeenAt.getTime() - b.firstSeenAt.getTime()) * dir ||
    (a.arxivId < b.arxivId ? -1 : a.arxivId > b.arxivId ? 1 : 0) * dir
  );
}

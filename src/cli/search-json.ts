/**
 * The stable JSON shape of a `search --json` hit (documented in docs/cli.md, "Stable JSON"). Fields are only
 * ever added, never renamed or removed; absent values are `null`.
 */
import type { PaperStore } from '../core/papers/ports.js';
import type { SearchItem } from '../core/search/search-service.js';
import { isoOrNull as iso } from './json-output.js';

export interface SearchHitJson {
  arxivId: string;
  title: string;
  /** null when the query was filters alone: nothing was scored. */
  score: number | null;
  /** What search sorts and filters by: published, else first stored (paperDate). ISO 8601. */
  date: string | null;
  /** The publication date as the source gave it, as in `papers --json`; null when it gave none. */
  publishedAt: string | null;
  upvotes: number | null;
  url: string;
}

/**
 * The index keeps only a paper's date, not whether it was published or first stored, so the
 * publication date is read from the store: one read of a page of papers, for --json alone.
 */
export async function searchHitsJson(items: readonly SearchItem[], scored: boolean, papers: Pick<PaperStore, 'getMany'>): Promise<SearchHitJson[]> {
  const stored = items.length ? await papers.getMany(items.map((i) => i.arxivId)) : new Map();
  return items.map((i) => ({
    arxivId: i.arxivId,
    title: i.title,
    score: scored ? i.score : null,
    date: iso(i.date),
    publishedAt: iso(stored.get(i.arxivId)?.publishedAt),
    upvotes: i.upvotes,
    url: i.url,
  }));
}

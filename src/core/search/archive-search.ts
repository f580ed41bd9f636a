/**
 * The port to the database's own full-text index (SQLite FTS5, PostgreSQL tsvector + GIN),
 * which answers for papers older than the in-memory hot window (see hot-window.ts). Its ranking
 * is the database's (bm25 / ts_rank), so its scores are not on MiniSearch's scale.
 */
import type { ParsedQuery } from './query-parser.js';

export interface ArchiveHit {
  arxivId: string;
  title: string;
  /** The database's own relevance, higher is better; comparable only within one answer. */
  score: number;
  publishedAt: Date | null;
  upvotes: number | null;
}

export interface ArchiveQuery {
  query: ParsedQuery;
  /** Only papers dated (publishedAt, else firstSeenAt) before this instant. */
  before: Date;
  /** 'all': every word must match (word beginnings count); 'any': at least one. */
  match: 'all' | 'any';
  limit: number;
}

export interface ArchiveSearch {
  /** Best first by the database's ranking; newest first when the query has no words. */
  search(q: ArchiveQuery): Promise<ArchiveHit[]>;
  /** Papers dated at or after `from`: the hot window's size, to check a snapshot against. */
  countFrom(from: Date): Promise<number>;
}

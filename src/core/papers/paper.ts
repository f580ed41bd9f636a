/** Where a paper record came from. One paper may be seen by several sources. */
export type SourceName = 'hf' | 'arxiv' | 'rss' | 'feed' | 'file';
export const SOURCE_NAMES: readonly SourceName[] = ['hf', 'arxiv', 'rss', 'feed', 'file'];

/**
 * A paper as paperboy stores it. Identity is the arXiv id without version suffix
 * (e.g. `2411.04965`); papers from non-arXiv feeds get a stable synthetic id
 * (`feed:<sha1 of link>`), so they never collide with arXiv ids.
 */
export interface Paper {
  arxivId: string;
  /** Highest arXiv version seen (`v2` -> 2), when the source tells. */
  version: number | null;
  title: string;
  abstract: string;
  /** Ordered as on the paper. */
  authors: string[];
  publishedAt: Date | null;
  /** When a listing (HF daily / arXiv announce) first presented it. */
  announcedAt: Date | null;
  absUrl: string;
  pdfUrl: string | null;
  /** arXiv categories, primary first. */
  categories: string[];
  upvotes: number | null;
  commentCount: number | null;
  githubRepo: string | null;
  projectPage: string | null;
  /** Hugging Face `ai_summary` / `ai_keywords`, when present. */
  aiSummary: string | null;
  aiKeywords: string[];
  /** Which sources have seen it, sorted. */
  sources: SourceName[];
  /**
   * Its DOI, normalised (doi.ts), null when no source gave one. An alias, not the identity: a
   * non-arXiv item with a DOI stored under another paper is merged into that paper at ingest
   * (store/doi-alias.ts). For an arXiv paper, the DOI its arXiv record states (the published
   * version's); never arXiv's own 10.48550 DOI, which is its id again.
   */
  doi: string | null;
  /** Our one short summary (computed once, shared by every digest target). */
  summary: string | null;
  /** How `summary` was made: 'hf' | 'llm' | 'extractive'. */
  summarySource: string | null;
  firstSeenAt: Date;
  updatedAt: Date;
}

/**
 * A paper's date, as every list, search and digest shows and sorts it: when it was published,
 * else when paperboy first stored it (a feed entry with no date, or one that is not a date, is
 * new when it arrives, not older than everything). The database's full-text index dates papers
 * the same way (`PaperSearch.published`, migration paper_search).
 */
export function paperDate(p: Pick<Paper, 'publishedAt' | 'firstSeenAt'>): Date {
  return p.publishedAt ?? p.firstSeenAt;
}

/**
 * What a source hands to ingest: a partial view of a paper from one source.
 * Fields a source doesn't know are left undefined, so a merge never erases
 * what another source said.
 */
export interface PaperInput {
  arxivId: string;
  source: SourceName;
  version?: number | null;
  title: string;
  abstract?: string;
  authors?: string[];
  publishedAt?: Date | null;
  announcedAt?: Date | null;
  absUrl?: string;
  pdfUrl?: string | null;
  categories?: string[];
  upvotes?: number | null;
  commentCount?: number | null;
  githubRepo?: string | null;
  projectPage?: string | null;
  aiSummary?: string | null;
  aiKeywords?: string[];
  /** Normalised (doi.ts). Set only when the source states one: an absent key keeps inputHash as it was. */
  doi?: string;
  /** arXiv RSS `replace`: only update a paper we already have. */
  updateOnly?: boolean;
  /**
   * A record in Hugging Face's own shape read from elsewhere (a saved daily-papers file): its
   * popularity and `ai_*` fields are Hugging Face's, so they update what is stored, but the file
   * may be older than what is stored: counts only grow, and empty fields keep what is there.
   */
  fromHfRecord?: boolean;
  /**
   * Someone else's words about the paper (a blog or newsletter post that links to it), not
   * the paper's own: they stand in for what no source has said yet and never replace it.
   */
  mention?: boolean;
}

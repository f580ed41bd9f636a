/**
 * The stable JSON shape of a paper for `--json` output (documented in docs/cli.md, "Stable JSON"). Fields are
 * only ever added, never renamed or removed; absent values are `null` (or `[]` for lists).
 */
import type { Paper } from '../core/papers/paper.js';
import { isoOrNull as iso } from './json-output.js';

export interface PaperJson {
  arxivId: string;
  version: number | null;
  title: string;
  authors: string[];
  abstract: string;
  /** ISO 8601 or null. */
  publishedAt: string | null;
  announcedAt: string | null;
  /** The abstract page (arXiv abs URL, or the item link for non-arXiv feed items). */
  url: string;
  pdfUrl: string | null;
  categories: string[];
  upvotes: number | null;
  commentCount: number | null;
  githubRepo: string | null;
  projectPage: string | null;
  aiSummary: string | null;
  aiKeywords: string[];
  summary: string | null;
  sources: string[];
  firstSeenAt: string;
  updatedAt: string;
  /** Lower case, `10.…` form; null when no source gave one (arXiv's own 10.48550 DOI is never shown: it is the id). */
  doi: string | null;
}

export function paperToJson(p: Paper): PaperJson {
  return {
    arxivId: p.arxivId,
    version: p.version,
    title: p.title,
    authors: [...p.authors],
    abstract: p.abstract,
    publishedAt: iso(p.publishedAt),
    announcedAt: iso(p.announcedAt),
    url: p.absUrl,
    pdfUrl: p.pdfUrl,
    categories: [...p.categories],
    upvotes: p.upvotes,
    commentCount: p.commentCount,
    githubRepo: p.githubRepo,
    projectPage: p.projectPage,
    aiSummary: p.aiSummary,
    aiKeywords: [...p.aiKeywords],
    summary: p.summary,
    sources: [...p.sources],
    firstSeenAt: p.firstSeenAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    doi: p.doi,
  };
}

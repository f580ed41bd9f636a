/**
 * The paper as every message shows it: digests (DigestItem extends it) and command replies
 * alike, so both render from one shape.
 */
import type { Paper } from './paper.js';

export interface PaperCard {
  arxivId: string;
  title: string;
  authors: string[];
  absUrl: string;
  pdfUrl: string | null;
  /** The one-line summary shown; null only if none could be made. */
  summary: string | null;
  upvotes: number | null;
  publishedAt: Date | null;
}

export function paperCard(p: Paper): PaperCard {
  return {
    arxivId: p.arxivId,
    title: p.title,
    authors: p.authors,
    absUrl: p.absUrl,
    pdfUrl: p.pdfUrl,
    summary: p.summary ?? p.aiSummary,
    upvotes: p.upvotes,
    publishedAt: p.publishedAt,
  };
}

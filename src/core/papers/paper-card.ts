/**
 * The paper as every message shows it: digests (DigestItem extends it) and command replies
 * alike, so both render from one shape. Its text is for people: TeX read as text (tex.ts).
 */
import type { Paper } from './paper.js';
import { readableTex } from './tex.js';

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

/** `summary` replaces the stored one (a summary made for this run). */
export function paperCard(p: Paper, summary?: string | null): PaperCard {
  const shown = summary ?? p.summary ?? p.aiSummary;
  return {
    arxivId: p.arxivId,
    title: readableTex(p.title),
    authors: p.authors,
    absUrl: p.absUrl,
    pdfUrl: p.pdfUrl,
    summary: shown === null ? null : readableTex(shown),
    upvotes: p.upvotes,
    publishedAt: p.publishedAt,
  };
}

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
  const title = readableTex(p.title);
  const text = shown === null ? null : readableTex(shown);
  return {
    arxivId: p.arxivId,
    title,
    authors: p.authors,
    absUrl: p.absUrl,
    pdfUrl: p.pdfUrl,
    summary: text === null || restates(text, title) ? null : text,
    upvotes: p.upvotes,
    publishedAt: p.publishedAt,
  };
}

/**
 * Whether a summary only says the title again: a paper without an abstract is summarised by its
 * title (extractive.ts), cut with an ellipsis when long, and a card showed it twice.
 */
function restates(summary: string, title: string): boolean {
  const plain = (t: string) => t.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  const said = plain(summary.replace(/…$/, '')).trim();
  return said.length > 0 && plain(title).startsWith(said);
}

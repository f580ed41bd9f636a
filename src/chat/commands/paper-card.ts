/** The paper as command replies show it, from the core's Paper. */
import type { Paper } from '../../core/papers/paper.js';
import type { PaperCard } from './services.js';

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

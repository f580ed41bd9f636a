import type { Paper } from '../../../src/core/papers/paper.js';

/** A stored paper with defaults; tests override what they care about. */
export function storedPaper(over: Partial<Paper> & { arxivId: string; title: string }): Paper {
  const at = new Date('2026-11-01T00:00:00Z');
  return {
    version: 1,
    abstract: '',
    authors: ['Ada Lovelace'],
    publishedAt: at,
    announcedAt: at,
    absUrl: `https://arxiv.org/abs/${over.arxivId}`,
    pdfUrl: null,
    categories: ['cs.CL'],
    upvotes: null,
    commentCount: null,
    githubRepo: null,
    projectPage: null,
    aiSummary: null,
    aiKeywords: [],
    sources: ['hf'],
    summary: null,
    summarySource: null,
    firstSeenAt: at,
    updatedAt: at,
    ...over,
  };
}

/**
 * A Paper with every field filled, for tests: the one list of a paper's fields a test builds
 * from, so a field added to Paper is added here once. Fixtures put their own defaults in `over`.
 */
import type { Paper } from '../../src/core/papers/paper.js';

export function testPaper(over: Partial<Paper> & { arxivId: string }): Paper {
  const at = new Date('2026-11-01T00:00:00Z');
  return {
    version: 1,
    title: `Paper ${over.arxivId}`,
    abstract: '',
    authors: [],
    publishedAt: at,
    announcedAt: at,
    absUrl: `https://arxiv.org/abs/${over.arxivId}`,
    pdfUrl: null,
    categories: [],
    upvotes: null,
    commentCount: null,
    githubRepo: null,
    projectPage: null,
    aiSummary: null,
    aiKeywords: [],
    sources: ['hf'],
    doi: null,
    summary: null,
    summarySource: null,
    firstSeenAt: at,
    updatedAt: at,
    ...over,
  };
}

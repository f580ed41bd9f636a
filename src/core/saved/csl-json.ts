/** CSL-JSON (the citeproc input Zotero, Mendeley and pandoc read) for a reading list. */
import { splitName, type Citation } from './citation.js';
import { readableTex } from '../papers/tex.js';

export interface CslItem {
  id: string;
  type: 'article';
  title: string;
  author?: Array<{ family: string; given?: string; suffix?: string } | { literal: string }>;
  issued?: { 'date-parts': [[number, number, number]] };
  publisher?: string;
  /** arXiv's own identifier, as Zotero writes it for a preprint. */
  number?: string;
  version?: string;
  genre?: string;
  DOI?: string;
  URL: string;
  abstract?: string;
}

export function cslItem(c: Citation): CslItem {
  const item: CslItem = { id: c.arxivId ? `arXiv:${c.arxivId}` : c.id, type: 'article', title: readableTex(c.title), URL: c.url };
  if (c.authors.length) {
    item.author = c.authors.map((a) => {
      const { family, given, suffix } = splitName(a);
      return { family, ...(given ? { given } : {}), ...(suffix ? { suffix } : {}) };
    });
    if (c.moreAuthors) item.author.push({ literal: 'others' });
  }
  if (c.published) item.issued = { 'date-parts': [[c.published.getUTCFullYear(), c.published.getUTCMonth() + 1, c.published.getUTCDate()]] };
  if (c.arxivId) {
    item.publisher = 'arXiv';
    item.number = `arXiv:${c.arxivId}`;
    item.genre = 'preprint';
    if (c.version) item.version = String(c.version);
  }
  if (c.doi) item.DOI = c.doi;
  if (c.abstract) item.abstract = readableTex(c.abstract);
  return item;
}

export function toCslJson(citations: readonly Citation[]): string {
  return `${JSON.stringify(citations.map(cslItem), null, 2)}\n`;
}

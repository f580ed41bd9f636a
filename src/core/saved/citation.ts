/**
 * What every export format says about a paper, worked out once: arXiv identity (id, version,
 * primary class, DOI), a clean one-line title and abstract, and names split for CSL/RIS.
 */
import type { Paper } from '../papers/paper.js';
import { cleanText } from '../papers/normalize.js';
import { splitAuthorName } from '../follows/author-name.js';

export interface Citation {
  /** Stored paper id (`2501.10001`, `hep-th/9901001`, `feed:<sha1>`). */
  id: string;
  /** The arXiv id when the paper is an arXiv paper; null for feed papers. */
  arxivId: string | null;
  version: number | null;
  primaryClass: string | null;
  /** One line, TeX as the source wrote it: BibTeX keeps its math (bibtex.ts), RIS and CSL-JSON read it as text. */
  title: string;
  abstract: string;
  authors: string[];
  /** More authors than are listed: BibTeX ends with "and others", CSL-JSON with a literal "others". */
  moreAuthors: boolean;
  published: Date | null;
  url: string;
  /** arXiv's DataCite DOI (10.48550/arXiv.<id>), registered for every arXiv paper. */
  doi: string | null;
}

/** Longest title / abstract / author name kept; longer text is cut with an ellipsis. */
export const MAX_TITLE = 1000;
export const MAX_ABSTRACT = 10_000;
export const MAX_AUTHOR = 200;
/** Authors listed before "others". */
export const MAX_AUTHORS = 200;

/**
 * Reference managers read one line per field (RIS) or choke on control characters, and bidi
 * overrides could make a title read differently from what it is: text cleaned as ingest cleans
 * it (cleanText), composed (NFC), on one line, cut at `max`.
 */
export function oneLine(text: string, max: number): string {
  return cleanText(text.normalize('NFC'), max);
}

export function citationOf(p: Paper): Citation {
  const arxiv = !p.arxivId.startsWith('feed:');
  return {
    id: p.arxivId,
    arxivId: arxiv ? p.arxivId : null,
    version: arxiv ? p.version : null,
    primaryClass: arxiv ? (p.categories[0] ?? null) : null,
    title: oneLine(p.title, MAX_TITLE) || p.arxivId,
    abstract: oneLine(p.abstract, MAX_ABSTRACT),
    authors: p.authors.slice(0, MAX_AUTHORS).map((a) => oneLine(a, MAX_AUTHOR)).filter(Boolean),
    moreAuthors: p.authors.length > MAX_AUTHORS,
    published: p.publishedAt ?? p.announcedAt,
    url: arxiv ? `https://arxiv.org/abs/${p.arxivId}${p.version ? `v${p.version}` : ''}` : p.absUrl,
    doi: arxiv ? `10.48550/arXiv.${p.arxivId}` : null,
  };
}

/**
 * `Ada King Lovelace` → family `Lovelace`, given `Ada King`, read as following an author reads
 * a name (follows/author-name.ts): "Lovelace, Ada", particles ("van Beethoven"), a suffix
 * ("Jr.") apart. One word is a family name.
 */
export function splitName(name: string): { family: string; given: string; suffix: string } {
  const w = splitAuthorName(name);
  return w ? { family: w.surname.join(' '), given: w.given.join(' '), suffix: w.suffix.join(' ') } : { family: name, given: '', suffix: '' };
}

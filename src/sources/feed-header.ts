/**
 * Metadata a description states in lines before its text, where it is no part of the abstract:
 * labelled lines ("Publication date: Available online 20 May 2026", "Source: Cell", "Author(s):
 * A, B, C": ScienceDirect's items are only these; APS and IOP abstracts start with the
 * "Author(s):" line) and a citation line ("Nature Catalysis, Published online: 12 May 2026;
 * doi:10.1038/…", "Journal of Political Economy, Volume 134, Issue 7, Page 2166-2214, July 2026.":
 * Nature's abstracts start with one, Atypon's descriptions are often nothing else; ACS's are the
 * journal's name in <cite> and a "DOI:" line). Left in, such a line became the one-line summary
 * a digest shows and words topics matched.
 */
import { cleanText } from '../core/papers/normalize.js';
import { namesInList } from './authors.js';
import type { FeedEntry } from './feed-entry.js';
import { htmlToText } from './html-text.js';

export interface DescriptionHeader {
  /** "Author(s):" or "Authors:" split into people; [] without one. */
  authors: string[];
  /** "Publication date:" as written, without "Available online"; '' without one. */
  date: string;
  /** The description's text after the header ('' when it held nothing else). */
  rest: string;
}

/** Where a description's lines break: a block element or a line break (HTML), or a newline (text). */
const LINE_BREAK = /<\s*\/?\s*(?:[\w.-]+:)?(?:p|div|br|li|dd|dt|tr|h[1-6])\b[^>]*>|\r?\n/gi;
const LABEL = /^(publication date|publication year|source|author\(s\)|authors?)\s*:\s*(.*)$/i;
const FIRST_LABEL = /^\s*(?:publication date|publication year|source|author\(s\)|authors?)\s*:/i;
/** What only a reference to the article says: its DOI, its online date, its volume and issue. */
const CITATION_MARK = /\bdoi:\s*10\.\d{4,9}\/|\bPublished online\b|\bVolume\s+\d+\s*,\s*Issue\b/i;
/** A citation ends with the DOI or the year, so a line that goes on into the abstract is none. */
const CITATION_END = /(?:\bdoi:\s*10\.\d{4,9}\/\S+|\b(?:19|20)\d{2}\.?)$/i;
const MAX_CITATION_CHARS = 250;
/** A journal's name and the online-first state an article is in ("Angewandte Chemie International Edition, EarlyView."). */
const ONLINE_FIRST = /,\s*(?:Early\s?View|Ahead of Print|Online First|Just Accepted|In Press)\.?$/i;
/** A line that is only the title of a work (HTML's <cite>): the journal's name above the DOI (ACS). */
const CITE_ONLY = /^<cite\b[^>]*>[^<]*<\/cite>$/i;

const isCitation = (line: string) => line.length <= MAX_CITATION_CHARS && ((CITATION_MARK.test(line) && CITATION_END.test(line)) || ONLINE_FIRST.test(line));

/**
 * The metadata lines a description starts with, or null when it starts with none that names its
 * authors or date or cites the article ("Source:" alone is a news site's credit line, and stays
 * text). `written`: the description as written (its HTML); `text`: as read (clean text).
 */
export function descriptionHeader(written: string, text: string): DescriptionHeader | null {
  // Most descriptions are read no further (a journal's name in <cite> comes with a DOI line).
  const head = text.slice(0, MAX_CITATION_CHARS + 50);
  if (!FIRST_LABEL.test(text) && !CITATION_MARK.test(head) && !ONLINE_FIRST.test(head.trim())) return null;
  const lines = written
    .split(LINE_BREAK)
    .map((raw) => ({ raw: raw.trim(), line: cleanText(htmlToText(raw)) }))
    .filter((l) => l.line);
  const header: string[] = [];
  let authors: string[] = [];
  let date = '';
  let cited = false;
  for (const { raw, line } of lines) {
    const m = LABEL.exec(line);
    if (!m && !isCitation(line) && !CITE_ONLY.test(raw)) break;
    header.push(line);
    if (!m) cited = true;
    else if (m[1]!.toLowerCase().startsWith('author')) authors = namesInList(m[2]!.trim());
    else if (m[1]!.toLowerCase() === 'publication date') date = m[2]!.trim().replace(/^available online\s*/i, '');
  }
  if (authors.length === 0 && !date && !cited) return null;
  // The header's lines as the text reads them, joined as its block elements were, start the text.
  const read = cleanText(text);
  const prefix = header.join(' ');
  return { authors, date, rest: read.startsWith(prefix) ? read.slice(prefix.length).trim() : read };
}

/**
 * An entry's abstract and the metadata its description's header states. A description that is
 * only a header (Wiley's "Journal, EarlyView.", ScienceDirect's labelled lines) gives way to the
 * next element that says more (Wiley's dc:description and content:encoded hold the abstract).
 */
export function entryText(entry: FeedEntry): { header: DescriptionHeader | null; abstract: string } {
  const header = descriptionHeader(entry.asWritten.description, entry.description);
  if (!header || header.rest) return { header, abstract: header ? header.rest : entry.description };
  for (const next of entry.laterDescriptions?.() ?? []) {
    const abstract = descriptionHeader(next.written, next.read)?.rest ?? next.read;
    if (abstract) return { header, abstract };
  }
  return { header, abstract: '' };
}

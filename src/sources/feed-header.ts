/**
 * Metadata a description states in labelled lines before its text, where a feed has no element
 * for it: "Publication date: Available online 20 May 2026", "Source: Cell", "Author(s): A, B, C"
 * (ScienceDirect's items are only these lines; APS and IOP feeds start the abstract with the
 * "Author(s):" line). The lines are the paper's metadata, not its abstract.
 */
import { cleanText } from '../core/papers/normalize.js';
import { splitNameList } from './authors.js';
import { htmlToText } from './html-text.js';

export interface DescriptionHeader {
  /** "Author(s):" or "Authors:" split into people; [] without one. */
  authors: string[];
  /** "Publication date:" as written, without "Available online"; '' without one. */
  date: string;
  /** The description's text after the labelled lines ('' when it held nothing else). */
  rest: string;
}

/** Where a description's lines break: a block element or a line break (HTML), or a newline (text). */
const LINE_BREAK = /<\s*\/?\s*(?:[\w.-]+:)?(?:p|div|br|li|dd|dt|tr|h[1-6])\b[^>]*>|\r?\n/i;
const LABEL = /^(publication date|publication year|source|author\(s\)|authors?)\s*:\s*(.*)$/i;
/** A text that starts with a label: most descriptions are read no further. */
const FIRST_LABEL = /^\s*(?:publication date|publication year|source|author\(s\)|authors?)\s*:/i;

/**
 * The labelled lines a description starts with, or null when it starts with none that names
 * its authors or date ("Source:" alone is a news site's credit line, and stays text).
 * `written`: the description as written (its HTML); `text`: as read (clean text).
 */
export function descriptionHeader(written: string, text: string): DescriptionHeader | null {
  if (!FIRST_LABEL.test(text)) return null;
  const lines = written.split(new RegExp(LINE_BREAK.source, 'gi')).map((l) => cleanText(htmlToText(l))).filter(Boolean);
  const header: string[] = [];
  let authors: string[] = [];
  let date = '';
  for (const line of lines) {
    const m = LABEL.exec(line);
    if (!m) break;
    header.push(line);
    const [label, value] = [m[1]!.toLowerCase(), m[2]!.trim()];
    if (label.startsWith('author')) authors = splitNameList(value);
    else if (label === 'publication date') date = value.replace(/^available online\s*/i, '');
  }
  if (authors.length === 0 && !date) return null;
  // The header's lines as the text reads them, joined as its block elements were, start the text.
  const read = cleanText(text);
  const prefix = header.join(' ');
  return { authors, date, rest: read.startsWith(prefix) ? read.slice(prefix.length).trim() : read };
}

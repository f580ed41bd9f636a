/**
 * Text hygiene shared by every source, so stored text is bounded and printable.
 * Changing what these functions or limits produce: bump MERGE_RULES_VERSION (merge.ts).
 */
import { stripVTControlCharacters } from 'node:util';
import { truncate } from '../truncate.js';
import { TEXT_CONTROL } from '../controls.js';

export const MAX_TITLE_CHARS = 1_000;
export const MAX_ABSTRACT_CHARS = 20_000;
export const MAX_AUTHORS = 500;
export const MAX_AUTHOR_CHARS = 200;

// Tab and newline are whitespace here, folded or kept as lines; every other control goes.
const CONTROL = new RegExp(TEXT_CONTROL.source, 'g');

// Anything cleanText would change: a control/bidi character, whitespace other than a lone
// space, or space at either end. Most stored text is already clean (re-ingest), and one scan
// to say so is several times cheaper than the two replaces.
const NEEDS_CLEANING = new RegExp(`${CONTROL.source}|\\s\\s|[^\\S ]|^\\s|\\s$`);

// The introducers of terminal escape sequences: ESC and the C1 CSI.
const ESCAPE = /[\u001B\u009B]/;

/**
 * The text without controls: a terminal escape sequence (colours, hyperlinks) goes whole, so
 * `\x1b[31mred\x1b[0m` reads "red", not "[31mred[0m" (Node's own scanner, as its REPL uses).
 */
const withoutControls = (text: string): string => (ESCAPE.test(text) ? stripVTControlCharacters(text) : text).replace(CONTROL, '');

/**
 * Remove the control and bidi characters cleanText removes but keep the lines: for text shown
 * as several lines (a chat message, a terminal listing). CR and CRLF become a newline.
 */
export function stripControls(text: string): string {
  return withoutControls(text.replace(/\r\n?/g, '\n'));
}

/** Strip control characters, collapse whitespace, trim, cut at `max` characters with an ellipsis. */
export function cleanText(input: string | null | undefined, max = Number.POSITIVE_INFINITY): string {
  if (!input) return '';
  const raw = String(input);
  const s = NEEDS_CLEANING.test(raw) ? withoutControls(raw).replace(/\s+/g, ' ').trim() : raw;
  return truncate(s, max);
}

const ARXIV_NEW = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const ARXIV_OLD = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/;

/**
 * Addresses that name one arXiv paper, as feeds and people write them: its abs, pdf or html
 * page on any of arXiv's hosts (export., browse., ar5iv.labs. and arXiv Labs' ar5iv.org; with
 * tracking parameters, an anchor or a trailing slash), its DataCite DOI, and its Hugging Face
 * paper page.
 */
const ARXIV_ADDRESSES = [
  /^https?:\/\/(?:[a-z\d-]+\.)*arxiv\.org\/(?:abs|pdf|html)\/(.+?)\/?(?:[?#].*)?$/i,
  /^https?:\/\/(?:www\.)?ar5iv\.org\/(?:abs|html)\/(.+?)\/?(?:[?#].*)?$/i,
  /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)?10\.48550\/arxiv\.(.+?)\/?(?:[?#].*)?$/i,
  /^https?:\/\/(?:www\.)?huggingface\.co\/papers\/([^/?#]+)\/?(?:[?#].*)?$/i,
];

/**
 * Parse an arXiv identifier from an id, OAI id or an address of the paper (ARXIV_ADDRESSES).
 * Returns the id without version and the version, or null if it is not an arXiv id.
 */
export function parseArxivId(raw: string): { id: string; version: number | null } | null {
  let s = raw.trim();
  s = s.replace(/^oai:arXiv\.org:/i, '').replace(/^arxiv:/i, '');
  for (const address of ARXIV_ADDRESSES) {
    const m = address.exec(s);
    if (m) {
      s = m[1]!;
      break;
    }
  }
  s = s.replace(/\.pdf$/i, '');
  const m = ARXIV_NEW.exec(s) ?? ARXIV_OLD.exec(s);
  if (!m) return null;
  return { id: m[1]!, version: m[2] ? Number(m[2]) : null };
}

const FEED_ID = /^feed:[0-9a-f]{40}$/;

/**
 * The stored id a person means by what they typed: an arXiv id in any form parseArxivId reads
 * (`arXiv:2501.10001v2`, an abs or pdf URL; without its version), or a `feed:` id as stored.
 * Null for anything else.
 */
export function typedPaperId(raw: string): string | null {
  const s = raw.trim();
  if (FEED_ID.test(s)) return s;
  return parseArxivId(s)?.id ?? null;
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

/**
 * Whether an address is a PDF's by its path: one ending in .pdf, or arXiv's /pdf/ (which writes
 * no extension). The one reading of it: a stored address a page may replace (merge.ts), and a
 * feed link that says no type (sources/safe-url.ts safePdfUrl).
 */
export function isPdfAddress(u: URL): boolean {
  return /\.pdf$/i.test(u.pathname) || (/(?:^|\.)arxiv\.org$/i.test(u.hostname) && /^\/pdf\//i.test(u.pathname));
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}

/**
 * A paper as one line of a terminal list (papers list, search, match, saved list, subscribe's
 * preview): its id, the command's own columns, then its title, read as text and cut at one width.
 */
import { cleanText } from '../core/papers/normalize.js';
import { readableTex } from '../core/papers/tex.js';

/**
 * Where a title in a list is cut. With the id and two short columns before it a line stays
 * within about 130 columns, and every list cuts at the same place, so the same paper reads the
 * same in `search` as in `papers list`.
 */
export const LIST_TITLE_CHARS = 100;

/**
 * A stored title as a list shows it: its TeX read as text, on one line (TeX's math spacing and
 * `\\` leave runs of spaces), cut at LIST_TITLE_CHARS.
 */
export function listTitle(title: string): string {
  return cleanText(readableTex(title), LIST_TITLE_CHARS);
}

/**
 * `2501.00001   <columns…>  <title>`, and `why` (a match's reason) on the next line under the
 * title. `indent` sets the whole off (a list inside a longer answer).
 */
export function paperLine(arxivId: string, columns: readonly string[], title: string, opts: { why?: string; indent?: string } = {}): string {
  const head = `${opts.indent ?? ''}${[arxivId.padEnd(12), ...columns].join(' ')}  `;
  return `${head}${listTitle(title)}\n${opts.why === undefined ? '' : `${' '.repeat(head.length)}${opts.why}\n`}`;
}

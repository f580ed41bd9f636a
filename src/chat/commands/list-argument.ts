/** The words and the typed page of a list command (`subscriptions`, `topics`, `channel list`, `saved`). */
import { cleanArgument } from '../text/clean.js';

/**
 * A list's words, and the page a trailing "page 3" asks for (the words option on Discord takes it
 * too, so no option needed registering). Words that only end in "page" stay words. Any number is a
 * page: "page 99999" (past the end: the last page, as listPage clamps) and "page -1" were read as
 * words and narrowed the list to nothing, or to whatever held a "1". Zero or below is the first.
 */
export function listArgument(raw: string): { filter: string; page?: number } {
  const cleaned = cleanArgument(raw);
  const m = /(?:^|\s)page\s+([-\u2212]?\d+)$/i.exec(cleaned);
  if (!m) return { filter: cleaned };
  const n = Number(m[1]!.replace('\u2212', '-'));
  return { filter: cleaned.slice(0, m.index).trim(), page: Math.min(Math.max(1, n), Number.MAX_SAFE_INTEGER) };
}

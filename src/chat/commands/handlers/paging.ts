/**
 * Pages of a long list (`subscriptions`, `topics`, `channel list`, reading lists): a page is what
 * one reply holds (fittingLines; for a reading list, a fixed number of papers), and the "‹ Previous" / "Next ›" buttons redraw the list at another page with
 * the same words. Everything a page button needs is in the button itself, so any replica, or
 * the service after a restart, answers it.
 */
import type { PagedList, ReplyBlock, ReplyButton } from '../reply.js';
import { fittingLines } from './words.js';

/**
 * The longest words a page button carries. Discord's custom_id is 100 characters and the rest
 * of it (`pg:s:9999:`) takes 10; Slack's button value (2,000) takes any. Longer words get no page
 * buttons (the list says so): cutting them would page through another list than the one shown.
 */
export const PAGE_FILTER_CHARS = 90;

/**
 * The words a page button carries, shown again on the page it opens: as typed (spaces collapsed)
 * when they fit, so page 2 says “Speech Codec” as page 1 did. Longer words are carried as hasWords
 * reads them, in fewer characters and still in the case typed: once each (in any case), and none
 * that is part of another (a name with "graphs" has "graph"). The same topics match either way.
 */
export function pageFilter(filter: string | undefined): string {
  const typed = (filter ?? '').split(/\s+/).filter(Boolean);
  if (typed.join(' ').length <= PAGE_FILTER_CHARS) return typed.join(' ');
  const seen = new Set<string>();
  const words = typed.filter((w) => !seen.has(w.toLowerCase()) && seen.add(w.toLowerCase()));
  const lower = words.map((w) => w.toLowerCase());
  return words.filter((_, i) => !lower.some((o, j) => j !== i && o.includes(lower[i]!) && (o !== lower[i] || j < i))).join(' ');
}

export interface ListPage {
  /** 1-based, clamped to the pages there are: a list that shrank between presses shows its last page. */
  page: number;
  pages: number;
  start: number;
  end: number;
}

/**
 * Where page `wanted` of `lines` starts and ends, each page as many lines as fit (and at most
 * `perPage`). `lines` may be a count of items that are not lines (a reading list's papers, each a
 * block of its own with its buttons): then each page is `perPage` of them, and only that many need
 * reading from the store.
 */
export function listPage(lines: readonly string[] | number, wanted: number, perPage = Infinity): ListPage {
  const length = typeof lines === 'number' ? lines : lines.length;
  const fitting = (at: number) => (typeof lines === 'number' ? Infinity : fittingLines(lines.slice(at)));
  const starts: number[] = [];
  for (let at = 0; at < length; ) {
    starts.push(at);
    // One line always goes on a page, even one too long for it: the renderer cuts it, the paging goes on.
    at += Math.max(1, Math.min(perPage, fitting(at)));
  }
  const pages = Math.max(1, starts.length);
  const page = Math.min(Math.max(1, Math.floor(wanted) || 1), pages);
  return { page, pages, start: starts[page - 1] ?? 0, end: starts[page] ?? length };
}

/** "(page 2 of 9)" after a list's title; nothing for a list of one page. */
export function pageNote(p: ListPage): string {
  return p.pages > 1 ? ` (page ${p.page} of ${p.pages})` : '';
}

/** The Previous / Next buttons, one row of them; none for a one-page list or words too long to carry. */
export function pageButtons(list: PagedList, p: ListPage, filter: string | undefined): ReplyBlock[] {
  const words = pageFilter(filter);
  if (p.pages <= 1 || words.length > PAGE_FILTER_CHARS) return [];
  const to = (page: number, label: string): ReplyButton => ({ label, action: { kind: 'page', list, page, ...(words ? { filter: words } : {}) } });
  const buttons = [...(p.page > 1 ? [to(p.page - 1, '‹ Previous')] : []), ...(p.page < p.pages ? [to(p.page + 1, 'Next ›')] : [])];
  return [{ type: 'buttons', buttons }];
}

/**
 * The line under a page: how many come after it (or before, on the last), the words that narrow
 * the list, and how to page on: by the buttons, or, for words too long for a button, by typing
 * the page.
 */
export function pageTail(p: ListPage, total: number, filter: string | undefined, narrow: string): string {
  if (p.pages <= 1) return '';
  const carried = pageFilter(filter).length <= PAGE_FILTER_CHARS;
  if (p.page < p.pages) return `…and ${total - p.end} more: ${narrow}. ${carried ? '“Next ›” shows them' : `Add “page ${p.page + 1}” to the command for the next ones`}.`;
  return `${p.start} before these: ${narrow}. ${carried ? '“‹ Previous” pages back' : `“page ${p.page - 1}” in the command shows the ones before`}.`;
}

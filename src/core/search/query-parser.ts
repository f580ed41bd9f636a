/**
 * Search query syntax (pure): free words, "quoted phrases", words to leave out (`-word` or
 * `NOT word`, as search engines take them), and filters `author:name` / `author:"Full Name"`,
 * `since:YYYY-MM-DD`, `category:cs.CL` (alias `cat:`).
 * Anything else with a colon is kept as words, so `BERT:` or `ratio:2` still search.
 */
import { dayStart, parseDayOption } from '../papers/ingest-dates.js';
import { isStopword } from '../topics/text.js';
import { checkArxivCategory } from '../papers/arxiv-categories.js';
import { tooLongText } from '../truncate.js';
import { TEXT_CONTROL } from '../controls.js';
import { straightDoubleQuotes } from '../quotes.js';

export const MAX_QUERY_CHARS = 500;

export interface ParsedQuery {
  /** Free words, lower-cased. */
  terms: string[];
  /** Quoted phrases; results must contain each one. */
  phrases: string[];
  authors: string[];
  categories: string[];
  since: Date | null;
  /** "diffusion or video": any of the words will do (default: all of them); "quoted phrases" are still required. */
  any?: boolean;
  /** "-diffusion" or "NOT diffusion": papers with a word starting so are left out. */
  without?: string[];
  /** Words typed in quotes on their own: searched for even when common ("or"). */
  quoted?: string[];
}

export type ParseResult = { ok: true; query: ParsedQuery } | { ok: false; error: string };

// A filter's quote, like a phrase's, may be left open: it runs to the end of the query.
const TOKEN = /(\w+):"([^"]*)"?|(\w+):(\S+)|"([^"]*)"?|(\S+)/g;

const FILTER_EXAMPLES: Record<string, string> = {
  author: 'author:smith or author:"Ada Lovelace"',
  by: 'by:smith',
  category: 'category:cs.CL',
  cat: 'cat:cs.CL',
  since: 'since:2026-01-31',
};
const FILTERS: ReadonlySet<string> = new Set(Object.keys(FILTER_EXAMPLES));
const FILTER_WITHOUT_VALUE = /^(author|by|category|cat|since):$/i;

/** A word goes on through combining marks, as in text.ts: Devanagari and Thai vowel signs are part of it. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}._+-]*/gu)?.map((w) => w.replace(/[._+-]+$/, '')) ?? [];
}

export function parseQuery(raw: unknown): ParseResult {
  if (typeof raw !== 'string') return { ok: false, error: 'The query must be text' };
  if (TEXT_CONTROL.test(raw)) return { ok: false, error: 'The query contains control characters' };
  // Typographic double quotes (what phone keyboards type) are `"`, as in a topic's name.
  const text = straightDoubleQuotes(raw.normalize('NFKC')).trim();
  if (text === '') return { ok: false, error: 'The query is empty: give some words, a "phrase" or a filter like author:smith' };
  if (text.length > MAX_QUERY_CHARS) return { ok: false, error: tooLongText('The query', text, MAX_QUERY_CHARS) };

  const query: ParsedQuery = { terms: [], phrases: [], authors: [], categories: [], since: null };
  let leaveOutNext = false;
  for (const m of text.matchAll(TOKEN)) {
    const bare = m[6] !== undefined ? FILTER_WITHOUT_VALUE.exec(m[6]) : null;
    const key = (m[1] ?? m[3] ?? bare?.[1])?.toLowerCase();
    const value = (m[2] ?? m[4] ?? '').trim();
    // `author:` alone (or `author: smith`, `author:""`) would otherwise search for the word "author".
    if (key !== undefined && FILTERS.has(key) && !value) return { ok: false, error: `${key}: needs a value right after the colon, e.g. ${FILTER_EXAMPLES[key]}` };
    if (key !== undefined) {
      if (key === 'author' || key === 'by') {
        if (value) query.authors.push(value.toLowerCase());
        continue;
      }
      if (key === 'category' || key === 'cat') {
        // Checked as `--category` is everywhere else: "cs.CLL" found nothing and blamed the papers.
        const category = checkArxivCategory(value);
        if (!category.ok) return { ok: false, error: `${key}: ${category.error}` };
        query.categories.push(category.category.toLowerCase());
        continue;
      }
      if (key === 'since') {
        const d = parseDayOption(value, 'since');
        if (!d.ok) return d;
        query.since = dayStart(d.day);
        continue;
      }
      query.terms.push(...wordsOf(m[0]));
      continue;
    }
    if (m[5] !== undefined) {
      const phrase = wordsOf(m[5]).join(' ');
      if (phrase.includes(' ')) query.phrases.push(phrase);
      else if (phrase) {
        query.terms.push(phrase);
        (query.quoted ??= []).push(phrase);
      }
      continue;
    }
    // A bare "or" asks for any of the words; read as a word, it made the query stricter.
    // ("or" itself is searched for in quotes.)
    if (/^or$/i.test(m[6] ?? '')) {
      query.any = true;
      continue;
    }
    // Capitals only: a lower-case "not" is a word of the query ("not" itself is a stopword).
    if (m[6] === 'NOT') {
      leaveOutNext = true;
      continue;
    }
    const left = /^-(?=[\p{L}\p{N}])/u.test(m[6] ?? '') || leaveOutNext;
    leaveOutNext = false;
    if (left) (query.without ??= []).push(...wordsOf(m[6] ?? ''));
    else query.terms.push(...wordsOf(m[6] ?? ''));
  }
  if (query.without && !query.terms.length && !query.phrases.length && !query.authors.length && !query.categories.length && !query.since) {
    return { ok: false, error: `Say what to search for as well as what to leave out, e.g. "decoding -${query.without[0]}"` };
  }
  if (query.any && query.terms.length < 2) {
    delete query.any;
    // Filters always all apply: "author:doe or author:smith" would quietly find papers by both.
    if (query.terms.length === 0 && query.phrases.length === 0 && (query.authors.length || query.categories.length || query.since)) {
      return { ok: false, error: '"or" joins words (diffusion or video); filters all apply together, so give one search per author or category' };
    }
  }
  const empty = !query.terms.length && !query.phrases.length && !query.authors.length && !query.categories.length && !query.since;
  if (empty) return { ok: false, error: 'The query has no words to search for' };
  // "a" or "the" alone is in every abstract: it listed papers at random, each scored 0.00. A
  // letter alone ("x") is no such word, and is not said to be: it is too short to search for.
  const onlyCommon = query.terms.length > 0 && query.terms.every((t) => t.length < 2 || isStopword(t)) && !query.phrases.length && !query.authors.length && !query.categories.length && !query.since;
  if (onlyCommon) return { ok: false, error: `${commonWordsText(query.terms)}: give a word that tells papers apart` };
  return { ok: true, query };
}

const listed = (ws: readonly string[]) => ws.map((w) => `"${w}"`).join(' ');

/** Why these words are not searched on their own: stopwords are in nearly every paper, a letter is too short. */
function commonWordsText(terms: readonly string[]): string {
  const common = [...new Set(terms.filter((t) => isStopword(t)))];
  const short = [...new Set(terms.filter((t) => !isStopword(t)))];
  const parts = [];
  if (common.length) parts.push(`${listed(common)} ${common.length > 1 ? 'are' : 'is'} in nearly every paper`);
  if (short.length) parts.push(`${listed(short)} ${short.length > 1 ? 'are single characters' : 'is a single character'}, too short to search for`);
  return parts.join(' and ');
}

const isLetter = (t: string) => /^\p{L}$/u.test(t);

/**
 * The free words searched for: without "of", "the", "with" beside words that tell papers apart.
 * Required, such words kept out papers that put the same subject without them; counted, they
 * lifted papers that merely had them. The in-memory index and the database's both search these.
 */
export function searchTerms(q: ParsedQuery): string[] {
  // A word's parts too: both indexes split "text-to-speech" at the hyphens and searched its "to".
  const telling = q.terms.flatMap((t) => {
    if (q.quoted?.includes(t)) return [t];
    // A letter alone ("x", "title:x") is a variable or an initial: beside other words it only let
    // papers with any such letter in, each scoring next to nothing ("quantum x": 26 papers, 0.00).
    if (isLetter(t)) return [];
    const parts = t.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const kept = parts.filter((p) => !isStopword(p));
    return kept.length === parts.length ? [t] : kept;
  });
  return telling.length ? telling : q.terms;
}

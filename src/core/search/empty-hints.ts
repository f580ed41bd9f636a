/**
 * Why a search may have found nothing, when there is something to say: the same words on the
 * CLI and in chat.
 */
import { searchTerms, type ParsedQuery } from './query-parser.js';
import { words as wordsOf } from '../topics/text.js';
import { NO_NOTES, type SearchNotes } from './spelling.js';
import { MAX_LIMIT } from './search-service.js';
import { dayOf } from '../papers/ingest-dates.js';

export interface EmptyHintOptions {
  /** Days of the hot window, where typos are forgiven (0: not said). */
  hotDays: number;
  now: Date;
  /** Papers in the database, when known: none at all is the whole reason (a new install). */
  stored?: number;
  /** What the search did with the words (search-service.ts). */
  notes?: SearchNotes;
}

export function emptySearchHints(query: ParsedQuery, opts: EmptyHintOptions): string[] {
  if (opts.stored === 0) return ['No paper is stored yet: `paperboy ingest` fetches the latest ones (the service does on its schedule).'];
  // A date after today explains everything: no paper is that new ("since:2062" for 2026).
  if (query.since && query.since.getTime() > opts.now.getTime()) return [`since:${dayOf(query.since)} is after today: no paper is that new.`];
  const hints: string[] = [];
  // A word left out is dropped with every paper that has a word starting so: a common one
  // (-diffusion, -model) can empty a page that the other words filled, and only the typo hint
  // was said, sending the person to check a spelling that was right.
  if (query.without?.length) {
    const left = [...new Set(query.without)].map((w) => `-${w}`).join(' ');
    hints.push(`Papers with a word starting like one left out (${left}) are not shown: the matches may all have it; try without it.`);
  }
  // Older papers are searched by whole words and their beginnings only (the archive index), and
  // a paper known only from Hugging Face has no categories.
  if (query.categories.length) hints.push('Categories come from arXiv listings: papers known only from Hugging Face have none.');
  // Typos were forgiven over every stored paper, or the words do match without the filters: checking the spelling is no advice.
  const spelt = opts.notes && (opts.notes.spellChecked || (opts.notes.withoutFilters ?? 0) > 0);
  if (query.terms.length && opts.hotDays > 0 && !spelt) hints.push(`Typos are forgiven among the papers of the last ${opts.hotDays} days only; for older ones check the spelling.`);
  return hints;
}

/**
 * What found nothing, named by the words that were searched: "quantum x" searches "quantum"
 * alone, and saying the whole query blamed the "x" the search left out. Null for filters alone.
 */
export function noMatchText(query: ParsedQuery, notes: SearchNotes = NO_NOTES): string | null {
  const words = searchTerms(query);
  const searched = [...words, ...query.phrases].map((w) => `"${w}"`);
  if (!searched.length) return null;
  const left = [...new Set(query.terms.filter((t) => !words.includes(t) && !t.split(/[^\p{L}\p{N}]+/u).some((p) => words.includes(p))))];
  const note = left.length ? ` (${left.map((w) => `"${w}"`).join(' ')} ${left.length > 1 ? 'are' : 'is'} not searched beside other words)` : '';
  const asked = searched.join(query.any ? ' or ' : ' ');
  // Every word is in no stored paper (typos forgiven): that is the whole answer.
  if (notes.unmatched.length && !query.phrases.length && words.every((w) => wordsOf(w).every((x) => notes.unmatched.includes(x)))) {
    return `${corrections(notes)}No stored paper has ${notes.unmatched.map((w) => `"${w}"`).join(' or ')}${note}.`;
  }
  // The filters emptied it: they are named, with what the words find without them.
  const filters = filterWords(query);
  if (filters && notes.withoutFilters) {
    const n = notes.withoutFilters >= MAX_LIMIT ? `${MAX_LIMIT} or more` : String(notes.withoutFilters);
    return `${spelling(notes)}No papers match ${asked} with ${filters}${note}: ${n} match without ${filters.includes(' ') ? 'these filters' : 'it'}.`;
  }
  return `${spelling(notes)}No papers match ${asked}${note}.`;
}

/** The query's filters as typed (since:2026-03-01 author:smith), or '' for none. */
function filterWords(query: ParsedQuery): string {
  const quoted = (v: string) => (/\s/.test(v) ? `"${v}"` : v);
  return [
    ...(query.since ? [`since:${dayOf(query.since)}`] : []),
    ...query.authors.map((a) => `author:${quoted(a)}`),
    ...query.categories.map((c) => `category:${c}`),
  ].join(' ');
}

const list = (ws: readonly string[]) => ws.map((w) => `"${w}"`).join(', ');

/** The typed words searched as others, as a sentence (or ''). */
function corrections(notes: SearchNotes): string {
  if (!notes.corrected.length) return '';
  return `No stored paper has ${list(notes.corrected.map((c) => c.typed))}: showing results for ${list(notes.corrected.map((c) => c.searched))}. `;
}

/** The typed words searched as others, and those no stored paper holds, each as a sentence (or ''). */
function spelling(notes: SearchNotes): string {
  const none = notes.unmatched.length ? `No stored paper has ${list(notes.unmatched)}. ` : '';
  return corrections(notes) + none;
}

/**
 * What an answer with papers says before them: the typed words searched as others ("showing
 * results for"), and those no stored paper holds, so a list of papers that match only the other
 * words is not taken for an answer to all of them. Null when there is nothing to say.
 */
export function searchNoteText(notes: SearchNotes): string | null {
  const said = spelling(notes);
  if (!said) return null;
  return notes.unmatched.length ? `${said.trimEnd().replace(/\.$/, ':')} these papers match the other words.` : said.trimEnd();
}

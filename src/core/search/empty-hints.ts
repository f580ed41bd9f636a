/**
 * Why a search may have found nothing, when there is something to say: the same words on the
 * CLI and in chat.
 */
import { searchTerms, type ParsedQuery } from './query-parser.js';

export interface EmptyHintOptions {
  /** Days of the hot window, where typos are forgiven (0: not said). */
  hotDays: number;
  now: Date;
  /** Papers in the database, when known: none at all is the whole reason (a new install). */
  stored?: number;
}

export function emptySearchHints(query: ParsedQuery, opts: EmptyHintOptions): string[] {
  if (opts.stored === 0) return ['No paper is stored yet: `paperboy ingest` fetches the latest ones (the service does on its schedule).'];
  // A date after today explains everything: no paper is that new ("since:2062" for 2026).
  if (query.since && query.since.getTime() > opts.now.getTime()) return [`since:${query.since.toISOString().slice(0, 10)} is after today: no paper is that new.`];
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
  if (query.terms.length && opts.hotDays > 0) hints.push(`Typos are forgiven among the papers of the last ${opts.hotDays} days only; for older ones check the spelling.`);
  return hints;
}

/**
 * What found nothing, named by the words that were searched: "quantum x" searches "quantum"
 * alone, and saying the whole query blamed the "x" the search left out. Null for filters alone.
 */
export function noMatchText(query: ParsedQuery): string | null {
  const words = searchTerms(query);
  const searched = [...words, ...query.phrases].map((w) => `"${w}"`);
  if (!searched.length) return null;
  const left = [...new Set(query.terms.filter((t) => !words.includes(t) && !t.split(/[^\p{L}\p{N}]+/u).some((p) => words.includes(p))))];
  const note = left.length ? ` (${left.map((w) => `"${w}"`).join(' ')} ${left.length > 1 ? 'are' : 'is'} not searched beside other words)` : '';
  return `No papers match ${searched.join(query.any ? ' or ' : ' ')}${note}.`;
}

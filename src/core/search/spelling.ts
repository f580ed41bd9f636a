/**
 * A typed word that no stored paper holds, even as a word's beginning, is taken for a typo of
 * the closest stored word: as the window forgives typos (MiniSearch's fuzzy match), but over
 * every stored paper, the archive's too, whose index matches exact words and beginnings only.
 */
import { typoEdits } from '../edit-distance.js';
import type { WordCount } from './archive-search.js';

/** The query word as typed, and the stored word searched instead. */
export interface Correction {
  typed: string;
  searched: string;
}

/** What a search did with the words it was given, for the answer to say. */
export interface SearchNotes {
  /** Typed words no stored paper holds, searched as the closest stored word. */
  corrected: Correction[];
  /** Typed words no stored paper holds, with no stored word close enough (or English words: no slip). */
  unmatched: string[];
  /**
   * An empty answer to words with filters (since:, author:, category:): how many papers the
   * words find without the filters (at most the search's largest page), else null.
   */
  withoutFilters: number | null;
  /** Whether the typed words were checked against every stored paper's words (SQLite): typos were forgiven everywhere. */
  spellChecked: boolean;
}

export const NO_NOTES: SearchNotes = { corrected: [], unmatched: [], withoutFilters: null, spellChecked: false };

/**
 * Shorter words are not corrected: one letter off in "gan" or "vit" is another word. From five
 * letters on, as the window's fuzzy match (one edit, two from eight letters: edit-distance.ts).
 */
export const MIN_CORRECTED_LENGTH = 5;

/**
 * Where the words a slip of `word` may stand for begin: with its first letter (a slip anywhere
 * after it), with its second and first (the first two swapped), or with its second and third (a
 * letter typed before it). A slip in the first letter itself is not looked for, as most
 * spelling checkers do not: it would read the whole vocabulary.
 */
export function beginnings(word: string): string[] {
  const [a, b, c] = [...word];
  return [...new Set([a, b && a && b + a, b && c && b + c].filter((s): s is string => !!s))];
}

/**
 * The stored word `typed` most probably meant: fewest edits (a swap of neighbours is one), then
 * the most papers (the commoner spelling is the likelier meaning), then alphabetical. Null when
 * none is within a typo's reach.
 */
export function closestWord(typed: string, candidates: readonly WordCount[]): string | null {
  if (typed.length < MIN_CORRECTED_LENGTH) return null;
  let best: { term: string; edits: number; docs: number } | null = null;
  for (const c of candidates) {
    if (c.docs <= 0) continue;
    const edits = typoEdits(c.term, typed);
    if (edits === null) continue;
    if (!best || edits < best.edits || (edits === best.edits && (c.docs > best.docs || (c.docs === best.docs && c.term < best.term)))) best = { term: c.term, edits, docs: c.docs };
  }
  return best?.term ?? null;
}

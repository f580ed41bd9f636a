/**
 * Author names the way arXiv writes them, and when two of them may be the same person.
 *
 * The rule (chosen to follow people without false friends):
 * - The surname must be equal after folding (accents, case, hyphens, apostrophes and spaces
 *   dropped: "García-Pérez" = "Garcia Perez"). "Lovelace, Ada" puts the surname first;
 *   otherwise it is the last word, with its particles ("van der Waals") and without a
 *   suffix ("Jr.", "III").
 * - Given names are compared in order, initial by initial: a full name is compatible with
 *   its initial ("A." ~ "Ada"), two full names must be equal, two initials must be equal. A
 *   side with fewer given names leaves the other's later ones unchecked (a middle name or
 *   initial that one form omits), but both must have a first given name if either has one
 *   ("Lovelace" alone is compatible with every Lovelace: that is what makes it ambiguous).
 * Whether a compatible request is still ambiguous is decided against the names actually
 * seen (follow-service.ts), not here.
 */
import { foldDiacritics } from '../diacritics.js';

export interface GivenName {
  /** Folded: `ada`, or a single letter for an initial. */
  folded: string;
  initial: boolean;
}

export interface AuthorName {
  /** As written, spaces collapsed. */
  display: string;
  /** Folded surname with separators removed: `vanderwaals`. */
  surname: string;
  given: GivenName[];
}

/** Letters NFKD does not decompose into a base letter plus a mark. */
const LETTERS: Record<string, string> = { ø: 'o', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * Lower case, accents and the letters above folded: "José Łukasz" -> "jose lukasz". Beyond
 * foldDiacritics, the Latin letters above are spelt out: names are written both ways
 * ("Łukasz", "Lukasz"), where the words of a text are not.
 */
export function foldName(text: string): string {
  return foldDiacritics(text)
    .toLowerCase()
    .replace(/[øłßæœđðþı]/g, (c) => LETTERS[c] ?? c);
}

const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'das', 'du', 'le', 'la', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'st', 'mac']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

const surnameKey = (words: string[]): string => foldName(words.join('')).replace(/[^\p{L}\p{N}]/gu, '');

/** "J.-P.", "Jean-Pierre", "A.B." -> given-name parts, initials marked. */
function givenParts(word: string): GivenName[] {
  const out: GivenName[] = [];
  // "A.B." and "J.-P." are several initials in one word; "Jean-Pierre" is two names.
  for (const piece of word.split(/(?<=\.)|-/)) {
    const bare = foldName(piece).replace(/[^\p{L}\p{N}]/gu, '');
    if (!bare) continue;
    const initial = bare.length === 1 || (piece.endsWith('.') && bare.length <= 2);
    out.push({ folded: initial ? bare[0]! : bare, initial });
  }
  return out;
}

/** An author's name as written, in its parts (words as written): the one reading follows and exports share. */
export interface AuthorWords {
  /** The name, composed (NFC), whitespace collapsed. */
  display: string;
  given: string[];
  /** With its particles: "van der Waals". */
  surname: string[];
  /** "Jr.", "III": said after the name, part of neither. */
  suffix: string[];
}

const isSuffix = (word: string) => SUFFIXES.has(foldName(word).replace(/\./g, '').trim());

/** Split one author as written; null when it is blank. */
export function splitAuthorName(raw: string): AuthorWords | null {
  const display = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!display) return null;
  // "Last, First", "Last, Jr., First", "Last, First, Jr."; "First Last, Jr." has no given part after the comma.
  const [head, ...tail] = display.split(',').map((p) => p.trim());
  const givenPart = tail.filter((p) => p && !isSuffix(p));
  if (head && givenPart.length) return { display, surname: head.split(' '), given: givenPart.join(' ').split(' '), suffix: tail.filter((p) => p && isSuffix(p)) };
  const words = display.replace(/,/g, ' ').split(' ').filter(Boolean);
  const suffix: string[] = [];
  while (words.length > 1 && isSuffix(words[words.length - 1]!)) suffix.unshift(words.pop()!);
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(foldName(words[start - 1]!))) start--;
  return { display, surname: words.slice(start), given: words.slice(0, start), suffix };
}

/** Parse one author as written; null when there is no surname to speak of. */
export function parseAuthorName(raw: string): AuthorName | null {
  const words = splitAuthorName(raw);
  const surname = words ? surnameKey(words.surname) : '';
  if (!words || !surname) return null;
  return { display: words.display, surname, given: words.given.flatMap(givenParts) };
}

function givenCompatible(a: GivenName, b: GivenName): boolean {
  if (a.initial || b.initial) return a.folded[0] === b.folded[0];
  return a.folded === b.folded;
}

/** Whether `a` and `b` may name the same person (see the rule at the top). */
export function namesCompatible(a: AuthorName, b: AuthorName): boolean {
  if (a.surname !== b.surname) return false;
  if (a.given.length === 0 || b.given.length === 0) return true;
  const n = Math.min(a.given.length, b.given.length);
  for (let i = 0; i < n; i++) if (!givenCompatible(a.given[i]!, b.given[i]!)) return false;
  return true;
}

/** A name with a full (not initial) first given name: it says which person it means. */
export function hasFullFirstName(name: AuthorName): boolean {
  return name.given.length > 0 && !name.given[0]!.initial;
}

/** One key per spelling of the same full name: "José  Pérez" and "Jose Perez" share it. */
export function nameKey(name: AuthorName): string {
  return `${name.given.map((g) => g.folded).join(' ')}|${name.surname}`;
}

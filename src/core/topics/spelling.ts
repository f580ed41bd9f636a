/**
 * Typos in what people type. A topic word that is no English word, no vocabulary word and not
 * used by the recent papers a topic is matched against ("diffsion language models", "world
 * modls") is most likely a slip: read as it was typed, it is the topic's rarest word, every
 * match must speak to it, and the topic matched nothing at all. It is read as the vocabulary
 * word a typo away (edit-distance.ts, the rule topic names use) that those papers use most, or
 * as two words they write together ("retrievalaugmented"), and the person is told so.
 *
 * Only words a person could have misspelt: not English words the papers happen not to use
 * ("cardiology", "lawyers"), not names or abbreviations (a capital past the first letter, or a
 * capitalised word inside text that is not all in Title Case: "DAPO", "Turing"), not short
 * words, not words with digits.
 * A word the papers use is never changed.
 */
import { typoEdits } from '../edit-distance.js';
import { isEnglishWord } from './english-words.js';
import { isStopword, stem } from './text.js';
import { foldDiacritics } from '../diacritics.js';

export interface Respelling {
  typed: string;
  read: string;
}

/** Shorter words are too often another word one letter away ("mode", "node"). */
const MIN_LENGTH = 5;
/** Longer "words" are not words a person typed with a slip (and cost the most to compare). */
const MAX_LENGTH = 30;
/**
 * Unknown words looked up per text: each is compared with the whole vocabulary (about 4,400
 * words, under a millisecond), and a topic of more unknown words than this has no slip to find.
 */
const MAX_LOOKUPS = 8;
const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

export interface SpellingContext {
  /** Known spellings (lower case): the shipped vocabulary's words. */
  lexicon: ReadonlySet<string>;
  /** How many of the papers matched against use a word or phrase (stems, space-joined). */
  used: (stems: string) => number;
  /** Whether a word is English (default: english-words.ts). */
  isWord?: (word: string) => boolean;
}

/** Accents folded as the matcher folds them (text.ts normalizeText), lower case. */
const folded = (token: string) => foldDiacritics(token).toLowerCase();

/**
 * Written as a name or abbreviation is: a capital past the first letter, or a capital first
 * letter inside the text, unless the text capitalises all its words ("Speculative Decodng"):
 * Title Case says nothing of names.
 */
const namedAs = (token: string, offset: number, titleCase: boolean) => /\p{Lu}/u.test(token.slice(1)) || (!titleCase && offset > 0 && /^\p{Lu}/u.test(token));

/** Every word of four letters or more but the small ones ("with", "after") starts with a capital, and there are two such words at least. */
function inTitleCase(text: string): boolean {
  const long = (text.match(TOKEN) ?? []).filter((t) => t.length >= 4 && !/\d/.test(t) && !isStopword(t.toLowerCase()));
  return long.length >= 2 && long.every((t) => /^\p{Lu}/u.test(t));
}

/**
 * The vocabulary word a typo away from `word` that the papers use most (one they do not use
 * still names a concept whose forms they may: "overthnking"); null when there is none.
 * Only words with the same first letter: slips there are rare, and a name the vocabulary does
 * not know is a letter away from some word there ("Godel" read as "model"), which is why search
 * engines' fuzzy matching fixes a prefix too (Lucene's prefix_length). The one slip allowed
 * there is the first letter left out, all else as typed ("vision-anguage").
 */
function correction(word: string, ctx: SpellingContext): string | null {
  let best: { read: string; used: number; edits: number } | null = null;
  for (const known of ctx.lexicon) {
    if (known[0] !== word[0] && known.slice(1) !== word) continue;
    const edits = typoEdits(word, known);
    if (edits === null) continue;
    const used = ctx.used(stem(known));
    if (!best || used > best.used || (used === best.used && (edits < best.edits || (edits === best.edits && known < best.read)))) best = { read: known, used, edits };
  }
  return best?.read ?? null;
}

/**
 * Two words typed as one ("retrievalaugmented"): the split whose halves the papers write as a
 * phrase most often; null when no split is such a phrase.
 */
function split(word: string, ctx: SpellingContext): string | null {
  let best: { read: string; used: number } | null = null;
  for (let i = 3; i <= word.length - 3; i++) {
    const [a, b] = [word.slice(0, i), word.slice(i)];
    // Halves the vocabulary or the papers know, before any stemming (most splits are no words).
    if (!ctx.lexicon.has(a) && !ctx.lexicon.has(b)) continue;
    if (ctx.used(stem(a)) === 0 || ctx.used(stem(b)) === 0) continue;
    const used = ctx.used(`${stem(a)} ${stem(b)}`);
    if (used > 0 && (!best || used > best.used)) best = { read: `${a} ${b}`, used };
  }
  return best?.read ?? null;
}

/** The text with its likely slips read as the words meant, and what was read how. */
export function respell(text: string, ctx: SpellingContext): { text: string; respelled: Respelling[] } {
  const isWord = ctx.isWord ?? isEnglishWord;
  const respelled: Respelling[] = [];
  let lookups = 0;
  const titleCase = inTitleCase(text);
  const out = text.replace(TOKEN, (token, offset: number) => {
    const word = folded(token);
    if (word.length < MIN_LENGTH || word.length > MAX_LENGTH || /\d/.test(word) || namedAs(token, offset, titleCase) || isStopword(word)) return token;
    if (ctx.lexicon.has(word) || ctx.used(stem(word)) > 0 || isWord(word) || ++lookups > MAX_LOOKUPS) return token;
    const read = split(word, ctx) ?? correction(word, ctx);
    if (read === null) return token;
    respelled.push({ typed: token, read });
    return read;
  });
  return { text: out, respelled };
}

/** What a person is told: "read “diffsion” as “diffusion”". */
export function respellingNote(respelled: readonly Respelling[]): string | null {
  if (respelled.length === 0) return null;
  const pairs = respelled.map((r) => `“${r.typed}” as “${r.read}”`).join(', ');
  return `No recent paper uses every word as typed: read ${pairs}.`;
}

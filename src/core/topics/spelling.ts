/**
 * Typos in what people type. A topic word that no stored paper and no vocabulary entry uses
 * ("diffsion language models", "world modls") is most likely a slip: read as it was typed, it
 * is the topic's rarest word, every match must speak to it, and the topic matched nothing at
 * all. It is read as the known word a typo away (edit-distance.ts, the rule topic names use)
 * that papers use most, or as two words papers write together ("retrievalaugmented"), and the
 * person is told so.
 *
 * Only words a person could have misspelt: not abbreviations or names written with capitals
 * ("GRPO", "DeepSeek"), not short words, not words with digits. A word papers use is never
 * changed, however close it is to another.
 */
import { editDistance, withinTypo } from '../edit-distance.js';
import { isStopword, stem } from './text.js';

export interface Respelling {
  typed: string;
  read: string;
}

/** Shorter words are too often another word one letter away ("mode", "node"). */
const MIN_LENGTH = 5;
/**
 * Unknown words looked up per text: each is compared with the whole vocabulary (about 4,400
 * words, under 2 ms), and a topic of more unknown words than this is not a topic with a slip.
 */
const MAX_LOOKUPS = 8;
const TOKEN = /[\p{L}\p{N}]+/gu;

export interface SpellingContext {
  /** Known spellings (lower case): the shipped vocabulary's words. */
  lexicon: ReadonlySet<string>;
  /** How many stored papers use a word or phrase (stems, space-joined). */
  used: (stems: string) => number;
}

/** Whether the token is written as a name or abbreviation is: capitals past its first letter. */
const namedAs = (token: string) => /\p{Lu}/u.test(token.slice(1));

/** The known word a typo away from `word` that papers use most; null when there is none. */
function correction(word: string, ctx: SpellingContext): string | null {
  let best: { read: string; used: number; edits: number } | null = null;
  for (const known of ctx.lexicon) {
    if (Math.abs(known.length - word.length) > 3 || !withinTypo(word, known)) continue;
    const used = ctx.used(stem(known));
    const edits = editDistance(word, known);
    if (!best || used > best.used || (used === best.used && (edits < best.edits || (edits === best.edits && known < best.read)))) best = { read: known, used, edits };
  }
  return best?.read ?? null;
}

/**
 * Two words typed as one ("retrievalaugmented"): the split whose halves papers write as a
 * phrase most often; null when no split is such a phrase.
 */
function split(word: string, ctx: SpellingContext): string | null {
  let best: { read: string; used: number } | null = null;
  for (let i = 3; i <= word.length - 3; i++) {
    const [a, b] = [stem(word.slice(0, i)), stem(word.slice(i))];
    if (ctx.used(a) === 0 || ctx.used(b) === 0) continue;
    const used = ctx.used(`${a} ${b}`);
    if (used > 0 && (!best || used > best.used)) best = { read: `${word.slice(0, i)} ${word.slice(i)}`, used };
  }
  return best?.read ?? null;
}

/** The text with its likely typos read as known words, and what was read how. */
export function respell(text: string, ctx: SpellingContext): { text: string; respelled: Respelling[] } {
  const respelled: Respelling[] = [];
  let lookups = 0;
  const out = text.replace(TOKEN, (token) => {
    const word = token.toLowerCase();
    if (word.length < MIN_LENGTH || /\d/.test(word) || namedAs(token) || isStopword(word)) return token;
    if (ctx.lexicon.has(word) || ctx.used(stem(word)) > 0 || ++lookups > MAX_LOOKUPS) return token;
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
  return `No stored paper uses every word as typed: read ${pairs}.`;
}

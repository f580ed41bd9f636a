/**
 * The typographic double quotes (“ ” „ ‟), as the inside of a character class: what phone
 * keyboards type and documents paste for `"`. One set, so the search's phrases and a name in
 * quotes take the same marks.
 */
export const TYPOGRAPHIC_DOUBLE_QUOTES = '\u201C-\u201F';

const TYPOGRAPHIC = new RegExp(`[${TYPOGRAPHIC_DOUBLE_QUOTES}]`, 'g');

/** The text with each typographic double quote as `"`. */
export function straightDoubleQuotes(text: string): string {
  return text.replace(TYPOGRAPHIC, '"');
}

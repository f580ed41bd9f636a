/**
 * The accents of Latin letters taken off ("Café" -> "Cafe", "Müller" -> "Muller", "Nguyễn" ->
 * "Nguyen"), every other mark kept. In other scripts the combining marks are letters or part of
 * one: Devanagari and Thai vowel signs ('कोड' is not 'कड'), the breve of Cyrillic 'й' ('мой' is
 * not 'мои'), the Greek tonos, kana voicing. This is what SQLite FTS5's `unicode61
 * remove_diacritics 2` does to the archive's words, so a word folded here is the word the
 * archive holds. Letter case is left as it is, and so are the Latin letters that are not a base
 * letter plus an accent (ø, ł, ß: FTS5 keeps them; foldName spells them out for names).
 *
 * The result is composed again (NFC), as stored text is: kana and Hangul typed decomposed
 * read as the archive's words, and compatibility forms ('ﬁ', full-width letters) as plain ones.
 */
export function foldDiacritics(text: string): string {
  // Most text is ASCII, where there is nothing to fold (normalising dominates an index build).
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(LATIN_ACCENTS, '')
    .normalize('NFC');
}

/** Accents (the Combining Diacritical Marks block, the marks FTS5 folds) on a Latin letter. */
const LATIN_ACCENTS = /(?<=\p{Script=Latin})[\u0300-\u036f]+/gu;

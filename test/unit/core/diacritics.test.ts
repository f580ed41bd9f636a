/**
 * One fold of accents for every word paperboy compares: the matcher, the in-memory search, the
 * archive's queries, author names, slugs. Before it, each folded in its own way: the matcher
 * and the search took the Cyrillic breve and the Greek tonos off ('мой' read as 'мои', which the
 * archive's FTS5 index, folding Latin letters only, does not hold), author names took off
 * Devanagari vowel signs ('कुमार' read as 'कमर', another name).
 */
import { describe, expect, it } from 'vitest';
import { foldDiacritics } from '../../../src/core/diacritics.js';

describe('foldDiacritics', () => {
  it('takes the accents off Latin letters, composed or typed apart', () => {
    expect(foldDiacritics('Café naïve Müller Nguyễn Ștefan Pélissier')).toBe('Cafe naive Muller Nguyen Stefan Pelissier');
    expect(foldDiacritics('Zoe\u0301')).toBe('Zoe');
  });

  it('keeps the marks other scripts spell with', () => {
    for (const word of ['कुमार', 'हिन्दी', 'ภาษาไทย', 'เครื่อง', 'мой', 'Сергей', 'Ελληνικά', 'が', '한국어']) expect(foldDiacritics(word), word).toBe(word);
  });

  it('answers in composed form: kana, Hangul and Cyrillic typed decomposed read as written', () => {
    expect(foldDiacritics('\u304b\u3099')).toBe('が');
    expect(foldDiacritics('\u0438\u0306')).toBe('й');
    expect(foldDiacritics('\u1112\u1161\u11ab')).toBe('한');
  });

  it('leaves letter case and the Latin letters that are no letter plus accent', () => {
    expect(foldDiacritics('ŁUKASZ Jørgen Straße')).toBe('ŁUKASZ Jørgen Straße');
    expect(foldDiacritics('plain ASCII stays')).toBe('plain ASCII stays');
  });
});

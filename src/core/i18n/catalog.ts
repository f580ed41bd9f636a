/**
 * The digest's own words in a few languages (en, de, fr), for digests whose target has a
 * language: headers, the headline, button labels, "Why" and the note that summaries are not
 * translated. Any other tag falls back to its base language's catalog, else English.
 */
import { baseLanguage, languageName } from './language-tag.js';

export interface DigestWords {
  digest: string;
  /** "3 new papers". */
  newPapers(n: number): string;
  /** "Paperboy digest: 3 new papers on A, B". */
  headline(n: number, topics: string): string;
  /** "No new papers on your topics since <when>." */
  nothingNew(since: string): string;
  inThread: string;
  why: string;
  open: string;
  pdf: string;
  save: string;
  /** Said once per digest when summaries stay in the papers' language. */
  untranslated(language: string): string;
}

const en: DigestWords = {
  digest: 'Paperboy digest',
  newPapers: (n) => `${n} new paper${n === 1 ? '' : 's'}`,
  headline: (n, topics) => `Paperboy digest: ${n} new paper${n === 1 ? '' : 's'} on ${topics}`,
  nothingNew: (since) => `No new papers on your topics since ${since}.`,
  inThread: 'replies in the thread',
  why: 'Why',
  open: 'Open',
  pdf: 'PDF',
  save: '🔖 Save',
  untranslated: (language) => `Summaries are in each paper's own language: no LLM is configured to write them in ${language}.`,
};

const de: DigestWords = {
  digest: 'Paperboy-Digest',
  newPapers: (n) => `${n} neue${n === 1 ? 's' : ''} Paper`,
  headline: (n, topics) => `Paperboy-Digest: ${n} neue${n === 1 ? 's' : ''} Paper zu ${topics}`,
  nothingNew: (since) => `Keine neuen Paper zu deinen Themen seit ${since}.`,
  inThread: 'Antworten im Thread',
  why: 'Warum',
  open: 'Öffnen',
  pdf: 'PDF',
  save: '🔖 Merken',
  untranslated: () => 'Die Zusammenfassungen stehen in der Sprache des jeweiligen Papers: Es ist kein LLM eingerichtet, das sie auf Deutsch schreibt.',
};

const fr: DigestWords = {
  digest: 'Digest Paperboy',
  newPapers: (n) => (n === 1 ? '1 nouvelle publication' : `${n} nouvelles publications`),
  headline: (n, topics) => `Digest Paperboy : ${n} nouvelle${n === 1 ? '' : 's'} publication${n === 1 ? '' : 's'} sur ${topics}`,
  nothingNew: (since) => `Aucune nouvelle publication sur vos sujets depuis ${since}.`,
  inThread: 'réponses dans le fil',
  why: 'Pourquoi',
  open: 'Ouvrir',
  pdf: 'PDF',
  save: '🔖 Enregistrer',
  untranslated: () => "Les résumés sont dans la langue de chaque publication : aucun LLM n'est configuré pour les écrire en français.",
};

const CATALOGS: Record<string, DigestWords> = { en, de, fr };

/** The words for a digest language (a BCP 47 tag; absent: English). */
export function digestWords(tag: string | null | undefined): DigestWords {
  return CATALOGS[baseLanguage(tag)] ?? en;
}

/** Whether the catalog speaks this language itself (else the words are English). */
export function hasCatalog(tag: string | null | undefined): boolean {
  return baseLanguage(tag) in CATALOGS;
}

/** The untranslated note for a digest in `tag`, in the catalog's language. */
export function untranslatedNote(tag: string): string {
  return digestWords(tag).untranslated(languageName(tag));
}

/**
 * The digest's own words in a few languages (en, de, fr), for digests whose target has a
 * language: headers, the headline, button labels, "Why" and the note that summaries are not
 * translated. Any other tag falls back to its base language's catalog, else English.
 */
import { baseLanguage, languageName } from './language-tag.js';
import { count, thousands } from '../count.js';

/** Whose topics a note speaks of: a channel's, a person's own (a DM), the console digest's. */
export type Whose = 'channel' | 'user' | 'digest';

/** Whose topics a target's digest speaks of. */
export function whoseTopics(kind: 'channel' | 'user' | 'console'): Whose {
  return kind === 'console' ? 'digest' : kind;
}

export interface DigestWords {
  digest: string;
  /** "3 new papers". */
  newPapers(n: number): string;
  /** "Paperboy digest: 3 new papers on A, B". */
  headline(n: number, topics: string): string;
  /** "No new papers on your topics since <when>." (this channel's, this digest's) */
  nothingNew(since: string, whose: Whose): string;
  inThread: string;
  why: string;
  open: string;
  pdf: string;
  save: string;
  /** Said once per digest when summaries stay in the papers' language. */
  untranslated(language: string): string;
  /** Why a digest is empty: it follows no topic and no author. */
  followsNothing: string;
  /** Why a digest is empty: arXiv announced nothing (a weekend or an arXiv holiday). */
  noAnnouncement(holiday: boolean): string;
  /**
   * Papers were stored in the window but none matched what the target follows (`whose`: a
   * channel's, a DM's "your", the console digest's); `follows` names its topics (and its
   * followed authors when `authorsToo`).
   */
  noneMatched(stored: number, since: string, whose: Whose, authorsToo: boolean, follows: string): string;
  /** Papers were stored and `matched` of them matched, but none is new to the target or above its minimum score. */
  matchedNotNew(stored: number, since: string, whose: Whose, matched: number): string;
  /** `n` of the matched papers wait in a digest of this target whose window closed at `at` and that is not yet all sent. */
  unsentDigest(n: number, at: string): string;
  /** No paper at all was stored in the window (and arXiv's calendar does not explain it). */
  nothingStored: string;
  /** The last ingest failed or partly failed; `why` is the system's own message (": …" or ""). */
  ingestFailed(source: string, at: string, partly: boolean, why: string): string;
  /** Papers arrived after the window closed; `many` when there are more than `n` (1,000); `next`: when the next digest comes. */
  lateArrivals(n: number, many: boolean, at: string, next: string): string;
  /** `n` more papers matched than the `kept` this digest shows (its max papers left them out). */
  moreMatched(n: number, kept: number, whose: Whose): string;
}

const EN_WHOSE: Record<Whose, string> = { channel: "this channel's", user: 'your', digest: "this digest's" };
const DE_WHOSE: Record<Whose, string> = { channel: 'den Themen dieses Kanals', user: 'deinen Themen', digest: 'den Themen dieses Digests' };
const FR_WHOSE: Record<Whose, string> = { channel: 'aux sujets de ce canal', user: 'à vos sujets', digest: 'aux sujets de ce digest' };
const FR_SUR: Record<Whose, string> = { channel: 'les sujets de ce canal', user: 'vos sujets', digest: 'les sujets de ce digest' };

const en: DigestWords = {
  digest: 'Paperboy digest',
  newPapers: (n) => count(n, 'new paper'),
  headline: (n, topics) => `Paperboy digest: ${count(n, 'new paper')} on ${topics}`,
  nothingNew: (since, whose) => `No new papers on ${EN_WHOSE[whose]} topics since ${since}.`,
  inThread: 'replies in the thread',
  why: 'Why',
  open: 'Open',
  pdf: 'PDF',
  save: '🔖 Save',
  untranslated: (language) => `Summaries are in each paper's own language: no LLM is configured to write them in ${language}.`,
  followsNothing: 'This digest follows no topic and no author, so no paper can match: subscribe it to a topic to get papers.',
  noAnnouncement: (holiday) => `No new arXiv announcement today (${holiday ? 'arXiv holiday' : 'weekend'}): arXiv announces Sunday to Thursday at 20:00 US Eastern.`,
  noneMatched: (stored, since, whose, authorsToo, follows) =>
    `${count(stored, 'paper')} stored since ${since}, none matched ${EN_WHOSE[whose]} topics${authorsToo ? ' or followed authors' : ''}: ${follows}.`,
  matchedNotNew: (stored, since, whose, matched) =>
    `${count(stored, 'paper')} stored since ${since}; the ${thousands(matched)} that matched ${EN_WHOSE[whose]} topics ${matched === 1 ? 'was' : 'were'} in earlier digests or scored under a subscription's minimum score.`,
  unsentDigest: (n, at) =>
    `${thousands(n)} of them ${n === 1 ? 'waits' : 'wait'} in the digest of ${at}, which is not yet all sent: the next digest run tries it again, and they are not posted twice.`,
  nothingStored: 'No paper at all was stored in this window: no ingest ran, or none found anything new.',
  ingestFailed: (source, at, partly, why) => `The last paper ingest (${source}, ${at}) ${partly ? 'partly failed' : 'failed'}${why}; papers may be missing until one succeeds.`,
  lateArrivals: (n, many, at, next) =>
    `${many ? 'More than 1,000' : n} paper${n === 1 && !many ? '' : 's'} arrived after ${at}, when this digest's window closed; the next digest, at ${next}, looks at ${n === 1 && !many ? 'it' : 'them'}.`,
  moreMatched: (n, kept, whose) => `${count(n, 'more paper')} matched ${EN_WHOSE[whose]} topics beyond ${kept === 1 ? 'this one' : `these ${kept}`}.`,
};

const de: DigestWords = {
  digest: 'Paperboy-Digest',
  newPapers: (n) => `${n.toLocaleString('de-DE')} neue${n === 1 ? 's' : ''} Paper`,
  headline: (n, topics) => `Paperboy-Digest: ${n.toLocaleString('de-DE')} neue${n === 1 ? 's' : ''} Paper zu ${topics}`,
  nothingNew: (since, whose) => `Keine neuen Paper zu ${DE_WHOSE[whose]} seit ${since}.`,
  inThread: 'Antworten im Thread',
  why: 'Warum',
  open: 'Öffnen',
  pdf: 'PDF',
  save: '🔖 Merken',
  untranslated: () => 'Die Zusammenfassungen stehen in der Sprache des jeweiligen Papers: Es ist kein LLM eingerichtet, das sie auf Deutsch schreibt.',
  followsNothing: 'Dieser Digest folgt keinem Thema und keinem Autor, also kann kein Paper passen: abonniere ein Thema, um Paper zu bekommen.',
  noAnnouncement: (holiday) => `Heute keine neue arXiv-Ankündigung (${holiday ? 'arXiv-Feiertag' : 'Wochenende'}): arXiv kündigt sonntags bis donnerstags um 20:00 Uhr US-Ostküstenzeit an.`,
  noneMatched: (stored, since, whose, authorsToo, follows) =>
    `${stored.toLocaleString('de-DE')} Paper seit ${since} gespeichert, keines passte zu ${DE_WHOSE[whose]}${authorsToo ? ' oder gefolgten Autoren' : ''}: ${follows}.`,
  matchedNotNew: (stored, since, whose, matched) =>
    `${stored.toLocaleString('de-DE')} Paper seit ${since} gespeichert; ${matched === 1 ? 'das eine, das' : `die ${matched.toLocaleString('de-DE')}, die`} zu ${DE_WHOSE[whose]} ${matched === 1 ? 'passte, war' : 'passten, waren'} schon in früheren Digests oder unter der Mindestpunktzahl eines Abos.`,
  unsentDigest: (n, at) =>
    `${n === 1 ? 'Eines davon wartet' : `${n.toLocaleString('de-DE')} davon warten`} im Digest von ${at}, der noch nicht ganz gesendet ist: der nächste Digest-Lauf versucht es erneut, und nichts wird doppelt gepostet.`,
  nothingStored: 'In diesem Fenster wurde gar kein Paper gespeichert: kein Import lief, oder keiner fand etwas Neues.',
  ingestFailed: (source, at, partly, why) => `Der letzte Paper-Import (${source}, ${at}) ist ${partly ? 'teilweise ' : ''}fehlgeschlagen${why}; bis einer gelingt, können Paper fehlen.`,
  lateArrivals: (n, many, at, next) =>
    `${many ? 'Mehr als 1.000' : n} Paper ${n === 1 && !many ? 'kam' : 'kamen'} nach ${at} an, als das Fenster dieses Digests schon geschlossen war; der nächste Digest (${next}) berücksichtigt ${n === 1 && !many ? 'es' : 'sie'}.`,
  moreMatched: (n, kept, whose) => `${n.toLocaleString('de-DE')} weitere${n === 1 ? 's' : ''} Paper ${n === 1 ? 'passte' : 'passten'} zu ${DE_WHOSE[whose]}, über ${kept === 1 ? 'dieses' : `diese ${kept}`} hinaus.`,
};

const fr: DigestWords = {
  digest: 'Digest Paperboy',
  newPapers: (n) => (n === 1 ? '1 nouvelle publication' : `${n.toLocaleString('fr-FR')} nouvelles publications`),
  headline: (n, topics) => `Digest Paperboy : ${n.toLocaleString('fr-FR')} nouvelle${n === 1 ? '' : 's'} publication${n === 1 ? '' : 's'} sur ${topics}`,
  nothingNew: (since, whose) => `Aucune nouvelle publication sur ${FR_SUR[whose]} depuis ${since}.`,
  inThread: 'réponses dans le fil',
  why: 'Pourquoi',
  open: 'Ouvrir',
  pdf: 'PDF',
  save: '🔖 Enregistrer',
  untranslated: () => "Les résumés sont dans la langue de chaque publication : aucun LLM n'est configuré pour les écrire en français.",
  followsNothing: 'Ce digest ne suit aucun sujet ni aucun auteur : aucune publication ne peut correspondre. Abonnez-le à un sujet pour recevoir des publications.',
  noAnnouncement: (holiday) => `Pas de nouvelle annonce arXiv aujourd'hui (${holiday ? 'jour férié arXiv' : 'week-end'}) : arXiv publie du dimanche au jeudi à 20 h, heure de l'Est des États-Unis.`,
  noneMatched: (stored, since, whose, authorsToo, follows) =>
    `${stored.toLocaleString('fr-FR')} publication${stored === 1 ? '' : 's'} ${stored === 1 ? 'enregistrée' : 'enregistrées'} depuis ${since}, aucune ne correspond ${FR_WHOSE[whose]}${authorsToo ? ' ni aux auteurs suivis' : ''} : ${follows}.`,
  matchedNotNew: (stored, since, whose, matched) =>
    `${stored.toLocaleString('fr-FR')} publication${stored === 1 ? '' : 's'} ${stored === 1 ? 'enregistrée' : 'enregistrées'} depuis ${since} ; ${matched === 1 ? 'celle qui correspondait' : `les ${matched.toLocaleString('fr-FR')} qui correspondaient`} ${FR_WHOSE[whose]} ${matched === 1 ? 'était' : 'étaient'} déjà dans des digests précédents ou sous le score minimal d'un abonnement.`,
  unsentDigest: (n, at) =>
    `${n === 1 ? 'Une d’entre elles attend' : `${n.toLocaleString('fr-FR')} d’entre elles attendent`} dans le digest du ${at}, pas encore entièrement envoyé : le prochain passage le réessaie, et rien n'est publié deux fois.`,
  nothingStored: "Aucune publication n'a été enregistrée dans cette fenêtre : aucune importation n'a eu lieu, ou aucune n'a trouvé de nouvelle publication.",
  ingestFailed: (source, at, partly, why) => `La dernière importation de publications (${source}, ${at}) a ${partly ? 'partiellement ' : ''}échoué${why} ; des publications peuvent manquer jusqu'à ce qu'une importation réussisse.`,
  lateArrivals: (n, many, at, next) =>
    `${many ? 'Plus de 1 000' : n} publication${n === 1 && !many ? '' : 's'} ${n === 1 && !many ? 'est arrivée' : 'sont arrivées'} après ${at}, à la fermeture de la fenêtre de ce digest ; le prochain digest (${next}) ${n === 1 && !many ? "l'inclura" : 'les inclura'}.`,
  moreMatched: (n, kept, whose) =>
    `${n.toLocaleString('fr-FR')} autre${n === 1 ? '' : 's'} publication${n === 1 ? '' : 's'} ${n === 1 ? 'correspondait' : 'correspondaient'} ${FR_WHOSE[whose]}, en plus de ${kept === 1 ? 'celle-ci' : `ces ${kept}`}.`,
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

/**
 * Text analysis shared by the matcher, feedback learning and search: normalisation, a
 * light English stemmer and n-gram/proximity keys.
 *
 * Why a hand-written light stemmer: Porter-style stemmers conflate words that mean different
 * things in this domain ("tokenizer" -> "token", "generation"/"general" -> "gener"), which turns
 * "visual token pruning" into evidence for "visual tokenizer". This one only folds inflections
 * and a few derivations that keep the meaning (compression/compressed, retrieval/retrieved).
 */
import { foldDiacritics } from '../diacritics.js';

const STOPWORDS = new Set(
  (
    'a an and are as at be been by can do does for from has have how in into is it its ' +
    'of on or our than that the their them these this those to under via was we were ' +
    'what when where which while who whose why will with within without up out ' +
    'new also both each such more most less very not no only any all can may ' +
    'between across per upon about after before among then there here so one two three'
  ).split(' '),
);

/** Stems by word (see `stem`); declared before the word lists below, which are stemmed on load. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/**
 * Adjectives in -ive that mean something else than their root: an "effective" method is no
 * "effect", a training "objective" no "object", "relative" no "related", a "representative"
 * sample no "representation". Every abstract says some of them, so a topic on causal effects,
 * object detection or representation learning met them everywhere.
 */
const OWN_IVE = new Set(['effective', 'objective', 'relative', 'passive', 'positive', 'negative', 'representative', 'progressive', 'informative', 'productive', 'responsive', 'subjective', 'expensive', 'decisive', 'creative', 'narrative', 'alternative', 'offensive', 'expansive', 'massive', 'sensitive', 'intensive', 'extensive', 'exclusive', 'inclusive', 'conservative', 'executive', 'initiative', 'incentive', 'perspective', 'primitive', 'competitive', 'attractive', 'defective', 'detective', 'directive', 'elective', 'impressive', 'lucrative', 'abusive', 'comprehensive', 'substantive']);

/**
 * Words whose -ed is their own, not a past tense: cut, 'speed' read as 'spee' and never met
 * 'speeding' ('speed'), and 'embed' never met 'embedding'.
 */
const ED_ROOTS = new Set(['speed', 'exceed', 'proceed', 'succeed', 'embed', 'indeed', 'bleed', 'breed', 'greed', 'shred']);

/**
 * Fields named in -ics, whose adjective in -ical is the same subject ("physical reasoning" is
 * reasoning about physics, "statistical" is of statistics). Not every -ical: "critical" is no
 * critic, "typical" no type, "practical" no practice.
 */
const ICS_FIELDS = new Set(['physics', 'mathematics', 'statistics', 'mechanics', 'dynamics', 'kinematics', 'optics', 'acoustics', 'ethics', 'economics', 'politics', 'linguistics', 'electronics', 'logistics', 'analytics', 'genomics']);

/** Words too common in abstracts to count as evidence on their own. */
export const GENERIC_WORDS = new Set(
  (
    'model models method methods approach approaches paper propose proposed present show shows ' +
    'result results task tasks data dataset datasets performance state novel framework ' +
    'learning learn learned train training trained large small existing prior work improve ' +
    'improves improved improvement achieve achieves significant significantly experiment ' +
    'experiments evaluation evaluate demonstrate introduce study analysis benchmark benchmarks ' +
    'efficient effective effectively better best high low first different various several ' +
    'system systems problem problems network networks neural deep baseline baselines research'
  )
    .split(' ')
    .map((w) => stem(w)),
);

/**
 * Words of how a person puts a topic, never of its subject: pronouns, "once", "but", "just".
 * Not stopwords, since papers' phrases keep them, but a topic's word a paper must speak to is
 * never one of them ("AI that outlines objects in pictures you describe" needs no paper saying
 * "you"), nor one a topic is read by against the vocabulary's descriptions ("confident but
 * false answers" is no concept whose description says "but"). Words as typed, not stems: the
 * stem of "mining" is "mine", and "still images" or "us" (US) are subjects.
 */
const FUNCTION_WORDS = new Set(
  (
    'i me my you your yours he him his she her hers they their theirs ourselves yourself ' +
    'themselves itself myself someone somebody anyone everyone something anything everything ' +
    'nothing but yet once around just really even too quite rather already always never ever ' +
    'often sometimes usually else maybe perhaps actually basically simply goes going went gone ' +
    'doing did done does many much every being please pls plz thanks thank thx'
  ).split(' '),
);
const FUNCTION_WORD = new RegExp(`(?<![\\p{L}\\p{N}'\u2019\u02bc-])(?:${[...FUNCTION_WORDS].join('|')})(?:['\u2019\u02bc](?:s|re|ve|ll|d|m))?(?![\\p{L}\\p{N}'\u2019\u02bc-])`, 'giu');

/** Whether a raw lower-case word is a function word (FUNCTION_WORDS). */
export const isFunctionWord = (word: string): boolean => FUNCTION_WORDS.has(word);

/** The text with its function words blanked out, punctuation and all else kept. */
export function withoutFunctionWords(text: string): string {
  return text.replace(FUNCTION_WORD, ' ');
}

/**
 * Verbs that carry the grammar of a plain-language topic, not its subject: "getting AI to do
 * research", "making generators faster", "helping doctors read scans". Rare in abstracts, so
 * their IDF would make them the aspect every match has to cover; shared with a gloss
 * ("making preference labels cheaper"), they say nothing about the concept.
 */
export const LIGHT_VERBS = new Set(['get', 'getting', 'make', 'made', 'let', 'letting', 'help', 'helping', 'keep', 'keeping', 'turn', 'turning', 'give', 'giving', 'take', 'taking', 'put', 'putting'].map(stem));

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Lower-case, compatibility-normalised, markup and accents folded. */
export function normalizeText(text: string): string {
  return foldDiacritics(text)
    .toLowerCase()
    .replace(/&amp;/g, '&')
    .replace(/<[^>]{0,200}>/g, ' ');
}

/** A word goes on through combining marks: Devanagari vowel signs, kana voicing ('कोड' is one word, not 'क' and 'ड'). */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** Raw lower-case words (no stemming, stopwords kept). */
export function words(text: string): string[] {
  return withoutContractions(normalizeText(text)).match(WORD) ?? [];
}

/**
 * "they're", "AI's", "can't": the apostrophe split them into a word and a stray 're', 's' or
 * 't', which a topic then had to find in papers ("shrinking AI models so they're cheaper").
 */
function withoutContractions(text: string): string {
  if (!/['\u2018\u2019\u02bc]/.test(text)) return text;
  const full: Record<string, string> = { ca: 'can', wo: 'will', ai: 'is', sha: 'shall' };
  return text
    .replace(/\b(ca|wo|ai|sha)n['\u2018\u2019\u02bc]t\b/g, (_m, w: string) => `${full[w]} not`)
    .replace(/n['\u2018\u2019\u02bc]t\b/g, ' not')
    .replace(/([\p{L}\p{N}])['\u2018\u2019\u02bc](?:s|re|ve|ll|d|m)\b/gu, '$1');
}

function hasVowel(s: string): boolean {
  return /[aeiouy]/.test(s);
}

/**
 * Light stemmer: inflections plus meaning-preserving derivations. Words repeat (a few thousand
 * make up most of every abstract) and every paper's words are stemmed, so results are kept.
 */
export function stem(word: string): string {
  let out = stemCache.get(word);
  if (out === undefined) {
    const own = ownString(word);
    out = stemWord(own);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(own, out);
  }
  return out;
}

/**
 * The string as one of its own. A word matched out of a text (`words`) is, from 13 characters
 * on, a slice that keeps the whole text alive in V8 (and a string joined from such words, a
 * rope holding it); shorter ones are always copies. Kept in the stem cache (and, through the
 * stem sliced from it, in every corpus and feature list holding that stem), each distinct long
 * word held a whole abstract: tens of megabytes after a backfill, up to the cache's bound.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : s.split('').join('');
}

function stemWord(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (ED_ROOTS.has(w)) return w;
  if (w.endsWith('s') && ED_ROOTS.has(w.slice(0, -1))) return w.slice(0, -1);
  w = americanSpelling(w);
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  // 'fixes', 'boxes': the plural of a word in -x is -xes; 'fixe' never met the 'fix' of a bug fix.
  else if (w.endsWith('xes')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith('ization')) w = `${w.slice(0, -7)}ize`;
  else if (w.endsWith('isation')) w = `${w.slice(0, -7)}ize`;
  else if (w.endsWith('izer')) w = w.slice(0, -1);
  else if (w.endsWith('ssion')) w = w.slice(0, -3);
  // A noun in -sion and its -sual adjective or -sed participle name one thing ('vision' and
  // 'visual' cues, 'supervision' and 'supervised'): both fold to the bare root.
  else if (/[aeiou]sion$/.test(w) && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('sual') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ation') && w.length > 7) w = `${w.slice(0, -5)}ate`;
  else if (w.endsWith('ieval')) w = w.slice(0, -2);
  else if (w.endsWith('ive') && w.length > 6 && !OWN_IVE.has(w)) w = w.slice(0, -3);
  else if (w.endsWith('ing') && w.length > 5 && hasVowel(w.slice(0, -3))) w = unsuffixed(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4 && hasVowel(w.slice(0, -2))) w = unsuffixed(w.slice(0, -2));

  if (w.endsWith('ical') && ICS_FIELDS.has(`${w.slice(0, -2)}s`)) w = w.slice(0, -2);
  if (w.endsWith('ise')) w = `${w.slice(0, -3)}ize`;
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/**
 * British spellings read as American ones, so "behaviour", "modelling" and "analyse" meet
 * "behavior", "modeling" and "analyze" (in topics and in papers alike).
 */
function americanSpelling(w: string): string {
  if (w.length <= 5) return w;
  return w
    .replace(/([ilvbm])our(?=(?:s|al|ally|ed|ing|ful|ite|ites)?$)/, '$1or')
    .replace(/([a-z])ys(?=(?:e|ed|es|ing|er|ers)$)/, '$1yz')
    .replace(/([aeiou][a-z]*)ell(?=(?:ing|ed|er|ers)$)/, '$1el')
    .replace(/([tb])re(?=[sd]?$)/, '$1er');
}

/**
 * A lower-case word as American English spells it, for telling names apart: "tokenisers" is
 * "tokenizers", "modelling" "modeling", "optimisation" "optimization". Both sides of a comparison
 * are read so: -ise words that are not -ize ones ("noise") are read as "noize" on both.
 */
export function americanWord(w: string): string {
  return americanSpelling(w).replace(/(?<=[a-z]{3})is(?=(?:e|es|ed|er|ers|ing|ation|ations)$)/, 'iz');
}

function undouble(w: string): string {
  return /([b-df-hj-km-np-rtv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

/**
 * What is left of a word without its -ing or -ed. Three-letter stems belong to three-letter
 * words, mostly abbreviations (SAM, GAT, RAG): 'gated' or 'making' cut to 'gat' or 'mak'
 * would read as one, so a three-letter rest gets back its 'e' ('gate', 'make'), as the words
 * themselves keep it. A doubled consonant ('running') says the rest is a word of its own.
 */
function unsuffixed(rest: string): string {
  const single = undouble(rest);
  // 'mak' was 'make'; a root in w, x or y never ended in e ('fixing' is 'fix', as Porter's rule has it).
  return single === rest && rest.length === 3 && !/[wxy]$/.test(rest) ? `${rest}e` : single;
}

/** Stems of the content words, in order (stopwords dropped so "compression of the cache" is adjacent). */
export function contentStems(text: string): string[] {
  return stemsOf(text, false);
}

/** Stems of the words that are not stopwords (and 'to' when `keepTo`), "state of the art" left out. */
function stemsOf(text: string, keepTo: boolean): string[] {
  const out: string[] = [];
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (keepTo && w === 'to') out.push(w);
    else if (w === 'art' && stateOfTheArt(ws, i)) out.pop();
    else if (w === 'fold' && i > 0 && MULTIPLIER.test(ws[i - 1]!)) continue;
    else if (!STOPWORDS.has(w)) out.push(stem(w));
  }
  return out;
}

/**
 * "10.9-fold", "5-fold cross-validation", "ten-fold": a multiplier or a data split, never
 * folding (of proteins, of clothes), so its 'fold' is no word of a subject.
 */
const MULTIPLIER = /^(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand|k|n)$/;

/**
 * Whether the 'art' at `i` ends "state of the art" ("state-of-art", "state of art"): it says
 * how good a result is, not what a paper is about, so the phrase is dropped (its 'state' is
 * the stem before it) and 'art' can be a topic's own word ("AI art generation").
 */
function stateOfTheArt(ws: readonly string[], i: number): boolean {
  let j = i - 1;
  if (ws[j] === 'the') j--;
  if (ws[j] === 'of') j--;
  return j < i - 1 && ws[j] === 'state';
}

/**
 * Stems as a concept's name is compared with what a person types: content stems, and 'to',
 * so "text in images" does not name text-to-image generation while "text-to-image" does.
 */
export function nameStems(text: string): string[] {
  return stemsOf(text, true);
}

/**
 * Stems of the text's -ing words: "editing images" says what "image editing" says, the verb
 * before its object instead of the noun after it.
 */
export function gerundStems(text: string): Set<string> {
  return new Set(words(text).filter((w) => w.endsWith('ing') && w.length > 5).map(stem));
}

/** Where a list of alternatives splits: "image and video editing", "RAG, agents / tools". */
export const LIST_SPLIT = /\b(?:and|or|versus|vs)\b|[,;:/&|()]+/i;

/**
 * The phrases a text says: runs of words split at "and", "or" and punctuation, so "image and
 * video editing" says 'video editing' and, by the usual ellipsis, 'image editing' — not
 * 'image video'. "A and B C" lends C to A; "X Y and Z" lends X to Z ("speech recognition and
 * synthesis"). `isContent` tells the words that count for the ellipsis.
 */
export function phraseRuns(text: string, toStems: (segment: string) => string[], isContent: (stem: string) => boolean): string[][] {
  const split = text.split(LIST_SPLIT).map(toStems).filter((s) => s.length);
  const runs = [...split];
  const content = split.map((seg) => seg.filter(isContent));
  for (let i = 0; i + 1 < split.length; i++) {
    const [left, right] = [content[i]!, content[i + 1]!];
    if (left.length === 1 && right.length >= 2) runs.push([left[0]!, right[1]!]);
    else if (left.length === 2 && right.length === 1) runs.push([left[0]!, right[0]!]);
  }
  return runs;
}

export const MAX_NGRAM = 4;
/** Words within this distance count as "near" for proximity evidence. */
export const PROXIMITY_WINDOW = 4;

/** Every n-gram (1..MAX_NGRAM) of a stem sequence, space-joined. */
export function ngramSet(stems: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < stems.length; i++) {
    let key = '';
    for (let n = 0; n < MAX_NGRAM && i + n < stems.length; n++) {
      key = n === 0 ? stems[i]! : `${key} ${stems[i + n]}`;
      out.add(key);
    }
  }
  return out;
}

/** Unordered pairs of stems that occur within PROXIMITY_WINDOW of each other. */
export function nearPairs(stems: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < stems.length; i++) {
    for (let j = i + 1; j <= i + PROXIMITY_WINDOW && j < stems.length; j++) {
      out.add(pairKey(stems[i]!, stems[j]!));
    }
  }
  return out;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

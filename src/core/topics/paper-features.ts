/** A paper analysed once for matching against any number of topics. */
import { readableTex } from '../papers/tex.js';
import { contentStems, isStopword, nearPairs, ngramSet, ownString, stem, words } from './text.js';

/** What the matcher needs of a paper (a stored Paper satisfies it). */
export interface MatchablePaper {
  arxivId: string;
  title: string;
  abstract: string;
  aiKeywords?: readonly string[];
  categories?: readonly string[];
  aiSummary?: string | null;
  upvotes?: number | null;
}

export type Field = 'title' | 'keywords' | 'abstract';
export const FIELDS: readonly Field[] = ['title', 'keywords', 'abstract'];

/** Titles say what a paper is about; author keywords nearly so; abstracts also mention context. */
export const FIELD_FACTOR: Record<Field, number> = { title: 1.5, keywords: 1.3, abstract: 1 };

export interface FieldFeatures {
  grams: Set<string>;
  pairs: Set<string>;
  /** Original text, to quote the paper's own words in explanations. */
  text: string;
}

export interface PaperFeatures {
  arxivId: string;
  fields: Record<Field, FieldFeatures>;
  categories: readonly string[];
  upvotes: number | null;
}

function featuresOf(text: string): FieldFeatures {
  const stems = contentStems(text);
  return { grams: ngramSet(stems), pairs: nearPairs(stems), text };
}

/** Keywords are separate phrases: n-grams and pairs must not span two of them. */
function featuresOfPhrases(phrases: readonly string[]): FieldFeatures {
  const out: FieldFeatures = { grams: new Set(), pairs: new Set(), text: phrases.join(' ; ') };
  for (const p of phrases) {
    const f = featuresOf(p);
    for (const g of f.grams) out.grams.add(g);
    for (const q of f.pairs) out.pairs.add(q);
  }
  return out;
}

export function analyzePaper(paper: MatchablePaper): PaperFeatures {
  const abstract = paper.aiSummary ? `${paper.abstract}\n${paper.aiSummary}` : paper.abstract;
  // Matched as read, as corpus.ts docFields reads it.
  return {
    arxivId: paper.arxivId,
    fields: { title: featuresOf(readableTex(paper.title)), keywords: featuresOfPhrases(paper.aiKeywords ?? []), abstract: featuresOf(readableTex(abstract)) },
    categories: paper.categories ?? [],
    upvotes: paper.upvotes ?? null,
  };
}

/** True if the stem sequence occurs (as a phrase) in any field. */
export function hasPhrase(f: PaperFeatures, stems: readonly string[]): boolean {
  return hasKey(f, stems.join(' '));
}

/** True if the space-joined stem sequence occurs in any field. */
export function hasKey(f: PaperFeatures, key: string): boolean {
  return f.fields.title.grams.has(key) || f.fields.keywords.grams.has(key) || f.fields.abstract.grams.has(key);
}

interface Tokens {
  all: string[];
  /** Positions of content words in `all`. */
  content: number[];
  stemmed: string[];
}

/** The last texts tokenised: an explanation quotes the same abstract several times. */
const tokenCache = new Map<string, Tokens>();

function tokensOf(text: string): Tokens {
  let t = tokenCache.get(text);
  if (!t) {
    const all = words(text);
    const content: number[] = [];
    all.forEach((w, i) => {
      if (!isStopword(w)) content.push(i);
    });
    t = { all, content, stemmed: content.map((i) => stem(all[i]!)) };
    if (tokenCache.size > 32) tokenCache.clear();
    tokenCache.set(text, t);
  }
  return t;
}

/**
 * The paper's own words for a matched stem sequence ("compression of the KV cache" for
 * 'kv cache compression'); falls back to the stems when the words are not adjacent. A string of
 * its own (ownString): a match's reason quoting one long word ('hallucination') otherwise kept
 * the paper's whole text alive as long as the reason, and a digest keeps every match's reason.
 */
export function surfaceForm(text: string, stems: readonly string[], exact: boolean): string {
  const { all, content, stemmed } = tokensOf(text);
  if (exact) {
    for (let i = 0; i + stems.length <= stemmed.length; i++) {
      if (stems.every((s, j) => stemmed[i + j] === s)) return ownString(all.slice(content[i]!, content[i + stems.length - 1]! + 1).join(' '));
    }
  }
  const found = stems.map((s) => {
    const k = stemmed.indexOf(s);
    return k < 0 ? s : all[content[k]!]!;
  });
  return ownString(found.join(' … '));
}

/**
 * Two words said near each other, in any order (a proximity clause), as the paper wrote them
 * and in its order: the closest pair of occurrences (a string of its own, as surfaceForm's).
 * Null when the text lacks one of them.
 */
export function nearForm(text: string, a: string, b: string): string | null {
  const { all, content, stemmed } = tokensOf(text);
  let lastA = -1;
  let lastB = -1;
  let best: [number, number] | null = null;
  stemmed.forEach((s, k) => {
    if (s === a) lastA = k;
    else if (s === b) lastB = k;
    else return;
    if (lastA >= 0 && lastB >= 0 && (!best || Math.abs(lastA - lastB) < best[1] - best[0])) best = [Math.min(lastA, lastB), Math.max(lastA, lastB)];
  });
  if (best === null) return null;
  const [i, j]: [number, number] = best;
  return ownString(`${all[content[i]!]!} … ${all[content[j]!]!}`);
}

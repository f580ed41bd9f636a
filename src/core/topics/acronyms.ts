/**
 * Acronyms the papers define themselves: "Retrieval-Augmented Generation (RAG)",
 * "multimodal large language models (MLLMs)", "Mixture-of-Experts (MoE)". A topic that says
 * either form then also finds papers that only use the other. Mined from the corpus, so the
 * field's newest abbreviations are learned as they appear.
 */
import type { MatchablePaper } from './paper-features.js';
import { contentStems, isStopword, normalizeText, stem } from './text.js';

const PARENTHESISED = /\(\s*([A-Za-z][A-Za-z0-9]{1,9})\s*\)/g;
/** How far before "(ACRO)" the long form may start. */
const LOOK_BACK = 120;

/** Aligns the acronym's letters with the initials of the words before it (stopwords may be skipped). */
function longForm(words: readonly string[], acronym: string): string[] | null {
  const letters = acronym.replace(/s$/, '').toLowerCase().replace(/[^a-z]/g, '');
  if (letters.length < 2) return null;
  let w = words.length - 1;
  let matchedWords = 0;
  for (let l = letters.length - 1; l >= 0; l--) {
    while (w >= 0 && words[w]![0] !== letters[l] && isStopword(words[w]!)) w--;
    if (w < 0 || words[w]![0] !== letters[l]) return null;
    // A word may give several leading letters ("GraphRAG", "BERT" from "Bidirectional Encoder").
    matchedWords++;
    w--;
  }
  const start = w + 1;
  const span = words.slice(start);
  return matchedWords >= 2 && span.length <= letters.length + 2 ? span : null;
}

const definitionsCache = new WeakMap<MatchablePaper, Array<[string, string]>>();

/**
 * The abbreviations a paper defines, as [abbreviation stem, long-form stems joined by spaces].
 * Cached per paper: building a corpus reads them twice (its fields, then the corpus's acronyms).
 */
export function definitionsIn(paper: MatchablePaper): Array<[string, string]> {
  let cached = definitionsCache.get(paper);
  if (!cached) definitionsCache.set(paper, (cached = findDefinitions(paper)));
  return cached;
}

function findDefinitions(paper: MatchablePaper): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const text of [paper.title, paper.abstract]) {
    for (const m of text.matchAll(PARENTHESISED)) {
      const acronym = m[1]!;
      if ((acronym.match(/[A-Z]/g) ?? []).length < 2) continue;
      const before = text.slice(Math.max(0, m.index - LOOK_BACK), m.index);
      const words = normalizeText(before).split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(-10);
      const span = longForm(words, acronym);
      if (!span) continue;
      const long = contentStems(span.join(' ')).join(' ');
      const short = stem(acronym.toLowerCase());
      if (!long || long === short || !long.includes(' ')) continue;
      out.push([short, long]);
    }
  }
  return out;
}

/** How often each long form was defined for each abbreviation: abbreviation stem -> long form -> papers. */
export type DefinitionCounts = Map<string, Map<string, number>>;

/** Adds the papers' definitions to `counts` (the search index learns them paper by paper). */
export function countDefinitions(papers: readonly MatchablePaper[], counts: DefinitionCounts = new Map()): DefinitionCounts {
  for (const p of papers) {
    for (const [short, long] of definitionsIn(p)) {
      const forShort = counts.get(short) ?? new Map<string, number>();
      forShort.set(long, (forShort.get(long) ?? 0) + 1);
      counts.set(short, forShort);
    }
  }
  return counts;
}

export function mineAcronyms(papers: readonly MatchablePaper[]): Map<string, string[]> {
  return linkAcronyms(countDefinitions(papers));
}

/** Abbreviation <-> long form, both directions, from counted definitions. */
export function linkAcronyms(counts: DefinitionCounts): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = out.get(a) ?? [];
    if (!list.includes(b)) list.push(b);
    out.set(a, list);
  };
  for (const [short, longs] of counts) {
    // The two most frequent long forms: an acronym seldom means more than that at one time.
    const top = [...longs].sort((x, y) => y[1] - x[1]).slice(0, 2);
    for (const [long] of top) {
      link(short, long);
      link(long, short);
    }
  }
  return out;
}

/**
 * The BM25 score of a paper outside the in-memory index (an archive hit), by the index's formula,
 * weights and corpus statistics (term-scorer.ts), so that the window's and the archive's hits
 * are ranked on one scale.
 */
import { aliasFrequency } from './acronym-aliases.js';
import { FUZZY_WEIGHT, PREFIX_WEIGHT, bm25Idf, bm25Part } from './bm25-params.js';
import type { FieldFreqs, TermData } from './minisearch-internals.js';
import type { OutsideDoc, ScoreOptions, WordSpec } from './score-types.js';

/** What the index knows of its corpus (every paper, the archive's included). */
export interface CorpusStats {
  fieldIds: Record<string, number>;
  docTotal(): number;
  avgLength(fieldId: number): number;
  /** Documents holding `term` in a field (its posting list in the index: `list`), the paper scored included. */
  df(term: string, list: FieldFreqs | undefined, fieldId: number): number;
  termData(term: string): TermData | undefined;
}

/** The weight a term of a paper gets as a variant of query word `w` (0: none), as `variants` weighs index terms. */
function variantWeight(w: WordSpec, term: string, maxFuzzy: number): number {
  if (term === w.term) return 1;
  const distance = term.length - w.term.length;
  if (w.prefix && distance > 0 && term.startsWith(w.term)) return (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance);
  if (!w.fuzzy) return 0;
  const max = w.fuzzy < 1 ? Math.min(maxFuzzy, Math.round(w.term.length * w.fuzzy)) : w.fuzzy;
  const d = max ? levenshtein(w.term, term, max) : Infinity;
  return d > 0 && d <= max ? (FUZZY_WEIGHT * term.length) / (term.length + d) : 0;
}

/** The paper's terms that count as some query word (alias long forms as written): those whose document frequencies its score reads. */
export function matchingTerms(opts: ScoreOptions, doc: OutsideDoc): string[] {
  const out = new Set<string>();
  for (const w of opts.words) {
    for (const terms of doc.terms) for (const term of terms.keys()) if (variantWeight(w, term, opts.maxFuzzy)) out.add(term);
    for (const alias of w.also ?? []) out.add(alias.term);
  }
  return [...out];
}

export function scoreOutsideDoc(stats: CorpusStats, opts: ScoreOptions, doc: OutsideDoc): number {
  const and = opts.combineWith === 'AND';
  const total = stats.docTotal();
  let sum = 0;
  let matched = 0;
  for (const w of opts.words) {
    let s = 0;
    for (const [name, f] of Object.entries(stats.fieldIds)) {
      const terms = doc.terms[f];
      if (!terms) continue;
      const boost = opts.boost[name] ?? 1;
      const length = doc.lengths[f] ?? 0;
      const part = (term: string, listed: FieldFreqs | undefined, tf: number): number => {
        return bm25Part(bm25Idf(total, stats.df(term, listed, f)), tf, length, stats.avgLength(f));
      };
      for (const [term, tf] of terms) {
        const weight = variantWeight(w, term, opts.maxFuzzy);
        if (weight) s += weight * boost * part(term, stats.termData(term)?.get(f), tf);
      }
      for (const alias of w.also ?? []) {
        const tf = aliasFrequency(alias.term, terms);
        if (tf > 0 && variantWeight(w, alias.term, opts.maxFuzzy) === 0) s += alias.weight * boost * part(alias.term, alias.data.get(f), tf);
      }
    }
    if (s > 0) matched++;
    else if (and) return 0;
    sum += s;
  }
  return sum * matched;
}

/** Levenshtein distance, as MiniSearch's fuzzy search counts it; past `max` any larger number. */
function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * A query's abbreviations and long forms searched as each other: "MLLM" also finds papers that
 * only say "multimodal large language models", "key-value cache" papers that only say "KV cache".
 * The pairs are the ones papers define themselves ("multimodal large language models (MLLMs)"),
 * learned by the index from the papers it reads (acronyms.ts, as topic matching learns them).
 *
 * In the in-memory index an alias is one more variant of a query word, as a prefix or a typo is:
 *  - an abbreviation's variant is the documents holding every word of its long form in one field
 *    (tf: the word there least often), weighted low: most papers say both;
 *  - each word of a long form the query spells out gets the abbreviation as a variant, weighted
 *    by its share of the long form, so a paper saying only "MLLM" scores about as one saying the
 *    words once.
 * Words are compared by stem (text.ts), as the definitions are stored.
 */
import { isStopword, stem } from '../topics/text.js';
import type { FieldFreqs, RadixIndex, TermData } from './minisearch-internals.js';
import type { Alias } from './score-types.js';

/**
 * An abbreviation's long form beside the abbreviation itself (bench:search-quality: 1 lifted
 * papers that repeat "large language models" beside "LLM" over better ones; 0.15-0.6 the same
 * within 0.005, 0.3 best).
 */
const LONG_FORM_WEIGHT = 0.3;

/** Abbreviation stem <-> long form (space-joined stems), both directions (linkAcronyms). */
export type AcronymPairs = ReadonlyMap<string, readonly string[]>;

/** How every word of a stem begins: the stem, but for -y from -ies ("polic" for "policy", "policies"; "key" stays). */
const beginning = (s: string) => (s.length > 4 && s.endsWith('y') ? s.slice(0, -1) : s);

/** The index's terms whose stem is `s` ("models", "modeling" for "model"; "mllms" for "mllm"). */
function termsOfStem(index: RadixIndex, s: string): Array<[string, TermData]> {
  const from = beginning(s);
  const out: Array<[string, TermData]> = [];
  for (const [term, data] of index.atPrefix(from)) if (term === s || stem(term) === s) out.push([term, data]);
  return out;
}

/** Documents holding every stem of `long` in one field, tf the smallest count there. */
function longFormData(index: RadixIndex, long: string): TermData | null {
  const stems = long.split(' ');
  const byField = new Map<number, FieldFreqs[]>();
  for (const [i, s] of stems.entries()) {
    const merged = new Map<number, FieldFreqs>();
    for (const [, data] of termsOfStem(index, s)) {
      for (const [field, freqs] of data) {
        const into = merged.get(field) ?? new Map<number, number>();
        for (const [doc, tf] of freqs) into.set(doc, (into.get(doc) ?? 0) + tf);
        merged.set(field, into);
      }
    }
    for (const [field, freqs] of merged) {
      const lists = byField.get(field) ?? [];
      if (lists.length === i) lists.push(freqs);
      byField.set(field, lists);
    }
    // A field missing one stem holds no document with all of them.
    for (const [field, lists] of byField) if (lists.length !== i + 1) byField.delete(field);
    if (byField.size === 0) return null;
  }
  const out: TermData = new Map();
  for (const [field, lists] of byField) {
    lists.sort((a, b) => a.size - b.size);
    const both: FieldFreqs = new Map();
    for (const [doc, tf] of lists[0]!) {
      let min = tf;
      for (let k = 1; k < lists.length && min > 0; k++) min = Math.min(min, lists[k]!.get(doc) ?? 0);
      if (min > 0) both.set(doc, min);
    }
    if (both.size) out.set(field, both);
  }
  return out.size ? out : null;
}

/**
 * An alias's term frequency in one field of a paper outside the index (its terms and counts),
 * as the alias's document list counts it: a long form's stems each in the field (the least
 * frequent), an abbreviation as itself.
 */
export function aliasFrequency(alias: string, terms: ReadonlyMap<string, number>): number {
  if (!alias.includes(' ')) return terms.get(alias) ?? 0;
  let min = Infinity;
  for (const s of alias.split(' ')) {
    let tf = 0;
    for (const [term, n] of terms) if (term === s || stem(term) === s) tf += n;
    min = Math.min(min, tf);
  }
  return min === Infinity ? 0 : min;
}

/**
 * Aliases of the query's terms (as the index searches them), by term. `cache` holds the long
 * forms' document lists between queries and must be cleared when the index changes (the
 * scorer caches lists by identity).
 */
export function acronymAliases(terms: readonly string[], pairs: AcronymPairs, index: RadixIndex, cache: Map<string, TermData | null>): Map<string, Alias[]> {
  const out = new Map<string, Alias[]>();
  if (pairs.size === 0) return out;
  const add = (term: string, alias: Alias) => out.set(term, [...(out.get(term) ?? []), alias]);
  const stems = terms.map((t) => (isStopword(t) ? '' : stem(t)));
  for (const [i, term] of terms.entries()) {
    for (const long of pairs.get(stems[i]!) ?? []) {
      if (!long.includes(' ')) continue;
      if (!cache.has(long)) cache.set(long, longFormData(index, long));
      const data = cache.get(long);
      if (data) add(term, { term: long, weight: LONG_FORM_WEIGHT, data });
    }
  }
  // Long forms spelled out in the query: runs of its words' stems, longest first.
  for (let from = 0; from < terms.length; from++) {
    for (let to = terms.length; to > from + 1; to--) {
      const run = stems.slice(from, to);
      if (run.includes('')) continue;
      const shorts = (pairs.get(run.join(' ')) ?? []).filter((s) => !s.includes(' '));
      if (!shorts.length) continue;
      for (const short of shorts) {
        for (const [term, data] of termsOfStem(index, short)) {
          for (const t of terms.slice(from, to)) add(t, { term, weight: 1 / run.length, data });
        }
      }
      from = to - 1;
      break;
    }
  }
  return out;
}

/**
 * The same aliases for the database's full-text index: the query's words as groups of
 * alternatives, each alternative words that must all match (as word beginnings). A word with
 * an abbreviation's long form, or a long form with its abbreviation, has two alternatives.
 */
export function archiveWordGroups(words: readonly string[], pairs: AcronymPairs): string[][][] {
  const tokens = words.flatMap((w) => w.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const stems = tokens.map((t) => (isStopword(t) ? '' : stem(t)));
  const out: string[][][] = [];
  for (let from = 0; from < tokens.length; from++) {
    let run = 0;
    for (let to = tokens.length; to > from + 1 && !run; to--) {
      const key = stems.slice(from, to);
      if (key.includes('')) continue;
      const shorts = (pairs.get(key.join(' ')) ?? []).filter((s) => !s.includes(' '));
      if (shorts.length) {
        out.push([tokens.slice(from, to), ...shorts.map((s) => [s])]);
        run = to - from;
      }
    }
    if (run) {
      from += run - 1;
      continue;
    }
    const longs = (pairs.get(stems[from]!) ?? []).filter((l) => l.includes(' '));
    out.push([[tokens[from]!], ...longs.map((l) => l.split(' ').map(beginning))]);
  }
  return out;
}

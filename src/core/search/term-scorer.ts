/**
 * BM25 scoring straight over MiniSearch's inverted index, with MiniSearch's own formula and
 * weights (so rankings match `mini.search`), but built for a large index:
 *  - each posting list read is copied once into typed arrays holding its BM25 part
 *    (idf x saturated tf), so a query is multiply-adds over arrays, not Map walks;
 *  - top-k queries skip work by upper bounds (MaxScore): a list whose best possible
 *    contribution, plus everything else a document could still collect, stays below the k-th
 *    best score so far is never walked, only probed for documents already in the running;
 *  - the rarest query word is scored first and every further AND word only scores the
 *    documents still in the running;
 *  - only the best `k` documents get stored fields looked up, filters run and `match` built.
 * MiniSearch keeps owning the index (updates, vacuuming, serialisation); this only reads it,
 * through minisearch-internals.ts.
 */
import type MiniSearch from 'minisearch';
import type { OutsideCorpus } from './archive-search.js';
import { internalsOf, type FieldFreqs, type TermData } from './minisearch-internals.js';
import type { OutsideDoc, ScoredDoc, Scorer, ScoreOptions, TopSink, WordSpec } from './score-types.js';
import { FUZZY_WEIGHT, PREFIX_WEIGHT, bm25Idf, bm25Part } from './bm25-params.js';
import { scoreOutsideDoc } from './outside-scorer.js';

export type { OutsideDoc, Scored, ScoredDoc, Scorer, ScoreOptions, TopSink, WordSpec } from './score-types.js';


/** One derived term (exact, prefix or typo variant) of a query word with its weight. */
interface Variant {
  term: string;
  weight: number;
  data: TermData;
}

/** One (term, field) posting list as arrays; `part` is idf x saturated tf, MiniSearch's BM25 before weights. */
interface Postings {
  /** Live documents in the list (discarded ones not yet vacuumed are left out). */
  size: number;
  /** The size of MiniSearch's Map when read: a changed size means the list must be read again. */
  read: number;
  /** The document frequency its idf was computed from (the corpus's may be learnt later). */
  df: number;
  docs: Int32Array;
  part: Float64Array;
  idf: number;
  max: number;
  /** Indexes of the highest parts (seeds the top-k before the walk). */
  peaks: number[];
}

/** A posting list as one query word uses it: with that word's variant weight and the field boost. */
interface List {
  word: number;
  freqs: FieldFreqs;
  p: Postings;
  field: number;
  w: number;
  bound: number;
}

const PEAKS = 16;
/** Postings cached at most (48 MB). */
export const CACHE_POSTINGS = 4_000_000;

/** Postings the cache arena holds for an index whose fields sum to these token counts. */
export function arenaSize(fieldIds: Record<string, number>, tokens: (fieldId: number) => number): number {
  let total = 0;
  for (const id of Object.values(fieldIds)) total += tokens(id);
  // Rounded up to 64k postings, so a few papers more do not re-allocate it after every ingest.
  return Math.min(CACHE_POSTINGS, Math.ceil(total / 65_536) * 65_536);
}

/**
 * Papers of the whole corpus (window and archive) holding `term` in a field, when known (an
 * archive's counts); undefined: the index's own count stands.
 */
export type CorpusDf = (term: string, fieldId: number) => number | undefined;

export function createScorer<T>(mini: MiniSearch<T>, outside: () => OutsideCorpus | null = () => null, corpusDf: CorpusDf = () => undefined): Scorer {
  const m = internalsOf(mini);
  const fieldNames = Object.keys(m._fieldIds);
  const docTotal = (): number => m._documentCount + (outside()?.docs ?? 0);
  // From exact integer sums, not MiniSearch's running average: its rounding depends on the
  // order papers were added, and a hot index must score exactly as an index of every paper.
  const avgLength = (fieldId: number): number => (sumOf(fieldId) + (outside()?.lengths[fieldId] ?? 0)) / Math.max(1, docTotal());

  function variants(w: WordSpec, maxFuzzy: number): Variant[] {
    const out: Variant[] = [];
    const exact = m._index.get(w.term);
    if (exact) out.push({ term: w.term, weight: 1, data: exact });
    let fuzzy: Map<string, [TermData, number]> | undefined;
    if (w.fuzzy) {
      const dist = w.fuzzy < 1 ? Math.min(maxFuzzy, Math.round(w.term.length * w.fuzzy)) : w.fuzzy;
      if (dist) fuzzy = m._index.fuzzyGet(w.term, dist);
    }
    if (w.prefix) {
      for (const [term, data] of m._index.atPrefix(w.term)) {
        const distance = term.length - w.term.length;
        if (!distance) continue;
        fuzzy?.delete(term);
        out.push({ term, weight: (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance), data });
      }
    }
    if (fuzzy) {
      for (const [term, [data, distance]] of fuzzy) {
        if (!distance) continue;
        out.push({ term, weight: (FUZZY_WEIGHT * term.length) / (term.length + distance), data });
      }
    }
    for (const alias of w.also ?? []) if (!out.some((v) => v.data === alias.data)) out.push(alias);
    return out;
  }

  // Field lengths as dense arrays (a Map lookup per posting dominated scoring); rebuilt
  // lazily after any index change.
  let lengthCache: Float64Array[] | null = null;
  let lengthSums: number[] = [];
  const sumOf = (fieldId: number): number => (fieldLengths(fieldId), lengthSums[fieldId]!);
  function fieldLengths(fieldId: number): Float64Array {
    if (!lengthCache) {
      const size = m._nextId + 1;
      lengthCache = fieldNames.map(() => new Float64Array(size));
      for (const [doc, lens] of m._fieldLength) for (let f = 0; f < lens.length; f++) lengthCache[f]![doc] = lens[f] ?? 0;
      lengthSums = lengthCache.map((lens) => lens.reduce((a, b) => a + b, 0));
    }
    return lengthCache[fieldId]!;
  }

  const partOf = (idf: number, fieldId: number, doc: number, tf: number): number => bm25Part(idf, tf, fieldLengths(fieldId)[doc] ?? 0, avgLength(fieldId));

  // Keyed by MiniSearch's own Map, so a list replaced or vacuumed (its size changes: vacuuming
  // only removes) is read again; any add or discard clears the whole cache (idf and lengths move).
  // Cached lists live in one arena allocated once: a fresh buffer per list made V8 run full
  // collections of the whole (large) heap for the external memory.
  let cache = new WeakMap<FieldFreqs, Postings>();
  let docArena = new Int32Array(0);
  let partArena = new Float64Array(0);
  let used = 0;
  function clearCache(): void {
    cache = new WeakMap();
    used = 0;
  }
  // Never below the index's own count: the archive's tokeniser may split a word the index keeps whole.
  const dfOf = (term: string, fieldId: number, own: number): number => Math.max(own, corpusDf(term, fieldId) ?? 0);
  const cachedOf = (freqs: FieldFreqs, fieldId: number, term: string): Postings | undefined => {
    const hit = cache.get(freqs);
    return hit && hit.read === freqs.size && hit.df === dfOf(term, fieldId, hit.size) ? hit : undefined;
  };
  /**
   * Sized to the index, not to the cap: a hot window of a few thousand papers has well under a
   * million postings, and a fixed 48 MB arena was most of the search worker's idle memory.
   * The index's token count bounds its live postings (a word counts once per paper and field).
   * Re-sized only when the cache is empty (after an index change), so cached lists never move.
   */
  function arena(): void {
    if (used > 0) return;
    const want = arenaSize(m._fieldIds, sumOf);
    if (want !== docArena.length) {
      docArena = new Int32Array(want);
      partArena = new Float64Array(want);
    }
  }
  function postingsOf(freqs: FieldFreqs, fieldId: number, term: string): Postings {
    const hit = cachedOf(freqs, fieldId, term);
    if (hit) return hit;
    // MiniSearch's `replace` and `discard` leave the old document in the lists until a vacuum;
    // like MiniSearch, leave it out of the document frequency too, or a term can get a negative
    // idf (a paper re-indexed in a small index then matched nothing).
    const live = m._dirtCount > 0 ? m._documentIds : null;
    let size = freqs.size;
    if (live) for (const doc of freqs.keys()) if (!live.has(doc)) size--;
    arena();
    // Once the arena is full, further lists are read per query (no eviction: the warm-up
    // fills it with the longest lists, which cost most to read).
    const fits = used + size <= docArena.length;
    const docs = fits ? docArena.subarray(used, used + size) : new Int32Array(size);
    const part = fits ? partArena.subarray(used, used + size) : new Float64Array(size);
    const df = dfOf(term, fieldId, size);
    const idf = bm25Idf(docTotal(), df);
    const avg = avgLength(fieldId);
    const lengths = fieldLengths(fieldId);
    let i = 0;
    let max = 0;
    for (const [doc, tf] of freqs) {
      if (live && !live.has(doc)) continue;
      docs[i] = doc;
      const v = bm25Part(idf, tf, lengths[doc] ?? 0, avg);
      part[i++] = v;
      if (v > max) max = v;
    }
    const peaks: number[] = [];
    for (let j = 0; j < size; j++) {
      if (peaks.length === PEAKS && part[j]! <= part[peaks[PEAKS - 1]!]!) continue;
      if (peaks.length === PEAKS) peaks.pop();
      let at = peaks.length;
      while (at > 0 && part[peaks[at - 1]!]! < part[j]!) at--;
      peaks.splice(at, 0, j);
    }
    const p: Postings = { size, read: freqs.size, df, docs, part, idf, max, peaks };
    if (fits) {
      cache.set(freqs, p);
      used += size;
    }
    return p;
  }

  // Scratch arrays reused across queries (zeroed through the touched lists after use), so a
  // query allocates no per-document memory and leaves nothing for the GC.
  let acc = new Float64Array(0);
  let wordAcc = new Float64Array(0);
  let hits = new Uint16Array(0);
  let seen = new Uint8Array(0);
  let touchedBuf = new Int32Array(0);
  let wordTouchedBuf = new Int32Array(0);
  function scratch(size: number): void {
    if (acc.length < size) {
      const n = size + 1024;
      acc = new Float64Array(n);
      wordAcc = new Float64Array(n);
      hits = new Uint16Array(n);
      seen = new Uint8Array(n);
      touchedBuf = new Int32Array(n);
      wordTouchedBuf = new Int32Array(n);
    }
  }

  function listsOf(opts: ScoreOptions): { words: Variant[][]; lists: List[][] } {
    const fields = fieldNames.map((name) => ({ id: m._fieldIds[name]!, boost: opts.boost[name] ?? 1 }));
    const words = opts.words.map((w) => variants(w, opts.maxFuzzy));
    const lists = words.map((vs, word) => {
      const out: List[] = [];
      for (const v of vs) {
        for (const f of fields) {
          const freqs = v.data.get(f.id);
          if (!freqs || freqs.size === 0) continue;
          const p = postingsOf(freqs, f.id, v.term);
          if (p.size === 0) continue;
          const w = v.weight * f.boost;
          out.push({ word, freqs, p, field: f.id, w, bound: w * p.max });
        }
      }
      return out;
    });
    return { words, lists };
  }

  // The paper counts in its words' document frequencies, as it would in the index (the
  // archive's counts hold it already).
  const outsideDf = (term: string, list: FieldFreqs | undefined, f: number): number => {
    const own = (list && list.size ? postingsOf(list, f, term).size : 0) + 1;
    return dfOf(term, f, own);
  };
  const scoreOutside = (opts: ScoreOptions, doc: OutsideDoc): number =>
    scoreOutsideDoc({ fieldIds: m._fieldIds, docTotal, avgLength, df: outsideDf, termData: (t) => m._index.get(t) }, opts, doc);

  const probe = (l: List, doc: number): number => {
    const tf = l.freqs.get(doc);
    return tf === undefined ? 0 : l.w * partOf(l.p.idf, l.field, doc, tf);
  };
  const postingsIn = (ls: List[]): number => ls.reduce((n, l) => n + l.p.size, 0);

  /**
   * Every matching document with its exact score, word by word (term at a time). `emit` gets
   * each once; under AND the rarest word bounds the candidates for all the others.
   */
  function exhaustive(opts: ScoreOptions, lists: List[][], emit: (doc: number, score: number) => void): void {
    const and = opts.combineWith === 'AND';
    if (and && lists.some((ls) => ls.length === 0)) return;
    const order = lists.filter((ls) => ls.length > 0).map((ls) => ({ ls, n: postingsIn(ls) }));
    if (and) order.sort((a, b) => a.n - b.n);
    let count = 0;
    let first = true;
    for (const { ls, n } of order) {
      if (and && !first && count === 0) break;
      let wc = 0;
      const restrict = and && !first;
      if (restrict && count * ls.length < n) {
        // Looking each candidate up is cheaper than walking postings once candidates are few.
        for (let c = 0; c < count; c++) {
          const doc = touchedBuf[c]!;
          let s = 0;
          for (const l of ls) s += probe(l, doc);
          if (s > 0) {
            wordAcc[doc] = s;
            wordTouchedBuf[wc++] = doc;
          }
        }
      } else {
        for (const l of ls) {
          const { docs, part, size } = l.p;
          const w = l.w;
          for (let i = 0; i < size; i++) {
            const doc = docs[i]!;
            if (restrict && acc[doc] === 0) continue;
            if (wordAcc[doc] === 0) wordTouchedBuf[wc++] = doc;
            wordAcc[doc] = wordAcc[doc]! + w * part[i]!;
          }
        }
      }
      if (and) {
        if (first) {
          for (let i = 0; i < wc; i++) {
            const doc = wordTouchedBuf[i]!;
            acc[doc] = wordAcc[doc]!;
            touchedBuf[i] = doc;
          }
          count = wc;
        } else {
          // Keep the candidates this word also matched; the others drop out (scores zeroed).
          let kept = 0;
          for (let c = 0; c < count; c++) {
            const doc = touchedBuf[c]!;
            if (wordAcc[doc]! > 0) {
              acc[doc] = acc[doc]! + wordAcc[doc]!;
              touchedBuf[kept++] = doc;
            } else acc[doc] = 0;
          }
          count = kept;
        }
      } else {
        for (let i = 0; i < wc; i++) {
          const doc = wordTouchedBuf[i]!;
          if (acc[doc] === 0) touchedBuf[count++] = doc;
          acc[doc] = acc[doc]! + wordAcc[doc]!;
          hits[doc] = hits[doc]! + 1;
        }
      }
      for (let i = 0; i < wc; i++) wordAcc[wordTouchedBuf[i]!] = 0;
      first = false;
    }
    // MiniSearch multiplies the summed score by how many query words the document matched
    // ("quality"), so a paper matching more of the words ranks above one matching fewer.
    const words = order.length;
    for (let c = 0; c < count; c++) {
      const doc = touchedBuf[c]!;
      emit(doc, acc[doc]! * (and ? words : hits[doc]! || 1));
      acc[doc] = 0;
      hits[doc] = 0;
    }
  }

  /** The exact score of one document, or 0 when it misses an AND word or can't reach `floor`. */
  function evaluate(and: boolean, lists: List[][], bounds: number[], doc: number, floor: number): number {
    let total = 0;
    let matched = 0;
    let rest = bounds.reduce((a, b) => a + b, 0);
    const n = lists.length;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (const l of lists[i]!) s += probe(l, doc);
      rest -= bounds[i]!;
      if (s > 0) matched++;
      else if (and) return 0;
      total += s;
      if ((total + rest) * (and ? n : matched + (n - i - 1)) < floor) return 0;
    }
    return total * (matched || 1);
  }

  /** Top-k by MaxScore; falls back to the exhaustive walk while the sink has no floor yet. */
  function best(opts: ScoreOptions, lists: List[][], sink: TopSink): void {
    const and = opts.combineWith === 'AND';
    const live = lists.filter((ls) => ls.length > 0);
    if (live.length === 0 || (and && live.length < lists.length)) return;
    const n = live.length;
    const bounds = live.map((ls) => ls.reduce((a, l) => a + l.bound, 0));
    // Seed the sink with the documents holding the highest parts of the strongest lists, so
    // the walk below starts with a floor.
    const seeded: number[] = [];
    const strongest = live.flat().sort((a, b) => b.bound - a.bound).slice(0, 3);
    for (const l of strongest) {
      for (const i of l.p.peaks) {
        const doc = l.p.docs[i]!;
        if (seen[doc]) continue;
        seen[doc] = 1;
        seeded.push(doc);
        const s = evaluate(and, live, bounds, doc, sink.floor());
        if (s > 0) sink.offer(doc, s);
      }
    }
    try {
      let floor = sink.floor();
      if (floor === 0) {
        exhaustive(opts, live, (doc, s) => {
          if (!seen[doc]) sink.offer(doc, s);
        });
        return;
      }
      // Under AND every result holds the rarest word, so its lists generate the candidates;
      // under OR any list may. Lists whose bounds (with all a document could collect elsewhere)
      // stay below the floor only get probed for candidates found in the others.
      const byPostings = live.map((ls, i) => ({ i, n: postingsIn(ls) }));
      const seedWord = and ? byPostings.sort((a, b) => a.n - b.n)[0]!.i : -1;
      const seeds = (and ? live[seedWord]! : live.flat()).slice().sort((a, b) => a.bound - b.bound);
      const elsewhere = and ? bounds.reduce((a, b, i) => (i === seedWord ? a : a + b), 0) : 0;
      let skipped = 0;
      let e = 0;
      // A document found only in skipped lists matches at most the words those lists belong to.
      const skippedWords = new Set<number>();
      while (e < seeds.length) {
        const l = seeds[e]!;
        const words = and ? n : skippedWords.size + (skippedWords.has(l.word) ? 0 : 1);
        if ((skipped + l.bound + elsewhere) * words >= floor) break;
        skipped += l.bound;
        skippedWords.add(l.word);
        e++;
      }
      let count = 0;
      for (let j = e; j < seeds.length; j++) {
        const { docs, part, size } = seeds[j]!.p;
        const w = seeds[j]!.w;
        for (let i = 0; i < size; i++) {
          const doc = docs[i]!;
          if (acc[doc] === 0) touchedBuf[count++] = doc;
          acc[doc] = acc[doc]! + w * part[i]!;
        }
      }
      for (let c = 0; c < count; c++) {
        const doc = touchedBuf[c]!;
        const partial = acc[doc]!;
        acc[doc] = 0;
        if (seen[doc]) continue;
        floor = sink.floor();
        if ((partial + skipped + elsewhere) * n < floor) continue;
        const s = evaluate(and, live, bounds, doc, floor);
        if (s > 0) sink.offer(doc, s);
      }
    } finally {
      for (const doc of seeded) seen[doc] = 0;
    }
  }

  return {
    invalidate() {
      lengthCache = null;
      clearCache();
    },
    score(opts) {
      scratch(m._nextId + 1);
      const { words, lists } = listsOf(opts);
      const docs: ScoredDoc[] = [];
      exhaustive(opts, lists, (shortId, score) => docs.push({ shortId, score }));
      return { docs, matchOf: (shortId) => matchOf(words, shortId) };
    },
    warm() {
      const lists: Array<{ term: string; freqs: FieldFreqs; field: number }> = [];
      for (const [term, data] of m._index) for (const [field, freqs] of data) if (freqs.size >= 1000) lists.push({ term, freqs, field });
      lists.sort((a, b) => b.freqs.size - a.freqs.size);
      arena();
      let budget = docArena.length * 0.75;
      for (const { term, freqs, field } of lists) {
        if (freqs.size > budget) continue;
        budget -= freqs.size;
        postingsOf(freqs, field, term);
      }
      const [a, b] = [...new Set(lists.map((l) => l.term))];
      if (a === undefined) return;
      const sink: TopSink = { offer() {}, floor: () => 0 };
      const word = (term: string, fuzzy = 0) => ({ term, prefix: true, fuzzy });
      const boost = {};
      for (const combineWith of ['AND', 'OR'] as const) {
        this.best({ words: [word(a)], combineWith, boost, maxFuzzy: 2 }, sink);
        if (b !== undefined) this.best({ words: [word(a, 0.2), word(b)], combineWith, boost, maxFuzzy: 2 }, sink);
      }
    },
    best(opts, sink) {
      scratch(m._nextId + 1);
      const { words, lists } = listsOf(opts);
      best(opts, lists, sink);
      return { matchOf: (shortId) => matchOf(words, shortId) };
    },
    scoreOutside,
    termsOf: (opts) => [...new Set(opts.words.flatMap((w) => variants(w, opts.maxFuzzy).map((v) => v.term)))],
    stored: (shortId) => m._storedFields.get(shortId),
    idOf: (shortId) => m._documentIds.get(shortId),
    allDocs: () => m._documentIds.keys(),
  };

  function matchOf(words: Variant[][], shortId: number): Record<string, string[]> {
    const match: Record<string, string[]> = {};
    for (const vs of words) {
      for (const v of vs) {
        for (const name of fieldNames) {
          if (!v.data.get(m._fieldIds[name]!)?.has(shortId)) continue;
          const fields = (match[v.term] ??= []);
          if (!fields.includes(name)) fields.push(name);
        }
      }
    }
    return match;
  }
}


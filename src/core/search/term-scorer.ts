/**
 * BM25 scoring straight over MiniSearch's inverted index, with MiniSearch's own formula and
 * weights (so rankings match `mini.search`), but built for a large index:
 *  - the rarest query word is scored first and every further AND word only scores the
 *    documents still in the running (a common word no longer costs one object per posting);
 *  - scores live in typed arrays indexed by MiniSearch's short document ids;
 *  - only the best `k` documents get stored fields looked up, filters run and `match` built.
 * MiniSearch keeps owning the index (updates, vacuuming, serialisation); this only reads it.
 */
import type MiniSearch from 'minisearch';

/** The parts of MiniSearch 7's internals read here (stable across 7.x; see dist/es/index.js). */
type FieldFreqs = Map<number, number>;
type TermData = Map<number, FieldFreqs>;
interface RadixIndex {
  get(term: string): TermData | undefined;
  atPrefix(prefix: string): Iterable<[string, TermData]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [TermData, number]>;
}
interface Internals {
  _index: RadixIndex;
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, string>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, Record<string, unknown>>;
}

const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

export interface WordSpec {
  term: string;
  prefix: boolean;
  /** 0 for none; else MiniSearch's fuzzy fraction (or absolute distance when >= 1). */
  fuzzy: number;
}

export interface ScoreOptions {
  words: readonly WordSpec[];
  combineWith: 'AND' | 'OR';
  boost: Record<string, number>;
  maxFuzzy: number;
}

/** One derived term (exact, prefix or typo variant) of a query word with its weight. */
interface Variant {
  term: string;
  weight: number;
  data: TermData;
}

export interface ScoredDoc {
  shortId: number;
  score: number;
}

export interface Scored {
  docs: ScoredDoc[];
  /** MiniSearch's `match` record (derived term -> fields) for one of those documents. */
  matchOf(shortId: number): Record<string, string[]>;
}

export interface Scorer {
  /** Call after any change to the index (cached per-document data is rebuilt on next use). */
  invalidate(): void;
  /** Documents matching the query with their scores, unordered. */
  score(opts: ScoreOptions): Scored;
  stored(shortId: number): Record<string, unknown> | undefined;
  idOf(shortId: number): string | undefined;
  /** Every live document (the query had filters but no words). */
  allDocs(): Iterable<number>;
}

export function createScorer<T>(mini: MiniSearch<T>): Scorer {
  const m = mini as unknown as Internals;
  const fieldNames = Object.keys(m._fieldIds);

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
    return out;
  }

  function postings(vs: Variant[]): number {
    let n = 0;
    for (const v of vs) for (const f of v.data.values()) n += f.size;
    return n;
  }

  // Field lengths as dense arrays (a Map lookup per posting dominated scoring); rebuilt
  // lazily after any index change.
  let lengthCache: Float64Array[] | null = null;
  function fieldLengths(fieldId: number): Float64Array {
    if (!lengthCache) {
      const size = m._nextId + 1;
      lengthCache = fieldNames.map(() => new Float64Array(size));
      for (const [doc, lens] of m._fieldLength) for (let f = 0; f < lens.length; f++) lengthCache[f]![doc] = lens[f] ?? 0;
    }
    return lengthCache[fieldId]!;
  }

  // Scratch score arrays reused across queries (zeroed through the touched lists after use),
  // so a query allocates no per-document memory and leaves nothing for the GC.
  let totalBuf = new Float64Array(0);
  let wordBuf = new Float64Array(0);
  let hitBuf = new Uint16Array(0);
  function scratch(size: number): void {
    if (totalBuf.length < size) {
      totalBuf = new Float64Array(size + 1024);
      wordBuf = new Float64Array(size + 1024);
      hitBuf = new Uint16Array(size + 1024);
    }
  }

  return {
    invalidate() {
      lengthCache = null;
    },
    score(opts) {
      const size = m._nextId + 1;
      const fields = fieldNames.map((name) => ({ id: m._fieldIds[name]!, boost: opts.boost[name] ?? 1 }));
      const words = opts.words.map((w) => variants(w, opts.maxFuzzy));
      // Rarest word first: under AND it bounds the candidate set for all the others.
      const order = words.map((vs, i) => ({ vs, i, n: postings(vs) }));
      if (opts.combineWith === 'AND') order.sort((a, b) => a.n - b.n);
      scratch(size);
      const total = totalBuf;
      // How many query words each document matched: MiniSearch multiplies the summed score by
      // it ("quality"), so a paper matching more of the words ranks above one matching fewer.
      const hits = hitBuf;
      let everTouched: number[] = [];
      let candidates: number[] = [];
      let first = true;
      for (const { vs, n } of order) {
        if (opts.combineWith === 'AND' && !first && candidates.length === 0) break;
        const wordScore = wordBuf;
        const touched: number[] = [];
        const add = (doc: number, s: number) => {
          if (wordScore[doc] === 0) touched.push(doc);
          wordScore[doc] = wordScore[doc]! + s;
        };
        const restrict = opts.combineWith === 'AND' && !first;
        // Looking each candidate up is cheaper than walking postings once candidates are few.
        const probe = restrict && candidates.length * vs.length * fields.length < n;
        for (const v of vs) {
          for (const f of fields) {
            const freqs = v.data.get(f.id);
            if (!freqs) continue;
            // Per (term, field) constants of BM25+, hoisted out of the posting loop.
            const matching = freqs.size;
            const idf = Math.log(1 + (m._documentCount - matching + 0.5) / (matching + 0.5));
            const w = v.weight * f.boost * idf;
            const norm = (K * B) / m._avgFieldLength[f.id]!;
            const base = K * (1 - B);
            const lengths = fieldLengths(f.id);
            const scoreOf = (doc: number, tf: number) => w * (D + (tf * (K + 1)) / (tf + base + norm * (lengths[doc] ?? 0)));
            if (probe) {
              for (const doc of candidates) {
                const tf = freqs.get(doc);
                if (tf !== undefined) add(doc, scoreOf(doc, tf));
              }
            } else if (restrict) {
              freqs.forEach((tf, doc) => {
                if (total[doc] !== 0) add(doc, scoreOf(doc, tf));
              });
            } else {
              freqs.forEach((tf, doc) => add(doc, scoreOf(doc, tf)));
            }
          }
        }
        for (const doc of touched) hits[doc] = hits[doc]! + 1;
        if (opts.combineWith === 'AND') {
          for (const doc of touched) total[doc] = total[doc]! + wordScore[doc]!;
          if (first) {
            candidates = touched;
            // Later AND words only narrow this set, so it lists every score to zero again.
            everTouched = touched;
          } else candidates = candidates.filter((doc) => wordScore[doc]! > 0);
        } else {
          for (const doc of touched) {
            if (total[doc] === 0) {
              candidates.push(doc);
              everTouched.push(doc);
            }
            total[doc] = total[doc]! + wordScore[doc]!;
          }
        }
        for (const doc of touched) wordScore[doc] = 0;
        first = false;
      }
      const docs = candidates.map((shortId) => ({ shortId, score: total[shortId]! * (hits[shortId]! || 1) }));
      for (const doc of everTouched) {
        total[doc] = 0;
        hits[doc] = 0;
      }
      return { docs, matchOf: (shortId) => matchOf(words, shortId) };
    },
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

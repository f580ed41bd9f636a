/**
 * The one place that reads MiniSearch's private fields. The direct scorer (term-scorer.ts) and
 * the index snapshot (search-index.ts) need them for speed: MiniSearch's public API builds a
 * result object per posting and serialises its index as millions of string keys.
 *
 * Pinned to MiniSearch 7 (see node_modules/minisearch/dist/es/index.js); the tests in
 * test/unit/search/minisearch-internals.test.ts and term-scorer-parity.test.ts check these
 * fields against MiniSearch's own public answers, so an upgrade that moves them fails there.
 */
import type MiniSearch from 'minisearch';

/** Term frequency by short document id, for one (term, field). */
export type FieldFreqs = Map<number, number>;
/** A term's posting lists by field id. */
export type TermData = Map<number, FieldFreqs>;

/** MiniSearch's radix tree of terms. */
export interface RadixIndex extends Iterable<[string, TermData]> {
  get(term: string): TermData | undefined;
  set(term: string, data: TermData): unknown;
  atPrefix(prefix: string): Iterable<[string, TermData]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [TermData, number]>;
}

export interface MiniSearchInternals {
  _index: RadixIndex;
  /** Live documents (discarded ones no longer counted). */
  _documentCount: number;
  /** The last short id handed out (ids are 0.._nextId). */
  _nextId: number;
  /** Short id -> document id, for live documents only. */
  _documentIds: Map<number, string>;
  /** Discarded documents whose postings are still in the index (until a vacuum). */
  _dirtCount: number;
  _fieldIds: Record<string, number>;
  /** Short id -> length in terms of each field, by field id. */
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, Record<string, unknown>>;
}

const FIELDS = ['_index', '_documentCount', '_nextId', '_documentIds', '_dirtCount', '_fieldIds', '_fieldLength', '_avgFieldLength', '_storedFields'] as const;

/** `mini`'s private fields; throws, naming what is missing, if this MiniSearch does not have them. */
export function internalsOf<T>(mini: MiniSearch<T>): MiniSearchInternals {
  const m = mini as unknown as Record<string, unknown>;
  const missing = FIELDS.filter((f) => m[f] === undefined);
  if (missing.length) throw new Error(`this MiniSearch has no ${missing.join(', ')}: the search index reads MiniSearch 7's internals (src/core/search/minisearch-internals.ts)`);
  return mini as unknown as MiniSearchInternals;
}

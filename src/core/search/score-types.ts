/** What the direct scorer is asked and answers (term-scorer.ts). */
import type { TermData } from './minisearch-internals.js';

export interface WordSpec {
  term: string;
  prefix: boolean;
  /** 0 for none; else MiniSearch's fuzzy fraction (or absolute distance when >= 1). */
  fuzzy: number;
  /** Posting lists that count as this word too (an abbreviation's long form; acronym-aliases.ts). */
  also?: readonly Alias[];
}

/** One more variant of a query word: its posting lists by field, and its weight beside the word's own. */
export interface Alias {
  term: string;
  weight: number;
  data: TermData;
}

export interface ScoreOptions {
  words: readonly WordSpec[];
  combineWith: 'AND' | 'OR';
  boost: Record<string, number>;
  maxFuzzy: number;
}

/** A paper not in the index, as the index would hold it: term frequencies and lengths by field id. */
export interface OutsideDoc {
  terms: ReadonlyArray<ReadonlyMap<string, number>>;
  lengths: readonly number[];
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

/** Receives scored documents best-first or not; `floor` is the score a document must beat to matter (0: any). */
export interface TopSink {
  offer(shortId: number, score: number): void;
  floor(): number;
}

export interface Scorer {
  /** Call after any change to the index (cached per-document data is rebuilt on next use). */
  invalidate(): void;
  /** Documents matching the query with their scores, unordered. */
  score(opts: ScoreOptions): Scored;
  /**
   * Reads the longest posting lists into the cache and runs the scoring paths once, so the
   * first searches after start-up don't pay for it (common words cost most to read).
   */
  warm(): void;
  /** Offers the sink every document that could still enter its top; returns the `match` builder. */
  best(opts: ScoreOptions, sink: TopSink): Pick<Scored, 'matchOf'>;
  /**
   * The score a paper outside this index (an archive hit) gets by the same formula and the same
   * corpus statistics as the papers in it, counting itself in each word's document frequency:
   * the archive's own engine ranks on another scale. 0 when no word matches.
   */
  scoreOutside(opts: ScoreOptions, doc: OutsideDoc): number;
  /** The index's terms the query's words reach (exact, word beginnings, typos, aliases): those whose document frequencies it reads. */
  termsOf(opts: ScoreOptions): string[];
  stored(shortId: number): Record<string, unknown> | undefined;
  idOf(shortId: number): string | undefined;
  /** Every live document (the query had filters but no words). */
  allDocs(): Iterable<number>;
}

/**
 * The port to the database's own full-text index (SQLite FTS5, PostgreSQL tsvector + GIN),
 * which answers for papers older than the in-memory hot window (see hot-window.ts). Its ranking
 * is the database's (bm25 / ts_rank), so its scores are not on MiniSearch's scale.
 */
import type { ParsedQuery } from './query-parser.js';

export interface ArchiveHit {
  arxivId: string;
  title: string;
  /** The database's own relevance, higher is better; comparable only within one answer. */
  score: number;
  /** paperDate: published, else first stored. */
  date: Date | null;
  upvotes: number | null;
}

export interface ArchiveQuery {
  query: ParsedQuery;
  /**
   * The query's words to search (searchTerms: common words beside telling ones left out), as the
   * in-memory index searches them; decided here so the store needs none of the query's rules.
   */
  words: readonly string[];
  /**
   * The same words as groups of alternatives (acronym-aliases.ts archiveWordGroups): each group
   * must match through one of its alternatives, each alternative through all of its words. When
   * given, searched instead of `words`.
   */
  groups?: ReadonlyArray<ReadonlyArray<readonly string[]>>;
  /** Only papers dated (publishedAt, else firstSeenAt) before this instant. */
  before: Date;
  /** 'all': every word must match (word beginnings count); 'any': at least one. */
  match: 'all' | 'any';
  limit: number;
}

export interface ArchiveSearch {
  /** Best first by the database's ranking; newest first when the query has no words. */
  search(q: ArchiveQuery): Promise<ArchiveHit[]>;
  /** Papers dated at or after `from`: the hot window's size, to check a snapshot against. */
  countFrom(from: Date): Promise<number>;
  /**
   * The date of the paper after the newest `n` (the (n+1)-th newest), or null when there are no
   * more than `n`: where a window capped at `n` papers starts, known before the index is built.
   */
  dateAfterNewest?(n: number): Promise<Date | null>;
  /**
   * How many stored papers (window and archive alike) hold each term, by field name (title,
   * abstract, authors, keywords; a field left out: none), tokenised as the in-memory index
   * tokenises (exact words, no stemming). A term no paper holds may be left out of the map.
   * Absent where the engine cannot count exact words (PostgreSQL's index holds stems).
   */
  termCounts?(terms: readonly string[]): Promise<TermCounts>;
  /**
   * For each word, the stored papers holding a word that begins with it, summed over those words
   * and the fields (an upper bound): the matches `search` ranks for it. Absent where not counted.
   */
  prefixCounts?(words: readonly string[]): Promise<Map<string, number>>;
  /**
   * The stored words (of every paper, folded as the index folds them, unstemmed) beginning with
   * `prefix`, with the papers holding each: where a typo's correction is looked for (spelling.ts).
   */
  wordsStartingWith?(prefix: string): Promise<WordCount[]>;
  /**
   * Which of the words `search` finds in some stored paper (as a word's beginning; on PostgreSQL
   * by its English stem, stop words always): the spelling check's question where prefixCounts is
   * absent, asked without the counts that would turn on the every-page rule.
   */
  wordsHeld?(words: readonly string[]): Promise<Set<string>>;
}

export interface WordCount {
  term: string;
  /** Stored papers holding the word. */
  docs: number;
}

export type TermCounts = Map<string, Record<string, number>>;
/**
 * Papers scored as part of the corpus without being in this index (the archive behind a hot
 * window): they count in BM25's document total and average field lengths, so a paper's score
 * in the hot index is the one it would get in an index of every paper. Document frequencies
 * come from the archive's termCounts where it has them (IndexOptions.corpusDf), else they are
 * this index's alone.
 */
export interface OutsideCorpus {
  docs: number;
  /** Summed field lengths, by MiniSearch field id. */
  lengths: number[];
}

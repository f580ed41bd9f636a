/**
 * Stored words a typo may stand for, from FTS5's own vocabulary (fts5vocab 'row': every indexed
 * word, unstemmed and folded as the index folds it, with the papers holding it), for the search's
 * spelling check (core/search/spelling.ts). PostgreSQL's index holds English stems, which are no
 * spelling to suggest: its words are read apart (pg-vocabulary.ts).
 */
import type { CacheStore } from '../core/ports.js';
import type { ArchiveSearch, WordCount } from '../core/search/archive-search.js';
import type { RawDriver, StoreDb } from './connect.js';
import { pgStoredWords } from './pg-vocabulary.js';

type SqliteDb = Extract<RawDriver, { provider: 'sqlite' }>['db'];

const withWords = new WeakSet<object>();
function wordList(db: SqliteDb): void {
  if (withWords.has(db)) return;
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp."PaperSearchWords" USING fts5vocab(main, 'PaperSearch', 'row')`);
  withWords.add(db);
}

/**
 * A range of the vocabulary, read by seeking: fts5vocab counts each word's papers as it reads
 * it, so the whole vocabulary took 700 ms at 100,000 synthetic papers, a first letter's 30-50 ms.
 */
function sqliteWordsStartingWith(db: SqliteDb, prefix: string): WordCount[] {
  wordList(db);
  const rows = db.prepare(`SELECT "term", "doc" FROM temp."PaperSearchWords" WHERE "term" >= ? AND "term" < ?`).all(prefix, `${prefix}\uffff`) as Array<{ term: string; doc: number }>;
  return rows.map((r) => ({ term: r.term, docs: Number(r.doc) }));
}

/** The archive search with the stored words a typo is corrected to, each database's own way. */
export function withStoredWords(archive: ArchiveSearch, db: StoreDb, cache: CacheStore): ArchiveSearch {
  if (db.provider === 'postgresql') return { ...archive, ...pgStoredWords((fn) => db.raw(async (d) => fn((d as Extract<RawDriver, { provider: 'postgresql' }>).pool)), cache) };
  return { ...archive, wordsStartingWith: (prefix) => db.raw(async (d) => sqliteWordsStartingWith((d as Extract<RawDriver, { provider: 'sqlite' }>).db, prefix)) };
}

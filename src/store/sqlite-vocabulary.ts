/**
 * Stored words a typo may stand for, from FTS5's own vocabulary (fts5vocab 'row': every indexed
 * word, unstemmed and folded as the index folds it, with the papers holding it), for the search's
 * spelling check (core/search/spelling.ts). Added beside the archive search on SQLite only:
 * PostgreSQL's index holds English stems, which are no spelling to suggest.
 */
import type { ArchiveSearch, WordCount } from '../core/search/archive-search.js';
import type { RawDriver, StoreDb } from './connect.js';

type SqliteDb = Extract<RawDriver, { provider: 'sqlite' }>['db'];

const withWords = new WeakSet<object>();
function wordList(db: SqliteDb): void {
  if (withWords.has(db)) return;
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp."PaperSearchWords" USING fts5vocab(main, 'PaperSearch', 'row')`);
  withWords.add(db);
}

/**
 * The words beginning as a slip of `word` may: with its first letter (a slip anywhere after it),
 * with its second and first (the first two swapped), or with its second and third (a letter
 * typed before it). Three ranges of the vocabulary read by seeking: the whole vocabulary counted
 * its every word's papers (700 ms at 100,000 synthetic papers; one first letter, 30-50 ms). A
 * slip in the first letter itself is not looked for, as most spelling checkers do not.
 */
export function beginnings(word: string): string[] {
  const [a, b, c] = [...word];
  return [...new Set([a, b && a && b + a, b && c && b + c].filter((s): s is string => !!s))];
}

function sqliteSimilarWords(db: SqliteDb, word: string): WordCount[] {
  wordList(db);
  const range = db.prepare(`SELECT "term", "doc" FROM temp."PaperSearchWords" WHERE "term" >= ? AND "term" < ?`);
  const seen = new Map<string, number>();
  for (const from of beginnings(word)) {
    for (const r of range.all(from, `${from}\uffff`) as Array<{ term: string; doc: number }>) seen.set(r.term, Number(r.doc));
  }
  return [...seen].map(([term, docs]) => ({ term, docs }));
}

/** The archive search with `similarWords` where the database can list its words (SQLite). */
export function withSimilarWords(archive: ArchiveSearch, db: StoreDb): ArchiveSearch {
  if (db.provider !== 'sqlite') return archive;
  return { ...archive, similarWords: (word) => db.raw(async (d) => sqliteSimilarWords((d as Extract<RawDriver, { provider: 'sqlite' }>).db, word)) };
}

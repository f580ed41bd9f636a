/**
 * Stored words a typo may stand for on PostgreSQL, for the search's spelling check
 * (core/search/spelling.ts), as sqlite-vocabulary.ts gives them on SQLite. The index holds
 * English stems ('speculative' is held as 'specul'), no spelling to suggest, and nothing lists
 * the words themselves: so the papers' text is parsed once more with the built-in 'simple'
 * configuration (lower case, folded as the index folds, not stemmed) and ts_stat counts the papers
 * holding each word. No extension: nothing to degrade where CREATE EXTENSION is refused (pg_trgm
 * would need a list of words to compare with all the same).
 *
 * Reading every paper takes 13-20 s at 100,000 synthetic papers (load 7-8; the stems' ts_stat,
 * with nothing to parse, 3.5 s): far too slow for a search, and a one-off `paperboy search` paid
 * it for each typo (24 s). So it is done once per database: the words are kept in the cache table
 * with the store's newest write ("updatedAt": every paper write moves it), and once the store has
 * changed only the papers written since are read (a day's ingest: a fraction of a second) and
 * their words added. A paper written again counts again and a deleted paper's words stay: the
 * counts only break ties between equally close words, and a word too many is only a candidate.
 */
import type pg from 'pg';
import type { CacheStore } from '../core/ports.js';
import type { ArchiveSearch, WordCount } from '../core/search/archive-search.js';

/** The words the core may ask about (spell: single words of letters and digits). */
const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;

/** Each paper's words as the index folds them, not stemmed; a where clause may follow. */
const PAPER_WORDS =
  `SELECT to_tsvector('simple', "paper_search_fold"(` +
  `"title" || ' ' || "abstract" || ' ' || "authors" || ' ' || "aiKeywords" || ' ' || "categories")) FROM "Paper"`;

/** Where the words are kept between processes (CacheStore). */
const CACHE_NAMESPACE = 'search-words';
const CACHE_KEY = 'postgresql';

interface Vocabulary {
  /** The store's newest write when the words were read. */
  version: string | null;
  /** Sorted (by UTF-16 code unit, as `startsWith` ranges them), with their papers alongside. */
  terms: string[];
  docs: number[];
}

const storeVersion = async (pool: pg.Pool): Promise<string | null> =>
  (await pool.query<{ v: string | null }>(`SELECT max("updatedAt")::text AS v FROM "Paper"`)).rows[0]?.v ?? null;

/** Words of every paper, or of the papers written after `since` (the "updatedAt" index). */
async function readWords(pool: pg.Pool, since: string | null): Promise<Array<{ word: string; ndoc: number }>> {
  const rows =
    since === null
      ? (await pool.query<{ word: string; ndoc: number }>(`SELECT "word", "ndoc" FROM ts_stat($$${PAPER_WORDS}$$)`)).rows
      : (await pool.query<{ word: string; ndoc: number }>(`SELECT "word", "ndoc" FROM ts_stat(format($1::text, $2::text))`, [`${PAPER_WORDS} WHERE "updatedAt" > %L`, since])).rows;
  return rows.filter((r) => PLAIN_WORD.test(r.word));
}

/** `before`'s words with `added` counted in, at `version`. */
function merged(before: Vocabulary | null, added: ReadonlyArray<{ word: string; ndoc: number }>, version: string | null): Vocabulary {
  const docs = new Map<string, number>();
  before?.terms.forEach((t, i) => docs.set(t, before.docs[i]!));
  for (const r of added) docs.set(r.word, (docs.get(r.word) ?? 0) + Number(r.ndoc));
  const terms = [...docs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { version, terms, docs: terms.map((t) => docs.get(t)!) };
}

async function keptWords(cache: CacheStore): Promise<Vocabulary | null> {
  try {
    const v = JSON.parse((await cache.getMany(CACHE_NAMESPACE, [CACHE_KEY])).get(CACHE_KEY) ?? 'null') as Vocabulary | null;
    return v && Array.isArray(v.terms) && Array.isArray(v.docs) && v.terms.length === v.docs.length ? v : null;
  } catch {
    // Unreadable: read the papers, as when nothing was kept.
    return null;
  }
}

function startingWith(v: Vocabulary, prefix: string): WordCount[] {
  let lo = 0;
  let hi = v.terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.terms[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: WordCount[] = [];
  for (let i = lo; i < v.terms.length && v.terms[i]!.startsWith(prefix); i++) out.push({ term: v.terms[i]!, docs: v.docs[i]! });
  return out;
}

/**
 * Whether `search` finds each word in some paper: its prefix query on the GIN index, as pgSearch
 * asks it (stemmed, folded; a stop word is ignored there, so held here). The planner guesses a
 * prefix's share of papers and read the table in order for a LIMIT 1, 75-110 ms for a word no
 * paper holds at 100,000 papers, against 1-5 ms on the index (30 ms for "model", in half the
 * papers): the index is asked for, on this transaction only.
 */
async function heldWords(pool: pg.Pool, words: readonly string[]): Promise<Set<string>> {
  const held = new Set(words.filter((w) => !PLAIN_WORD.test(w)));
  const asked = words.filter((w) => PLAIN_WORD.test(w));
  if (asked.length === 0) return held;
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query('SET LOCAL enable_seqscan = off');
    for (const w of asked) {
      const sql = `SELECT numnode(q) = 0 OR EXISTS (SELECT 1 FROM "PaperSearch" WHERE "document" @@ q) AS "held" FROM to_tsquery('english', "paper_search_fold"($1) || ':*') q`;
      if ((await client.query<{ held: boolean }>(sql, [w])).rows[0]?.held) held.add(w);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return held;
}

/** ArchiveSearch's wordsStartingWith and wordsHeld over one PostgreSQL pool (`run`: StoreDb.raw's), the words kept in `cache`. */
export function pgStoredWords(run: <T>(fn: (pool: pg.Pool) => Promise<T>) => Promise<T>, cache: CacheStore): Required<Pick<ArchiveSearch, 'wordsStartingWith' | 'wordsHeld'>> {
  let words: Vocabulary | null = null;
  /**
   * The store's version a read failed at, and why: a managed database's statement timeout would
   * fail every read alike, so it is tried again only once the store has changed, not per typo.
   */
  let failed: { version: string | null; err: unknown } | null = null;
  /** One at a time: two reads of the same papers would count their words twice. */
  let reading: Promise<Vocabulary> | null = null;
  const current = async (): Promise<Vocabulary> => {
    const version = await run(storeVersion);
    if (words?.version === version) return words;
    words ??= await keptWords(cache);
    if (words?.version === version) return words;
    if (failed?.version === version) {
      if (words) return words;
      throw failed.err;
    }
    try {
      const since = words?.version ?? null;
      words = merged(since === null ? null : words, await run((pool) => readWords(pool, since)), version);
    } catch (err) {
      failed = { version, err };
      if (words) return words;
      throw err;
    }
    // Kept for the next process; not keeping them only costs that one a read.
    await cache.putMany(CACHE_NAMESPACE, [[CACHE_KEY, JSON.stringify(words)]]).catch(() => undefined);
    return words;
  };
  return {
    async wordsStartingWith(prefix) {
      const v = await (reading ??= current().finally(() => (reading = null)));
      return startingWith(v, prefix);
    },
    wordsHeld: (asked) => run((pool) => heldWords(pool, asked)),
  };
}

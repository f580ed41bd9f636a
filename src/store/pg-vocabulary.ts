/**
 * Stored words a typo may stand for on PostgreSQL, for the search's spelling check
 * (core/search/spelling.ts), as sqlite-vocabulary.ts gives them on SQLite. The index holds
 * English stems ('speculative' is held as 'specul'), no spelling to suggest, and nothing lists
 * the words themselves: so every paper's text is parsed once more with the built-in 'simple'
 * configuration (lower case, folded as the index folds, not stemmed) and ts_stat counts the papers
 * holding each word. No extension: nothing to degrade where CREATE EXTENSION is refused.
 *
 * That reads every paper (100,000 synthetic papers: 20 s at load 7; the stems' ts_stat, with
 * nothing to parse, 3.5 s), far too slow for a search: the words are kept in memory and read
 * again in the background once the store has changed (its newest "updatedAt": every paper write
 * moves it), the words read before answering meanwhile. Only a process's first typo waits.
 */
import type pg from 'pg';
import type { ArchiveSearch, WordCount } from '../core/search/archive-search.js';

/** The words the core may ask about (spell: single words of letters and digits). */
const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;

const WORDS_SQL =
  `SELECT "word", "ndoc" FROM ts_stat($$SELECT to_tsvector('simple', "paper_search_fold"(` +
  `"title" || ' ' || "abstract" || ' ' || "authors" || ' ' || "aiKeywords" || ' ' || "categories")) FROM "Paper"$$)`;

interface Vocabulary {
  /** The store's newest write when the words were read. */
  version: string | null;
  /** Sorted (by UTF-16 code unit, as `startsWith` ranges them), with their papers alongside. */
  terms: string[];
  docs: number[];
}

const storeVersion = async (pool: pg.Pool): Promise<string | null> =>
  (await pool.query<{ v: string | null }>(`SELECT max("updatedAt")::text AS v FROM "Paper"`)).rows[0]?.v ?? null;

async function readWords(pool: pg.Pool, version: string | null): Promise<Vocabulary> {
  const rows = (await pool.query<{ word: string; ndoc: number }>(WORDS_SQL)).rows.filter((r) => PLAIN_WORD.test(r.word));
  rows.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  return { version, terms: rows.map((r) => r.word), docs: rows.map((r) => Number(r.ndoc)) };
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

/** ArchiveSearch's wordsStartingWith and wordsHeld over one PostgreSQL pool (`run`: StoreDb.raw's). */
export function pgStoredWords(run: <T>(fn: (pool: pg.Pool) => Promise<T>) => Promise<T>): Required<Pick<ArchiveSearch, 'wordsStartingWith' | 'wordsHeld'>> {
  let words: Vocabulary | null = null;
  let reading: Promise<Vocabulary> | null = null;
  /**
   * The store's version a read failed at, and why: a managed database's statement timeout would
   * fail every read alike, so it is tried again only once the store has changed, not per typo.
   */
  let failed: { version: string | null; err: unknown } | null = null;
  const read = (version: string | null) =>
    (reading ??= run((pool) => readWords(pool, version))
      .then((v) => (words = v))
      .catch((err: unknown) => {
        failed = { version, err };
        throw err;
      })
      .finally(() => (reading = null)));
  /** The words, read first if none were, read again in the background if the store changed since (the old ones kept if that fails). */
  const refresh = async (): Promise<Vocabulary> => {
    const version = await run(storeVersion);
    const failedNow = failed?.version === version;
    if (words && words.version !== version && !failedNow) read(version).catch(() => undefined);
    if (words) return words;
    if (failedNow) throw failed!.err;
    return read(version);
  };
  return {
    wordsStartingWith: async (prefix) => startingWith(await refresh(), prefix),
    // Asked for every new query word after a change, typo or not: the words are read again
    // then, before a typo needs them (the core keeps what it was given until the next change).
    async wordsHeld(asked) {
      if (words) await refresh();
      return run((pool) => heldWords(pool, asked));
    },
  };
}

/**
 * ArchiveSearch on the database's own full-text index (the paper_search migration): SQLite
 * FTS5 ranked by its configured bm25 (`ORDER BY rank`), PostgreSQL tsvector + GIN ranked by
 * ts_rank. Author and category filters keep the in-memory index's meaning (a substring of an
 * author's name, folded as foldName folds it; a category or its subcategories), checked on
 * "Paper" beside the text match.
 */
import type { ArchiveHit, ArchiveQuery, ArchiveSearch, TermCounts } from '../core/search/archive-search.js';
import type { RawDriver, StoreDb } from './connect.js';
import { pgDate, rawDate, sqliteDate } from './raw-dates.js';
import { foldName } from '../core/follows/author-name.js';
import { foldDiacritics } from '../core/diacritics.js';

/**
 * Letters and digits only: nothing a user types reaches either query language as syntax. FTS5's
 * words too (unicode61): any other sign ends a word there, combining marks of other scripts as
 * well ('कोड' is held as 'क' and 'ड'), so the query splits where the index did.
 */
const FTS5_WORD = /[\p{L}\p{N}]+/gu;
/** PostgreSQL's parser keeps them inside the word ('हिन्दी' is one word of its index). */
const PG_WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** A query's words as FTS5 holds them (remove_diacritics 2 takes the accents off Latin letters only). */
const fts5Words = (text: string): string[] => foldDiacritics(text).toLowerCase().match(FTS5_WORD) ?? [];
/**
 * A query's words as typed: pgSearch folds them with the index's own paper_search_fold (migration
 * paper_search_fold), so they match what the index holds whatever the database's encoding (one
 * not in UTF-8 keeps accents on both sides).
 */
const pgWords = (text: string): string[] => text.normalize('NFC').toLowerCase().match(PG_WORD) ?? [];

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Author names folded in SQL as foldName folds them in memory (author:Pelissier finds
 * Pélissier in the archive too). SQLite: foldName itself, as a function on the connection, for
 * names that are not plain ASCII (lower() for the rest). PostgreSQL: NFKD with the combining
 * marks removed ("Nguyễn", "Ștefan"), then translate() over the Latin letters that do not
 * decompose (ł, ø; both cases, as lower() may leave non-ASCII letters alone under the C locale)
 * and replace() for those that fold to two (ß, æ). Letters and patterns are bound as
 * parameters, not written into the SQL.
 */
const LATIN = Array.from({ length: 0x17f - 0xc0 + 1 }, (_, i) => String.fromCharCode(0xc0 + i));
const ONE_LETTER = LATIN.filter((c) => /^[a-z]$/.test(foldName(c)));
const PG_FROM = ONE_LETTER.join('');
const PG_TO = ONE_LETTER.map(foldName).join('');
const PG_PAIRS = LATIN.filter((c) => /^[a-z]{2}$/.test(foldName(c))).map((c) => [c, foldName(c)] as const);
/**
 * foldDiacritics' accents: the Combining Diacritical Marks after a Latin letter (PostgreSQL's
 * regular expressions know no scripts: the Latin blocks, which is where NFKD leaves Latin base
 * letters), so Devanagari vowel signs and the Cyrillic breve stay as foldName keeps them.
 */
const PG_LATIN_ACCENTS = '([A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff])[\u0300-\u036f]+';
const pgFolded = (column: string): { sql: string; args: string[] } => ({
  sql: PG_PAIRS.reduce((expr) => `replace(${expr}, ?, ?)`, `translate(lower(normalize(regexp_replace(normalize(${column}, NFKD), ?, '\\1', 'g'), NFC)), ?, ?)`),
  args: [PG_LATIN_ACCENTS, PG_FROM, PG_TO, ...PG_PAIRS.flat()],
});
/**
 * Only names with a character past ASCII (more bytes than characters) need foldName: on 300,000
 * rows with 2% such names this took 176 ms against 251 ms folding every row and 53 ms for lower()
 * (a GLOB for non-ASCII characters took 796 ms).
 */
const sqliteFolded = (column: string): { sql: string; args: string[] } => ({
  sql: `CASE WHEN length(${column}) <> length(CAST(${column} AS BLOB)) THEN paperboy_fold(${column}) ELSE lower(${column}) END`,
  args: [],
});
const withFold = new WeakSet<object>();
function sqliteFold(db: Extract<RawDriver, { provider: 'sqlite' }>['db']): void {
  if (withFold.has(db)) return;
  db.function('paperboy_fold', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? foldName(s) : null));
  withFold.add(db);
}

interface TextQuery {
  /** The engine's match expression, or null when the query has no words (filters only). */
  match: string | null;
  /** Each of the query's words (a group of alternatives) as a match expression of its own. */
  words?: string[];
}

/**
 * The query's word groups in a query language: each token a prefix (`prefix`), the words of an
 * alternative joined by `and`, a group's alternatives by `or`. Without groups, each word alone.
 */
function wordGroups(q: ArchiveQuery, split: (text: string) => string[], prefix: (t: string) => string, and: string, or: string): string[] {
  const groups = q.groups ?? q.words.flatMap((w) => split(w).map((t) => [[t]]));
  const wrap = (parts: string[], op: string) => (parts.length > 1 ? `(${parts.join(` ${op} `)})` : (parts[0] ?? ''));
  return groups.map((g) => wrap(g.map((alt) => wrap(alt.flatMap(split).map(prefix), and)).filter(Boolean), or)).filter(Boolean);
}

/** FTS5: words as prefixes (as the hot index's second pass), phrases as phrases. */
export function fts5Match(q: ArchiveQuery): TextQuery {
  const words = wordGroups(q, fts5Words, (t) => `"${t}"*`, 'AND', 'OR');
  const phrases = q.query.phrases.map(fts5Words).filter((p) => p.length).map((p) => `"${p.join(' ')}"`);
  const text = words.length ? [words.length > 1 && q.match === 'any' ? `(${words.join(' OR ')})` : words.join(' AND ')] : [];
  const parts = [...text, ...phrases];
  return { match: parts.length ? parts.join(' AND ') : null };
}

/**
 * PostgreSQL tsquery text (english stemming, as the index): `w:*` prefixes, `a <-> b` phrases;
 * folded by pgSearch (pgWords).
 */
export function pgTsQuery(q: ArchiveQuery): TextQuery {
  const words = wordGroups(q, pgWords, (t) => `${t}:*`, '&', '|');
  const phrases = q.query.phrases
    .map(pgWords)
    .filter((p) => p.length)
    .map((p) => `(${p.join(' <-> ')})`);
  const text = words.length ? [words.length > 1 && q.match === 'any' ? `(${words.join(' | ')})` : words.join(' & ')] : [];
  const parts = [...text, ...phrases];
  return { match: parts.length ? parts.join(' & ') : null, words };
}

/** Filters on "Paper" p, as SQL with `?` markers and their values (renumbered for PostgreSQL). */
function filters(q: ArchiveQuery, date: (d: Date) => string | null, dateExpr: string, folded: (column: string) => { sql: string; args: string[] }): { sql: string[]; args: unknown[] } {
  const sql = [`${dateExpr} < ?`];
  const args: unknown[] = [date(q.before)];
  if (q.query.since) {
    sql.push(`${dateExpr} >= ?`);
    args.push(date(q.query.since));
  }
  for (const a of q.query.authors) {
    const f = folded('p."authors"');
    sql.push(`${f.sql} LIKE ? ESCAPE '\\'`);
    args.push(...f.args, `%${likeEscape(foldName(a))}%`);
  }
  // categories is a JSON list: "cs.cl" matches `"cs.CL"`, and `"cs.CL.…` would be a subcategory.
  for (const c of q.query.categories) {
    sql.push(`(lower(p."categories") LIKE ? ESCAPE '\\' OR lower(p."categories") LIKE ? ESCAPE '\\')`);
    args.push(`%"${likeEscape(c)}"%`, `%"${likeEscape(c)}.%`);
  }
  return { sql, args };
}

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

interface Row {
  arxivId: string;
  title: string;
  published: string | Date;
  score: number | null;
  upvotes: number | null;
}

const toHit = (r: Row): ArchiveHit => ({
  arxivId: r.arxivId,
  title: r.title,
  score: Math.round(Number(r.score ?? 0) * 1000) / 1000,
  date: rawDate(r.published)!,
  upvotes: r.upvotes,
});

function sqliteSearch(driver: Extract<RawDriver, { provider: 'sqlite' }>, q: ArchiveQuery): ArchiveHit[] {
  const { match } = fts5Match(q);
  sqliteFold(driver.db);
  const f = filters(q, sqliteDate, match ? '"PaperSearch"."published"' : 'COALESCE(p."publishedAt", p."firstSeenAt")', sqliteFolded);
  if (!match) {
    const sql = `SELECT p."arxivId", p."title", COALESCE(p."publishedAt", p."firstSeenAt") AS "published", NULL AS "score", p."upvotes" FROM "Paper" p WHERE ${f.sql.join(' AND ')} ORDER BY "published" DESC, p."arxivId" LIMIT ?`;
    return (driver.db.prepare(sql).all(...f.args, q.limit) as Row[]).map(toHit);
  }
  if (!q.query.authors.length && !q.query.categories.length) {
    // No filter on "Paper": rank and cut inside FTS5, then join the few rows kept (joined
    // first, every match of a common word was looked up in "Paper" before the sort).
    const sql =
      `SELECT f."arxivId", f."title", f."published", f."score", p."upvotes" FROM (` +
      `SELECT "arxivId", "title", "published", -"rank" AS "score" FROM "PaperSearch" WHERE "PaperSearch" MATCH ? AND ${f.sql.join(' AND ')} ORDER BY "rank" LIMIT ?` +
      `) f JOIN "Paper" p ON p."arxivId" = f."arxivId" ORDER BY f."score" DESC`;
    return (driver.db.prepare(sql).all(match, ...f.args, q.limit) as Row[]).map(toHit);
  }
  const sql =
    `SELECT "PaperSearch"."arxivId", "PaperSearch"."title", "PaperSearch"."published", -"PaperSearch"."rank" AS "score", p."upvotes" ` +
    `FROM "PaperSearch" JOIN "Paper" p ON p."arxivId" = "PaperSearch"."arxivId" ` +
    `WHERE "PaperSearch" MATCH ? AND ${f.sql.join(' AND ')} ORDER BY "PaperSearch"."rank" LIMIT ?`;
  return (driver.db.prepare(sql).all(match, ...f.args, q.limit) as Row[]).map(toHit);
}

async function pgSearch(driver: Extract<RawDriver, { provider: 'postgresql' }>, q: ArchiveQuery): Promise<ArchiveHit[]> {
  const text = pgTsQuery(q);
  let match = text.match;
  // Words that are all stopwords to PostgreSQL ('the author:smith', searched as typed when there
  // is nothing else) make an empty tsquery, which matches no paper: they are searched as the
  // filters alone, as in the other engines. Asked apart: an OR beside @@ can cost the GIN index.
  if (match && Number((await driver.pool.query<{ n: number }>(`SELECT numnode(to_tsquery('english', "paper_search_fold"($1))) AS n`, [match])).rows[0]!.n) === 0) match = null;
  const f = filters(q, pgDate, 's."published"', pgFolded);
  if (!match) {
    const sql = `SELECT p."arxivId", p."title", s."published", NULL AS "score", p."upvotes" FROM "PaperSearch" s JOIN "Paper" p ON p."arxivId" = s."arxivId" WHERE ${f.sql.join(' AND ')} ORDER BY s."published" DESC, p."arxivId" LIMIT ?`;
    return (await driver.pool.query<Row>(numbered(sql), [...f.args, q.limit])).rows.map(toHit);
  }
  // One scale for an answer's every-word and some-word papers, which are two queries (merge-archive.ts):
  // each query ranks by its own ts_rank (0 to 1), so a paper with both words far apart (0.00 on
  // the every-word query) was listed above one saying one word in its title (0.44 on the
  // any-word query) and the score column went up. So a paper scores one for each of the query's
  // words it matches past the first, plus ts_rank: every-word papers above some-word ones, as
  // listed, and more words matched above fewer (as the window's BM25 times the words matched).
  // A one-word query, and "a or b" (one query, no tiers), keep ts_rank alone. Counted on the rows
  // matched, nothing stored; not for two words, where a some-word paper matches one word and the
  // every-word papers the any-word query finds are the every-word query's already (dropped from it):
  // counting added a quarter to the query's time (96,000 papers, every word common).
  const words = text.words ?? [];
  const tiered = words.length > 1 && !q.query.any;
  const counted = tiered && q.match === 'any' && words.length > 2;
  const wordQueries = counted ? words.map((_, i) => `, to_tsquery('english', "paper_search_fold"(?)) w${i}`).join('') : '';
  const matched = counted ? `(${words.map((_, i) => `(s."document" @@ w${i})::int`).join(' + ')} - 1)` : tiered && q.match === 'all' ? String(words.length - 1) : '0';
  const sql =
    `SELECT p."arxivId", p."title", s."published", ${matched} + ts_rank(s."document", query) AS "score", p."upvotes" ` +
    `FROM "PaperSearch" s JOIN "Paper" p ON p."arxivId" = s."arxivId", to_tsquery('english', "paper_search_fold"(?)) query${wordQueries} ` +
    `WHERE s."document" @@ query AND ${f.sql.join(' AND ')} ORDER BY "score" DESC LIMIT ?`;
  return (await driver.pool.query<Row>(numbered(sql), [match, ...(counted ? words : []), ...f.args, q.limit])).rows.map(toHit);
}

/**
 * FTS5's own vocabulary, per column (fts5vocab 'col': documents holding each term in each
 * column), on this connection only (a temp table: no migration, nothing stored). FTS5 keeps
 * words unstemmed (unicode61), as the in-memory index does; a term is looked up by equality,
 * reading that term's document list alone.
 */
const withVocab = new WeakSet<object>();
function vocab(db: Extract<RawDriver, { provider: 'sqlite' }>['db']): void {
  if (withVocab.has(db)) return;
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp."PaperSearchTerms" USING fts5vocab(main, 'PaperSearch', 'col')`);
  withVocab.add(db);
}
function sqliteTermCounts(db: Extract<RawDriver, { provider: 'sqlite' }>['db'], terms: readonly string[]): TermCounts {
  vocab(db);
  const lookup = db.prepare(`SELECT "col", "doc" FROM temp."PaperSearchTerms" WHERE "term" = ?`);
  const out: TermCounts = new Map();
  for (const term of terms) {
    const rows = lookup.all(term) as Array<{ col: string; doc: number }>;
    if (rows.length) out.set(term, Object.fromEntries(rows.map((r) => [r.col, Number(r.doc)])));
  }
  return out;
}

/** Words beginning with each one (a range of the vocabulary, read by seeking): the terms its FTS5 prefix query reads. */
function sqlitePrefixCounts(db: Extract<RawDriver, { provider: 'sqlite' }>['db'], words: readonly string[]): Map<string, number> {
  vocab(db);
  const lookup = db.prepare(`SELECT sum("doc") AS "n" FROM temp."PaperSearchTerms" WHERE "term" >= ? AND "term" <= ?`);
  return new Map(words.map((w) => [w, Number((lookup.get(w, `${w}\uffff`) as { n: number | null }).n ?? 0)]));
}

export function createPrismaArchiveSearch(db: StoreDb): ArchiveSearch {
  // PostgreSQL's index holds English stems (and drops stopwords): it cannot count the words the
  // window counts, so there the window's own counts stand (no termCounts).
  const termCounts =
    db.provider === 'sqlite'
      ? {
          termCounts: (terms: readonly string[]) => db.raw(async (d) => sqliteTermCounts((d as Extract<RawDriver, { provider: 'sqlite' }>).db, terms)),
          prefixCounts: (words: readonly string[]) => db.raw(async (d) => sqlitePrefixCounts((d as Extract<RawDriver, { provider: 'sqlite' }>).db, words)),
        }
      : {};
  return {
    ...termCounts,
    search: (q) => db.raw(async (d) => (d.provider === 'sqlite' ? sqliteSearch(d, q) : pgSearch(d, q))),
    async countFrom(from) {
      return db.raw(async (d) => {
        // Two range reads on the publishedAt index, not a scan of every paper for COALESCE(…).
        const sql = `SELECT (SELECT count(*) FROM "Paper" WHERE "publishedAt" >= ?) + (SELECT count(*) FROM "Paper" WHERE "publishedAt" IS NULL AND "firstSeenAt" >= ?) AS n`;
        if (d.provider === 'sqlite') return Number((d.db.prepare(sql).get(sqliteDate(from), sqliteDate(from)) as { n: number }).n);
        return Number((await d.pool.query<{ n: string }>(numbered(sql), [pgDate(from), pgDate(from)])).rows[0]!.n);
      });
    },
    async dateAfterNewest(n) {
      return db.raw(async (d) => {
        // The newest n + 1 of each kind by its own index, then the (n+1)-th of both: no sort of every paper.
        const newest = (col: string, where: string, date: string) => `SELECT ${date} AS d FROM "Paper" WHERE ${where} ORDER BY "${col}" DESC LIMIT ?`;
        if (d.provider === 'sqlite') {
          const sql = `SELECT d FROM (${newest('publishedAt', '"publishedAt" IS NOT NULL', '"publishedAt"')}) UNION ALL SELECT d FROM (${newest('firstSeenAt', '"publishedAt" IS NULL', '"firstSeenAt"')}) ORDER BY d DESC LIMIT 1 OFFSET ?`;
          const row = d.db.prepare(sql).get(n + 1, n + 1, n) as { d: string } | undefined;
          return rawDate(row?.d);
        }
        // Epoch milliseconds: the columns are timestamps without a zone, written in UTC.
        const epoch = (col: string) => `EXTRACT(EPOCH FROM "${col}") * 1000`;
        const sql = `SELECT d FROM ((${newest('publishedAt', '"publishedAt" IS NOT NULL', epoch('publishedAt'))}) UNION ALL (${newest('firstSeenAt', '"publishedAt" IS NULL', epoch('firstSeenAt'))})) t ORDER BY d DESC LIMIT 1 OFFSET ?`;
        const row = (await d.pool.query<{ d: string }>(numbered(sql), [n + 1, n + 1, n])).rows[0];
        return rawDate(row?.d);
      });
    },
  };
}

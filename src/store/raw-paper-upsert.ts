/**
 * `PaperStore.upsertMany` on the raw driver under Prisma (better-sqlite3 / pg). First the
 * stored input hashes of the batch's ids: a paper whose last merged input is this very input
 * is unchanged (upsert-plan.ts inputHash) and is neither read nor merged. The rest are read,
 * merged in memory (planUpsert), and only new or changed rows written, in one transaction.
 * An unchanged re-ingest reads one short column and writes nothing.
 * Through Prisma the same work cost about twice the database's own: every raw row and
 * parameter goes through its query interpreter, which a 50,000-paper ingest pays per field.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type { UpsertResult } from '../core/ports.js';
import type { Paper, PaperInput, SourceName } from '../core/papers/paper.js';
import type { RawDriver } from './connect.js';
import { fromJsonList, toJsonList } from './json-list.js';
import { pgDate, rawDate, sqliteDate } from './raw-dates.js';
import { inputHash, planUpsert, type UpsertPlan } from './upsert-plan.js';
import { aliasLookup, resolveDoiAliases, sameAddresses } from './doi-alias.js';

/** Column order of reads and writes; `rowValues` and `paperFromValues` follow it. */
const COLUMNS = [
  'arxivId', 'version', 'title', 'abstract', 'authors', 'publishedAt', 'announcedAt', 'absUrl', 'pdfUrl', 'categories', 'upvotes',
  'commentCount', 'githubRepo', 'projectPage', 'aiSummary', 'aiKeywords', 'sources', 'summary', 'summarySource', 'firstSeenAt', 'updatedAt',
  'doi', 'inputHash',
] as const;
const INT_COLUMNS: ReadonlySet<string> = new Set(['version', 'upvotes', 'commentCount']);
const DATE_COLUMNS: ReadonlySet<string> = new Set(['publishedAt', 'announcedAt', 'firstSeenAt', 'updatedAt']);
const COLUMN_LIST = COLUMNS.map((c) => `"${c}"`).join(', ');

// firstSeenAt is never overwritten: the first sighting stays the first. The summary belongs
// to setSummary alone (merges never change it), so a summary stored meanwhile survives.
const KEEP_ON_CONFLICT: ReadonlySet<string> = new Set(['arxivId', 'firstSeenAt', 'summary', 'summarySource']);
const UPDATE_SET = COLUMNS.filter((c) => !KEEP_ON_CONFLICT.has(c))
  .map((c) => `"${c}" = excluded."${c}"`)
  .join(', ');

function rowValues(p: Paper, hash: string | null, date: (d: Date | null) => string | null): unknown[] {
  return [
    p.arxivId, p.version, p.title, p.abstract, toJsonList(p.authors), date(p.publishedAt), date(p.announcedAt), p.absUrl, p.pdfUrl,
    toJsonList(p.categories), p.upvotes, p.commentCount, p.githubRepo, p.projectPage, p.aiSummary, toJsonList(p.aiKeywords),
    toJsonList(p.sources), p.summary, p.summarySource, date(p.firstSeenAt), date(p.updatedAt), p.doi, hash,
  ];
}

/** One row in COLUMNS order (inputHash aside: a Paper has none). */
function paperFromValues(r: readonly unknown[]): Paper {
  return {
    arxivId: r[0] as string,
    version: r[1] as number | null,
    title: r[2] as string,
    abstract: r[3] as string,
    authors: fromJsonList(r[4] as string),
    publishedAt: rawDate(r[5]),
    announcedAt: rawDate(r[6]),
    absUrl: r[7] as string,
    pdfUrl: r[8] as string | null,
    categories: fromJsonList(r[9] as string),
    upvotes: r[10] as number | null,
    commentCount: r[11] as number | null,
    githubRepo: r[12] as string | null,
    projectPage: r[13] as string | null,
    aiSummary: r[14] as string | null,
    aiKeywords: fromJsonList(r[15] as string),
    sources: fromJsonList<SourceName>(r[16] as string),
    summary: r[17] as string | null,
    summarySource: r[18] as string | null,
    firstSeenAt: rawDate(r[19])!,
    updatedAt: rawDate(r[20])!,
    doi: r[21] as string | null,
  };
}

/** A batch with each input's hash; `lastHash` is what a written row records (its last merged input). */
interface Batch {
  inputs: readonly PaperInput[];
  ids: string[];
  lastHash: Map<string, string>;
  repeated: Set<string>;
}

function batchOf(inputs: readonly PaperInput[]): Batch {
  const lastHash = new Map<string, string>();
  const repeated = new Set<string>();
  for (const input of inputs) {
    if (lastHash.has(input.arxivId)) repeated.add(input.arxivId);
    lastHash.set(input.arxivId, inputHash(input));
  }
  return { inputs, ids: [...lastHash.keys()], lastHash, repeated };
}

/**
 * Ids whose stored hash is their one input's hash: unchanged without a read. An id repeated in
 * the batch always takes the full merge, which folds its inputs in order.
 */
function settledIds(batch: Batch, stored: Iterable<readonly [string, string | null]>): Set<string> {
  const settled = new Set<string>();
  for (const [id, hash] of stored) if (hash !== null && hash === batch.lastHash.get(id) && !batch.repeated.has(id)) settled.add(id);
  return settled;
}

/** The batch without its settled ids. */
function unsettled(batch: Batch, settled: ReadonlySet<string>): Batch {
  if (settled.size === 0) return batch;
  return { ...batch, inputs: batch.inputs.filter((i) => !settled.has(i.arxivId)), ids: batch.ids.filter((id) => !settled.has(id)) };
}

/** The plan's result with the settled ids counted unchanged (ids in input order). */
function withSettled(batch: Batch, settled: ReadonlySet<string>, result: UpsertResult): UpsertResult {
  if (settled.size === 0) return result;
  const unchanged = new Set(result.unchanged);
  return { ...result, unchanged: batch.ids.filter((id) => settled.has(id) || unchanged.has(id)) };
}

/** Same ids with the same updatedAt: every write bumps updatedAt, so nothing changed meanwhile. */
function sameVersions(before: ReadonlyMap<string, Paper>, now: ReadonlyMap<string, number>): boolean {
  if (before.size !== now.size) return false;
  for (const [id, p] of before) if (now.get(id) !== p.updatedAt.getTime()) return false;
  return true;
}

// ---- SQLite: all synchronous, run inside the store's queue (connect.ts), so nothing of this
// process interleaves; another process can, hence the re-check under the write lock.

interface SqliteStatements {
  aliases: BetterSqlite3.Statement;
  hashes: BetterSqlite3.Statement;
  read: BetterSqlite3.Statement;
  versions: BetterSqlite3.Statement;
  write: BetterSqlite3.Statement;
}
const sqliteStatements = new WeakMap<BetterSqlite3.Database, SqliteStatements>();

function statementsFor(db: BetterSqlite3.Database): SqliteStatements {
  let s = sqliteStatements.get(db);
  if (!s) {
    // The ids travel as one JSON parameter: one prepared statement for any batch size.
    const ids = `"arxivId" IN (SELECT value FROM json_each(?))`;
    s = {
      // The DOI alias lookup (doi-alias.ts): one query per batch, on the arxivId key and the doi index.
      aliases: db.prepare(`SELECT "arxivId", "doi" FROM "Paper" WHERE ${ids} OR "doi" IN (SELECT value FROM json_each(?))`).raw(true),
      hashes: db.prepare(`SELECT "arxivId", "inputHash" FROM "Paper" WHERE ${ids}`).raw(true),
      read: db.prepare(`SELECT ${COLUMN_LIST} FROM "Paper" WHERE ${ids}`).raw(true),
      versions: db.prepare(`SELECT "arxivId", "updatedAt" FROM "Paper" WHERE ${ids}`).raw(true),
      write: db.prepare(
        `INSERT INTO "Paper" (${COLUMN_LIST}) VALUES (${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT ("arxivId") DO UPDATE SET ${UPDATE_SET}`,
      ),
    };
    sqliteStatements.set(db, s);
  }
  return s;
}

function sqliteRead(s: SqliteStatements, ids: readonly string[]): Map<string, Paper> {
  const out = new Map<string, Paper>();
  if (ids.length === 0) return out;
  for (const r of s.read.all(JSON.stringify(ids)) as unknown[][]) out.set(r[0] as string, paperFromValues(r));
  return out;
}

/** The batch with its items addressed by DOI (doi-alias.ts); the same array when it has nothing to look up. */
function sqliteAliased(s: SqliteStatements, inputs: readonly PaperInput[]): readonly PaperInput[] {
  const lookup = aliasLookup(inputs);
  if (!lookup) return inputs;
  const rows = s.aliases.all(JSON.stringify(lookup.ids), JSON.stringify(lookup.dois)) as Array<[string, string | null]>;
  return resolveDoiAliases(inputs, rows.map(([arxivId, doi]) => ({ arxivId, doi })));
}

function sqliteUpsert(db: BetterSqlite3.Database, given: readonly PaperInput[], now: Date): UpsertResult {
  const s = statementsFor(db);
  const inputs = sqliteAliased(s, given);
  const batch = batchOf(inputs);
  // Plan outside any transaction first: when nothing changed, no lock and no write.
  const settled = settledIds(batch, s.hashes.all(JSON.stringify(batch.ids)) as Array<[string, string | null]>);
  const rest = unsettled(batch, settled);
  const before = sqliteRead(s, rest.ids);
  const first = planUpsert(before, rest.inputs, now);
  if (first.writes.length === 0) return withSettled(batch, settled, first.result);
  // IMMEDIATE takes the write lock up front or throws SQLITE_BUSY before writing anything (the
  // store retries the whole call on a timer, connect.ts lockRetry); a rollback on any throw.
  const [result, whole] = db
    .transaction((): [UpsertResult, boolean] => {
      // A writer in between may have stored one of the batch's DOIs: then the batch, addressed
      // again, is read and merged whole under the lock.
      const again = sqliteAliased(s, given);
      if (!sameAddresses(inputs, again)) {
        const b = batchOf(again);
        const plan = planUpsert(sqliteRead(s, b.ids), again, now);
        for (const p of plan.writes) s.write.run(rowValues(p, b.lastHash.get(p.arxivId) ?? null, sqliteDate));
        return [plan.result, true];
      }
      const current = new Map<string, number>();
      for (const [id, at] of s.versions.all(JSON.stringify(rest.ids)) as Array<[string, string]>) current.set(id, Date.parse(at));
      // Usually nobody wrote in between: keep the first plan instead of reading and merging again.
      const plan = sameVersions(before, current) ? first : planUpsert(sqliteRead(s, rest.ids), rest.inputs, now);
      for (const p of plan.writes) s.write.run(rowValues(p, batch.lastHash.get(p.arxivId) ?? null, sqliteDate));
      return [plan.result, false];
    })
    .immediate();
  return whole ? result : withSettled(batch, settled, result);
}

// ---- PostgreSQL: one pooled connection for the call; the write is a transaction on it.

/** Advisory lock key for paper writes on PostgreSQL (any constant not used elsewhere). */
const PAPER_WRITE_LOCK = 7_270_736_902;

/** Rows per INSERT statement: bounds statement memory; one transaction holds them all. */
const MAX_ROWS_PER_INSERT = 1000;

/** Dates as epoch milliseconds: no dependence on pg's type parsers, which Prisma shares. */
const epochMs = (c: string) => `floor(extract(epoch from "${c}") * 1000)::float8`;
const PG_SELECT = COLUMNS.map((c) => (DATE_COLUMNS.has(c) ? epochMs(c) : `"${c}"`)).join(', ');
const PG_BY_IDS = `FROM "Paper" WHERE "arxivId" = ANY($1::text[])`;

/**
 * The whole chunk travels as ONE JSON parameter that the server unpacks: one round trip per
 * thousand rows instead of one per row.
 */
const PG_UPSERT = `INSERT INTO "Paper" (${COLUMN_LIST}) SELECT ${COLUMNS.map((c, i) => (INT_COLUMNS.has(c) ? `(r->>${i})::integer` : DATE_COLUMNS.has(c) ? `(r->>${i})::timestamp(3)` : `r->>${i}`)).join(', ')} FROM jsonb_array_elements($1::jsonb) AS r ON CONFLICT ("arxivId") DO UPDATE SET ${UPDATE_SET}`;

async function pgRows<R extends unknown[]>(c: pg.PoolClient, select: string, ids: readonly string[]): Promise<R[]> {
  if (ids.length === 0) return [];
  return (await c.query<R>({ text: `SELECT ${select} ${PG_BY_IDS}`, values: [ids], rowMode: 'array' })).rows;
}

async function pgRead(c: pg.PoolClient, ids: readonly string[]): Promise<Map<string, Paper>> {
  const out = new Map<string, Paper>();
  for (const r of await pgRows(c, PG_SELECT, ids)) out.set(r[0] as string, paperFromValues(r));
  return out;
}

async function pgWrite(c: pg.PoolClient, plan: UpsertPlan, batch: Batch): Promise<void> {
  for (let start = 0; start < plan.writes.length; start += MAX_ROWS_PER_INSERT) {
    const chunk = plan.writes.slice(start, start + MAX_ROWS_PER_INSERT);
    await c.query(PG_UPSERT, [JSON.stringify(chunk.map((p) => rowValues(p, batch.lastHash.get(p.arxivId) ?? null, pgDate)))]);
  }
}

/** The batch with its items addressed by DOI (doi-alias.ts); the same array when it has nothing to look up. */
async function pgAliased(c: pg.PoolClient, inputs: readonly PaperInput[]): Promise<readonly PaperInput[]> {
  const lookup = aliasLookup(inputs);
  if (!lookup) return inputs;
  const { rows } = await c.query<[string, string | null]>({
    text: `SELECT "arxivId", "doi" FROM "Paper" WHERE "arxivId" = ANY($1::text[]) OR "doi" = ANY($2::text[])`,
    values: [lookup.ids, lookup.dois],
    rowMode: 'array',
  });
  return resolveDoiAliases(inputs, rows.map(([arxivId, doi]) => ({ arxivId, doi })));
}

async function pgUpsert(pool: pg.Pool, given: readonly PaperInput[], now: Date): Promise<UpsertResult> {
  const c = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client whose connection ends (pg_terminate_backend, a server restart) emits
  // 'error' besides failing its query; with no listener that ended the process.
  const onError = (err: Error) => {
    broken = err;
  };
  c.on('error', onError);
  try {
    const inputs = await pgAliased(c, given);
    const batch = batchOf(inputs);
    const settled = settledIds(batch, await pgRows<[string, string | null]>(c, `"arxivId", "inputHash"`, batch.ids));
    const rest = unsettled(batch, settled);
    const before = await pgRead(c, rest.ids);
    const first = planUpsert(before, rest.inputs, now);
    if (first.writes.length === 0) return withSettled(batch, settled, first.result);
    await c.query('BEGIN');
    try {
      // One paper writer at a time across replicas (SQLite's write lock does this there), so two
      // ingests of the same new paper merge instead of overwriting each other.
      await c.query(`SELECT pg_advisory_xact_lock(${PAPER_WRITE_LOCK})`);
      // A writer in between may have stored one of the batch's DOIs (see sqliteUpsert).
      const again = await pgAliased(c, given);
      if (!sameAddresses(inputs, again)) {
        const b = batchOf(again);
        const plan = planUpsert(await pgRead(c, b.ids), again, now);
        await pgWrite(c, plan, b);
        await c.query('COMMIT');
        return plan.result;
      }
      const versions = await pgRows<[string, number]>(c, `"arxivId", ${epochMs('updatedAt')}`, rest.ids);
      const plan = sameVersions(before, new Map(versions)) ? first : planUpsert(await pgRead(c, rest.ids), rest.inputs, now);
      await pgWrite(c, plan, batch);
      await c.query('COMMIT');
      return withSettled(batch, settled, plan.result);
    } catch (err) {
      await c.query('ROLLBACK').catch((rollbackErr: unknown) => {
        broken = rollbackErr as Error;
      });
      throw err;
    }
  } catch (err) {
    // A connection that failed mid-query may be unusable: drop it rather than return it to the pool.
    broken ??= err instanceof Error && !('severity' in err) ? err : undefined;
    throw err;
  } finally {
    c.off('error', onError);
    c.release(broken);
  }
}

export async function rawUpsertMany(driver: RawDriver, inputs: readonly PaperInput[], now: Date): Promise<UpsertResult> {
  return driver.provider === 'sqlite' ? sqliteUpsert(driver.db, inputs, now) : pgUpsert(driver.pool, inputs, now);
}

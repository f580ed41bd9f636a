/**
 * PaperStore on Prisma. Reads use the client; the bulk write is set-based: one read of the
 * batch's ids, the merge in memory (core/papers/merge.ts), then only new or changed rows in
 * multi-row `INSERT … ON CONFLICT ("arxivId") DO UPDATE` statements inside one transaction.
 * An unchanged re-ingest reads once and writes nothing.
 */
import type { PaperListQuery, PaperStore } from '../core/ports.js';
import type { Paper, SourceName } from '../core/papers/paper.js';
import type { DbClient, DbTx, StoreDb } from './connect.js';
import { fromJsonList, toJsonList } from './json-list.js';
import { planUpsert } from './upsert-plan.js';

type PaperRow = Awaited<ReturnType<DbClient['paper']['findFirstOrThrow']>>;

export function paperFromRow(r: PaperRow): Paper {
  return {
    arxivId: r.arxivId,
    version: r.version,
    title: r.title,
    abstract: r.abstract,
    authors: fromJsonList(r.authors),
    publishedAt: r.publishedAt,
    announcedAt: r.announcedAt,
    absUrl: r.absUrl,
    pdfUrl: r.pdfUrl,
    categories: fromJsonList(r.categories),
    upvotes: r.upvotes,
    commentCount: r.commentCount,
    githubRepo: r.githubRepo,
    projectPage: r.projectPage,
    aiSummary: r.aiSummary,
    aiKeywords: fromJsonList(r.aiKeywords),
    sources: fromJsonList<SourceName>(r.sources),
    summary: r.summary,
    summarySource: r.summarySource,
    firstSeenAt: r.firstSeenAt,
    updatedAt: r.updatedAt,
  };
}

/** Column order of the bulk INSERT; `values` must follow it. */
const COLUMNS = [
  'arxivId', 'version', 'title', 'abstract', 'authors', 'publishedAt', 'announcedAt', 'absUrl', 'pdfUrl', 'categories', 'upvotes',
  'commentCount', 'githubRepo', 'projectPage', 'aiSummary', 'aiKeywords', 'sources', 'summary', 'summarySource', 'firstSeenAt', 'updatedAt',
] as const;
const INT_COLUMNS: ReadonlySet<string> = new Set(['version', 'upvotes', 'commentCount']);
const DATE_COLUMNS: ReadonlySet<string> = new Set(['publishedAt', 'announcedAt', 'firstSeenAt', 'updatedAt']);

/**
 * Dates inside the JSON batch, in exactly the form each adapter writes a DateTime parameter
 * (see connect.ts), so raw-written rows and Prisma-written rows compare and sort alike.
 */
const DATE_TEXT = {
  sqlite: (d: Date) => d.toISOString().replace('Z', '+00:00'),
  postgresql: (d: Date) => d.toISOString().slice(0, -1),
} as const;

function rowValues(p: Paper, date: (d: Date) => string): unknown[] {
  const d = (v: Date | null) => (v ? date(v) : null);
  return [
    p.arxivId, p.version, p.title, p.abstract, toJsonList(p.authors), d(p.publishedAt), d(p.announcedAt), p.absUrl, p.pdfUrl, toJsonList(p.categories),
    p.upvotes, p.commentCount, p.githubRepo, p.projectPage, p.aiSummary, toJsonList(p.aiKeywords), toJsonList(p.sources), p.summary,
    p.summarySource, d(p.firstSeenAt), d(p.updatedAt),
  ];
}

// firstSeenAt is never overwritten: the first sighting stays the first. The summary belongs
// to setSummary alone (merges never change it), so a summary stored meanwhile survives.
const KEEP_ON_CONFLICT: ReadonlySet<string> = new Set(['arxivId', 'firstSeenAt', 'summary', 'summarySource']);
const UPDATE_SET = COLUMNS.filter((c) => !KEEP_ON_CONFLICT.has(c))
  .map((c) => `"${c}" = excluded."${c}"`)
  .join(', ');
const COLUMN_LIST = COLUMNS.map((c) => `"${c}"`).join(', ');

/**
 * The whole chunk travels as ONE bind parameter (a JSON array of row arrays) that the database
 * unpacks: thousands of individual parameters cost far more in Prisma's raw-parameter
 * handling (and GC) than the INSERT itself. `WHERE true` is SQLite's required disambiguation
 * between INSERT … SELECT and its upsert clause.
 */
const BULK_UPSERT = {
  sqlite: `INSERT INTO "Paper" (${COLUMN_LIST}) SELECT ${COLUMNS.map((_, i) => `json_extract(value, '$[${i}]')`).join(', ')} FROM json_each(?) WHERE true ON CONFLICT ("arxivId") DO UPDATE SET ${UPDATE_SET}`,
  postgresql: `INSERT INTO "Paper" (${COLUMN_LIST}) SELECT ${COLUMNS.map((c, i) => (INT_COLUMNS.has(c) ? `(r->>${i})::integer` : DATE_COLUMNS.has(c) ? `(r->>${i})::timestamp(3)` : `r->>${i}`)).join(', ')} FROM json_array_elements($1::json) AS r ON CONFLICT ("arxivId") DO UPDATE SET ${UPDATE_SET}`,
} as const;

/** Advisory lock key for paper writes on PostgreSQL (any constant not used elsewhere). */
const PAPER_WRITE_LOCK = 7_270_736_902;

/** Rows per INSERT statement: bounds statement memory; one transaction holds them all. */
export const MAX_ROWS_PER_INSERT = 1000;

async function writePapers(db: StoreDb, tx: DbTx, papers: readonly Paper[]): Promise<void> {
  for (let start = 0; start < papers.length; start += MAX_ROWS_PER_INSERT) {
    const chunk = papers.slice(start, start + MAX_ROWS_PER_INSERT);
    const batch = JSON.stringify(chunk.map((p) => rowValues(p, DATE_TEXT[db.provider])));
    await tx.$executeRawUnsafe(BULK_UPSERT[db.provider], batch);
  }
}

/** Raw rows carry Dates on both adapters; accept text/epoch too, in case a row was hand-written. */
function asDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(typeof v === 'bigint' ? Number(v) : (v as string | number));
}

/**
 * Existing papers for a batch. Raw SQL, not findMany: with hundreds of ids Prisma's query
 * compilation costs more than the read itself, and this runs once or twice per ingest batch.
 */
async function fetchExisting(db: StoreDb, client: DbClient | DbTx, ids: readonly string[]): Promise<Map<string, Paper>> {
  const out = new Map<string, Paper>();
  const unique = [...new Set(ids)];
  const perQuery = Math.min(5_000, db.maxParams);
  for (let i = 0; i < unique.length; i += perQuery) {
    const chunk = unique.slice(i, i + perQuery);
    const rows = await client.$queryRawUnsafe<PaperRow[]>(
      `SELECT * FROM "Paper" WHERE "arxivId" IN (${chunk.map((_, k) => db.param(k + 1)).join(', ')})`,
      ...chunk,
    );
    for (const r of rows) {
      const p = paperFromRow(r);
      p.publishedAt = asDate(r.publishedAt);
      p.announcedAt = asDate(r.announcedAt);
      p.firstSeenAt = asDate(r.firstSeenAt)!;
      p.updatedAt = asDate(r.updatedAt)!;
      out.set(p.arxivId, p);
    }
  }
  return out;
}

/** Same ids with the same updatedAt: every write bumps updatedAt, so nothing changed. */
function sameVersions(a: ReadonlyMap<string, Paper>, b: ReadonlyMap<string, Paper>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, p] of a) if (b.get(id)?.updatedAt.getTime() !== p.updatedAt.getTime()) return false;
  return true;
}

export function createPrismaPaperStore(db: StoreDb): PaperStore {
  return {
    async getMany(ids) {
      if (ids.length === 0) return new Map();
      return db.run((c) => fetchExisting(db, c, ids));
    },
    async get(id) {
      const row = await db.run((c) => c.paper.findUnique({ where: { arxivId: id } }));
      return row ? paperFromRow(row) : null;
    },
    async upsertMany(inputs, now) {
      if (inputs.length === 0) return { created: [], updated: [], unchanged: [], skipped: [] };
      const ids = inputs.map((i) => i.arxivId);
      // Plan outside any transaction first: when nothing changed, no lock and no write.
      const before = await db.run((c) => fetchExisting(db, c, ids));
      const first = planUpsert(before, inputs, now);
      if (first.writes.length === 0) return first.result;
      // Something to write: re-read under the write lock so a concurrent writer's merge
      // isn't overwritten with stale data, and write all of it or none.
      return db.tx(async (tx) => {
        // Postgres: one paper writer at a time across replicas (SQLite's write lock does this
        // there), so two ingests of the same new paper merge instead of overwriting each other.
        if (db.provider === 'postgresql') await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${PAPER_WRITE_LOCK})`);
        const current = await fetchExisting(db, tx, ids);
        // Usually nobody wrote in between: keep the first plan instead of merging again.
        const plan = sameVersions(before, current) ? first : planUpsert(current, inputs, now);
        await writePapers(db, tx, plan.writes);
        return plan.result;
      });
    },
    async list(query: PaperListQuery) {
      const dir = query.order === 'oldest' ? 'asc' : 'desc';
      const rows = await db.run((c) =>
        c.paper.findMany({
          where: {
            ...(query.since ? { firstSeenAt: { gte: query.since } } : {}),
            ...(query.updatedAfter ? { updatedAt: { gt: query.updatedAfter } } : {}),
          },
          orderBy: [{ publishedAt: { sort: dir, nulls: 'last' } }, { firstSeenAt: dir }, { arxivId: dir }],
          ...(query.limit !== undefined ? { take: Math.max(0, query.limit) } : {}),
        }),
      );
      return rows.map(paperFromRow);
    },
    async *iterate(pageSize = 1000) {
      let after: string | undefined;
      for (;;) {
        const rows = await db.run((c) =>
          c.paper.findMany({ where: after === undefined ? {} : { arxivId: { gt: after } }, orderBy: { arxivId: 'asc' }, take: pageSize }),
        );
        if (rows.length === 0) return;
        yield rows.map(paperFromRow);
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1]!.arxivId;
      }
    },
    async count() {
      return db.run((c) => c.paper.count());
    },
    async setSummary(id, summary, source) {
      // Conditional update: of two concurrent summarizers exactly one wins.
      const { count } = await db.run((c) => c.paper.updateMany({ where: { arxivId: id, summary: null }, data: { summary, summarySource: source } }));
      return count === 1;
    },
  };
}

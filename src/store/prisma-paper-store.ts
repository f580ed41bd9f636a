/**
 * PaperStore on Prisma. Reads use the client; the bulk write (upsertMany) runs on the raw
 * driver underneath, see raw-paper-upsert.ts.
 */
import type { PaperListQuery, PaperStore } from '../core/ports.js';
import type { Paper, SourceName } from '../core/papers/paper.js';
import { paramList, statementParams, type DbClient, type StoreDb } from './connect.js';
import { fromJsonList } from './json-list.js';
import { rawUpsertMany } from './raw-paper-upsert.js';
import { slices } from '../slices.js';
import { dateParam, rawDate } from './raw-dates.js';
import { comparePapers } from './paper-order.js';

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
    doi: r.doi,
    summary: r.summary,
    summarySource: r.summarySource,
    firstSeenAt: r.firstSeenAt,
    updatedAt: r.updatedAt,
  };
}

/**
 * Existing papers for a batch. Raw SQL, not findMany: with hundreds of ids Prisma's query
 * compilation costs more than the read itself.
 */
async function fetchExisting(db: StoreDb, client: DbClient, ids: readonly string[]): Promise<Map<string, Paper>> {
  const out = new Map<string, Paper>();
  const unique = [...new Set(ids)];
  const perQuery = Math.min(5_000, db.maxParams);
  for (const chunk of slices(unique, perQuery)) {
    const rows = await client.$queryRawUnsafe<PaperRow[]>(
      `SELECT * FROM "Paper" WHERE "arxivId" IN (${paramList(db, 1, chunk.length)})`,
      ...chunk,
    );
    for (const r of rows) {
      const p = paperFromRawRow(r);
      out.set(p.arxivId, p);
    }
  }
  return out;
}

function paperFromRawRow(r: PaperRow): Paper {
  const p = paperFromRow(r);
  p.publishedAt = rawDate(r.publishedAt);
  p.announcedAt = rawDate(r.announcedAt);
  p.firstSeenAt = rawDate(r.firstSeenAt)!;
  p.updatedAt = rawDate(r.updatedAt)!;
  return p;
}

/** Where paging starts: `field` at or after (`>=`) or after (`>`) a date. */
interface PageStart {
  op: '>=' | '>';
  at: Date;
}

/**
 * Papers from `start` to before `before`, in pages ordered by `field` then arxivId, or by arxivId
 * alone: keyset paging on that index with a row-value comparison (raw SQL: Prisma writes the
 * tie-break as an OR, which neither database serves from the index). One ingest run stores all
 * its papers at one instant, so the id breaks the tie. A page after the first drops `start`: the
 * row value already implies it, and beside it SQLite seeks the index at `start` and walks every
 * earlier page again (100,000 papers of a backfill: 1,000 pages of up to 30 ms each).
 */
async function* keysetPages(db: StoreDb, field: 'firstSeenAt' | 'updatedAt' | null, start: PageStart | null, before: Date | null, pageSize: number): AsyncGenerator<Paper[]> {
  const at = dateParam(db.provider);
  const limit = Math.max(1, Math.floor(pageSize));
  const keys = field ? [`"${field}"`, '"arxivId"'] : ['"arxivId"'];
  let after: string[] | null = null;
  for (;;) {
    const clauses: string[] = [];
    const { values: params, bind } = statementParams(db);
    if (after) clauses.push(`(${keys.join(', ')}) > (${bind(...after)})`);
    else if (start) clauses.push(`"${field}" ${start.op} ${bind(at(start.at))}`);
    if (before) clauses.push(`"${field}" < ${bind(at(before))}`);
    const sql = `SELECT * FROM "Paper"${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''} ORDER BY ${keys.join(', ')} LIMIT ${limit}`;
    // db.query: on SQLite a one-off `paperboy search` building or catching up its index loads no Prisma.
    const rows: PaperRow[] = await db.query<PaperRow>(sql, params);
    if (rows.length === 0) return;
    const page: Paper[] = rows.map(paperFromRawRow);
    yield page;
    if (rows.length < limit) return;
    const last: Paper = page[page.length - 1]!;
    after = field ? [at(last[field])!, last.arxivId] : [last.arxivId];
  }
}

export function createPrismaPaperStore(db: StoreDb): PaperStore {
  return {
    async getMany(ids) {
      if (ids.length === 0) return new Map();
      return db.run((c) => fetchExisting(db, c, ids));
    },
    // get and list in raw SQL: they are what `paperboy papers show|list` do, and on SQLite
    // `db.query` runs them without loading Prisma (see StoreDb.query).
    async get(id) {
      const rows = await db.query<PaperRow>(`SELECT * FROM "Paper" WHERE "arxivId" = ${db.param(1)}`, [id]);
      return rows[0] ? paperFromRawRow(rows[0]) : null;
    },
    async upsertMany(inputs, now) {
      if (inputs.length === 0) return { created: [], updated: [], unchanged: [], skipped: [] };
      return db.raw((driver) => rawUpsertMany(driver, inputs, now));
    },
    async list(query: PaperListQuery) {
      // By paperDate (published, else first stored; paper-order.ts), read as two range reads
      // merged here rather than ORDER BY COALESCE(…), which sorts every paper (millions after a
      // bulk backfill): dated papers on the publishedAt index, undated ones (few: feed entries
      // without a date) on their own. Each read keeps `limit` rows, so the merge is exact.
      const dir = query.order === 'oldest' ? 'ASC' : 'DESC';
      const at = dateParam(db.provider);
      const params: unknown[] = [];
      let where = '';
      if (query.since) {
        params.push(at(query.since));
        where += ` AND "firstSeenAt" >= ${db.param(params.length)}`;
      }
      if (query.summarySource !== undefined) {
        params.push(query.summarySource);
        where += ` AND "summarySource" = ${db.param(params.length)}`;
      }
      const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
      const [dated, undated] = await Promise.all([
        db.query<PaperRow>(`SELECT * FROM "Paper" WHERE "publishedAt" IS NOT NULL${where} ORDER BY "publishedAt" ${dir}, "firstSeenAt" ${dir}, "arxivId" ${dir}${limit}`, params),
        db.query<PaperRow>(`SELECT * FROM "Paper" WHERE "publishedAt" IS NULL${where} ORDER BY "firstSeenAt" ${dir}, "arxivId" ${dir}${limit}`, params),
      ]);
      const order = query.order ?? 'newest';
      const merged = [...dated, ...undated].map(paperFromRawRow).sort((a, b) => comparePapers(a, b, order));
      return query.limit !== undefined ? merged.slice(0, Math.max(0, Math.floor(query.limit))) : merged;
    },
    iterate(pageSize = 1000) {
      return keysetPages(db, null, null, null, pageSize);
    },
    iterateSeen(window, pageSize = 1000) {
      return keysetPages(db, 'firstSeenAt', { op: '>=', at: window.since }, window.before, pageSize);
    },
    iterateUpdated(after, pageSize = 1000) {
      return keysetPages(db, 'updatedAt', after ? { op: '>', at: after } : null, null, pageSize);
    },
    async count(window) {
      return db.run((c) => c.paper.count(window ? { where: { firstSeenAt: { gte: window.since, lt: window.before } } } : undefined));
    },
    async setSummary(id, summary, source, replacing) {
      // Conditional update: of two concurrent summarizers exactly one wins.
      const where = replacing === undefined ? { arxivId: id, summary: null } : { arxivId: id, OR: [{ summary: null }, { summarySource: replacing }] };
      const { count } = await db.run((c) => c.paper.updateMany({ where, data: { summary, summarySource: source } }));
      return count === 1;
    },
  };
}

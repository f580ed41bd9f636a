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

function values(p: Paper): unknown[] {
  return [
    p.arxivId, p.version, p.title, p.abstract, toJsonList(p.authors), p.publishedAt, p.announcedAt, p.absUrl, p.pdfUrl, toJsonList(p.categories),
    p.upvotes, p.commentCount, p.githubRepo, p.projectPage, p.aiSummary, toJsonList(p.aiKeywords), toJsonList(p.sources), p.summary,
    p.summarySource, p.firstSeenAt, p.updatedAt,
  ];
}

// firstSeenAt is never overwritten: the first sighting stays the first.
const UPDATE_SET = COLUMNS.filter((c) => c !== 'arxivId' && c !== 'firstSeenAt')
  .map((c) => `"${c}" = excluded."${c}"`)
  .join(', ');

/** Rows per INSERT: under the provider's bind-parameter limit, and not absurdly long. */
export const MAX_ROWS_PER_INSERT = 1000;

async function writePapers(db: StoreDb, tx: DbTx, papers: readonly Paper[]): Promise<void> {
  const perStatement = Math.min(MAX_ROWS_PER_INSERT, Math.floor(db.maxParams / COLUMNS.length));
  const columnList = COLUMNS.map((c) => `"${c}"`).join(', ');
  for (let start = 0; start < papers.length; start += perStatement) {
    const chunk = papers.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((p) => {
      const marks = values(p).map((v) => {
        params.push(v);
        return db.param(params.length);
      });
      return `(${marks.join(', ')})`;
    });
    await tx.$executeRawUnsafe(
      `INSERT INTO "Paper" (${columnList}) VALUES ${tuples.join(', ')} ON CONFLICT ("arxivId") DO UPDATE SET ${UPDATE_SET}`,
      ...params,
    );
  }
}

async function fetchExisting(client: DbClient | DbTx, ids: readonly string[]): Promise<Map<string, Paper>> {
  const out = new Map<string, Paper>();
  const unique = [...new Set(ids)];
  // IN lists are bound parameters too; 10k stays far below both providers' limits.
  for (let i = 0; i < unique.length; i += 10_000) {
    const rows = await client.paper.findMany({ where: { arxivId: { in: unique.slice(i, i + 10_000) } } });
    for (const r of rows) out.set(r.arxivId, paperFromRow(r));
  }
  return out;
}

export function createPrismaPaperStore(db: StoreDb): PaperStore {
  return {
    async getMany(ids) {
      if (ids.length === 0) return new Map();
      return db.run((c) => fetchExisting(c, ids));
    },
    async get(id) {
      const row = await db.run((c) => c.paper.findUnique({ where: { arxivId: id } }));
      return row ? paperFromRow(row) : null;
    },
    async upsertMany(inputs, now) {
      if (inputs.length === 0) return { created: [], updated: [], unchanged: [], skipped: [] };
      const ids = inputs.map((i) => i.arxivId);
      // Plan outside any transaction first: when nothing changed, no lock and no write.
      const first = planUpsert(await db.run((c) => fetchExisting(c, ids)), inputs, now);
      if (first.writes.length === 0) return first.result;
      // Something to write: re-read under the write lock so a concurrent writer's merge
      // isn't overwritten with stale data, and write all of it or none.
      return db.tx(async (tx) => {
        const plan = planUpsert(await fetchExisting(tx, ids), inputs, now);
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

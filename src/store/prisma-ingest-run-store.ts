/** IngestRunStore on Prisma: one row per ingest job run. */
import { randomUUID } from 'node:crypto';
import type { IngestRun, IngestRunStore, IngestStatus } from '../core/ports.js';
import type { SourceName } from '../core/papers/paper.js';
import type { DbClient, StoreDb } from './connect.js';

type Row = Awaited<ReturnType<DbClient['ingestRun']['findFirstOrThrow']>>;

const fromRow = (r: Row): IngestRun => ({
  id: r.id,
  source: r.source as SourceName,
  window: r.window,
  created: r.created,
  updated: r.updated,
  unchanged: r.unchanged,
  failed: r.failed,
  status: r.status as IngestStatus,
  error: r.error,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

export function createPrismaIngestRunStore(db: StoreDb): IngestRunStore {
  return {
    async start(source, window, now) {
      const row = await db.run((c) => c.ingestRun.create({ data: { id: randomUUID(), source, window, status: 'running', startedAt: now } }));
      return fromRow(row);
    },
    async finish(run) {
      const { id, source: _source, startedAt: _startedAt, ...rest } = run;
      await db.run((c) => c.ingestRun.updateMany({ where: { id }, data: rest }));
    },
    async latest(limit = 10) {
      const rows = await db.run((c) => c.ingestRun.findMany({ orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: limit }));
      return rows.map(fromRow);
    },
  };
}

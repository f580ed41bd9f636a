/** IngestRunStore on Prisma: one row per ingest job run. */
import { randomUUID } from 'node:crypto';
import type { IngestRun, IngestRunStore, IngestStatus, UnitDigest } from '../core/ports.js';
import { UNFINISHED_AFTER_MS, UNFINISHED_RUN } from '../core/papers/ports.js';
import type { SourceName } from '../core/papers/paper.js';
import type { DbClient, StoreDb } from './connect.js';

type Row = Awaited<ReturnType<DbClient['ingestRun']['findFirstOrThrow']>>;

/** Finished runs read for settled units: a unit's last good run is nearly always among the latest few. */
const SETTLED_RUNS_READ = 50;

function readDigests(text: string | null): Record<string, UnitDigest> | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, UnitDigest>) : null;
  } catch {
    // Unreadable digests only cost a skip.
    return null;
  }
}

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
  unitDigests: readDigests(r.unitDigests),
});

export function createPrismaIngestRunStore(db: StoreDb): IngestRunStore {
  return {
    async start(source, window, now) {
      const row = await db.run((c) => c.ingestRun.create({ data: { id: randomUUID(), source, window, status: 'running', startedAt: now } }));
      // A run that never recorded its end (its process was killed, or the database refused its
      // last write) would read as running for ever: a later run of the source closes it once it
      // is older than any run takes. Housekeeping: the next start tries again if this fails.
      const before = new Date(now.getTime() - UNFINISHED_AFTER_MS);
      await db.run((c) => c.ingestRun.updateMany({ where: { source, status: 'running', startedAt: { lt: before } }, data: { status: 'failed', error: UNFINISHED_RUN } })).catch(() => undefined);
      return fromRow(row);
    },
    async finish(run) {
      const { id, source: _source, startedAt: _startedAt, unitDigests, ...rest } = run;
      const digests = unitDigests && Object.keys(unitDigests).length > 0 ? JSON.stringify(unitDigests) : null;
      await db.run((c) => c.ingestRun.updateMany({ where: { id }, data: { ...rest, unitDigests: digests } }));
    },
    async latest(limit = 10, source) {
      const rows = await db.run((c) => c.ingestRun.findMany({ ...(source ? { where: { source } } : {}), orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: limit }));
      return rows.map(fromRow);
    },
    async settledUnits(source) {
      const rows = await db.run(async (c) => {
        // Paper.updatedAt is indexed and every content write stamps it (raw-paper-upsert.ts).
        const lastWrite = (await c.paper.aggregate({ _max: { updatedAt: true } }))._max.updatedAt;
        return c.ingestRun.findMany({
          where: { source, unitDigests: { not: null }, finishedAt: lastWrite ? { gte: lastWrite } : { not: null } },
          orderBy: [{ finishedAt: 'desc' }, { id: 'desc' }],
          take: SETTLED_RUNS_READ,
          select: { unitDigests: true },
        });
      });
      const settled = new Map<string, UnitDigest>();
      for (const row of rows) {
        for (const [label, digest] of Object.entries(readDigests(row.unitDigests) ?? {})) {
          if (!settled.has(label) && typeof digest?.d === 'string' && typeof digest.n === 'number') settled.set(label, digest);
        }
      }
      return settled;
    },
  };
}

/** IngestRunStore on Prisma: one row per ingest job run. */
import { randomUUID } from 'node:crypto';
import type { IngestRun, IngestRunStore, IngestStatus, UnitDigest } from '../core/ports.js';
import { abandonedRunError, INGEST_RUN_LEASE_MS, ingestRunLeaseKey, UNFINISHED_AFTER_MS } from '../core/papers/ports.js';
import type { SourceName } from '../core/papers/paper.js';
import type { DbClient, StoreDb } from './connect.js';
import { createUnlessExists } from './prisma-errors.js';
import { leaseHolderGone, thisLeaseHolder } from './run-lease-holder.js';

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

/** Who holds a run's lease: said in the abandoned run's error. Per process: its runs live and die with it. */
const HOLDER = thisLeaseHolder();

/**
 * A running run's owner is gone when its lease lapsed, or at once when its holder is a process of
 * this host that is dead (a service restarted straight after a crash). A run without a lease was
 * started by a version before leases (or its lease write failed): gone once older than any run
 * takes, by its own start time.
 */
interface Owner {
  holder: string;
  expiresAt: Date;
}
function abandonedSince(row: { startedAt: Date }, lease: Owner | undefined, wallNow: number, runNow = wallNow): Date | null {
  if (lease) return lease.expiresAt.getTime() <= wallNow || leaseHolderGone(lease.holder) ? new Date(lease.expiresAt.getTime() - INGEST_RUN_LEASE_MS) : null;
  return row.startedAt.getTime() < runNow - UNFINISHED_AFTER_MS ? row.startedAt : null;
}

export function createPrismaIngestRunStore(db: StoreDb): IngestRunStore {
  const leasesOf = async (ids: string[]): Promise<Map<string, Owner>> => {
    if (!ids.length) return new Map();
    const rows = await db.run((c) => c.runLease.findMany({ where: { key: { in: ids.map(ingestRunLeaseKey) } } }));
    return new Map(rows.map((r) => [r.key.slice(ingestRunLeaseKey('').length), { holder: r.holder, expiresAt: r.expiresAt }]));
  };
  const renew = async (id: string) => {
    const key = ingestRunLeaseKey(id);
    const expiresAt = new Date(Date.now() + INGEST_RUN_LEASE_MS);
    const renewed = await db.run((c) => c.runLease.updateMany({ where: { key, holder: HOLDER }, data: { expiresAt } }));
    // Gone (swept while this process stalled longer than the lease): taken again; the run's own finish corrects its status.
    if (renewed.count === 0) await createUnlessExists(() => db.run((c) => c.runLease.create({ data: { key, holder: HOLDER, expiresAt } })));
  };
  /** `runNow`: the starting run's own time, which a run without a lease is judged by. */
  const closeAbandoned = async (source?: string, runNow?: number): Promise<number> => {
    const running = await db.run((c) => c.ingestRun.findMany({ where: { status: 'running', ...(source ? { source } : {}) }, select: { id: true, startedAt: true } }));
    const leases = await leasesOf(running.map((r) => r.id));
    const wallNow = Date.now();
    let closed = 0;
    for (const row of running) {
      const lease = leases.get(row.id);
      const since = abandonedSince(row, lease, wallNow, runNow);
      if (!since) continue;
      // Only while still running: a finish written meanwhile stands.
      const done = await db.run((c) => c.ingestRun.updateMany({ where: { id: row.id, status: 'running' }, data: { status: 'abandoned', error: abandonedRunError(lease?.holder ?? null, since) } }));
      closed += done.count;
      // Only while still lapsed: a process that came back (a long stall) renewed it and keeps it.
      // A dead holder's lease goes whatever its time: nobody renews it any more.
      const gone = lease && leaseHolderGone(lease.holder) ? [{ holder: lease.holder }] : [];
      if (lease) await db.run((c) => c.runLease.deleteMany({ where: { key: ingestRunLeaseKey(row.id), OR: [{ expiresAt: { lte: new Date(wallNow) } }, ...gone] } }));
    }
    return closed;
  };
  return {
    async start(source, window, now) {
      const id = randomUUID();
      // The lease first: a running row without one would read as a run whose owner is gone.
      await db.run((c) => c.runLease.create({ data: { key: ingestRunLeaseKey(id), holder: HOLDER, expiresAt: new Date(Date.now() + INGEST_RUN_LEASE_MS) } }));
      const row = await db.run((c) => c.ingestRun.create({ data: { id, source, window, status: 'running', startedAt: now } }));
      // Housekeeping: the next start tries again if this fails.
      await closeAbandoned(source, now.getTime()).catch(() => undefined);
      return fromRow(row);
    },
    async heartbeat(run) {
      await renew(run.id);
    },
    async finish(run) {
      const { id, source: _source, startedAt: _startedAt, unitDigests, lastSeenAt: _lastSeenAt, ...rest } = run;
      const digests = unitDigests && Object.keys(unitDigests).length > 0 ? JSON.stringify(unitDigests) : null;
      await db.run((c) => c.ingestRun.updateMany({ where: { id }, data: { ...rest, unitDigests: digests } }));
      // After the end is recorded: a run without its lease reads as abandoned.
      await db.run((c) => c.runLease.deleteMany({ where: { key: ingestRunLeaseKey(id) } }));
    },
    closeAbandoned: () => closeAbandoned(),
    async latest(limit = 10, source) {
      const rows = await db.run((c) => c.ingestRun.findMany({ ...(source ? { where: { source } } : {}), orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: limit }));
      const runs = rows.map(fromRow);
      const running = runs.filter((r) => r.status === 'running');
      if (!running.length) return runs;
      const leases = await leasesOf(running.map((r) => r.id));
      const wallNow = Date.now();
      for (const run of running) {
        const since = abandonedSince(run, leases.get(run.id), wallNow);
        if (since) Object.assign(run, { status: 'abandoned', lastSeenAt: since, error: abandonedRunError(leases.get(run.id)?.holder ?? null, since) });
      }
      return runs;
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

/** TargetStore on Prisma: where digests go, and how far each target's window has advanced. */
import type { DeliveryPart, DeliveryTarget, TargetStore } from '../core/ports.js';
import type { DbClient, StoreDb } from './connect.js';
import { isDigestOpen } from './ledger-rules.js';
import { slices } from '../slices.js';

type Row = Awaited<ReturnType<DbClient['deliveryTarget']['findFirstOrThrow']>>;

export const targetFromRow = (r: Row): DeliveryTarget => ({
  ...r,
  platform: r.platform as DeliveryTarget['platform'],
  kind: r.kind as DeliveryTarget['kind'],
  status: r.status as DeliveryTarget['status'],
});

/** Plan keys per IN list (one parameter each), well under either provider's limit. */
const PLANS_PER_QUERY = 500;

export function createPrismaTargetStore(db: StoreDb): TargetStore {
  return {
    async upsert(target) {
      const { id, ...data } = target;
      await db.run((c) => c.deliveryTarget.upsert({ where: { id }, create: target, update: data }));
    },
    async update(id, changes) {
      const { count } = await db.run((c) => c.deliveryTarget.updateMany({ where: { id }, data: changes }));
      return count > 0;
    },
    async get(id) {
      const row = await db.run((c) => c.deliveryTarget.findUnique({ where: { id } }));
      return row ? targetFromRow(row) : null;
    },
    async list() {
      return (await db.run((c) => c.deliveryTarget.findMany({ orderBy: { id: 'asc' } }))).map(targetFromRow);
    },
    async remove(id) {
      // One transaction: a target is never left half-removed with subscriptions nothing delivers.
      return db.tx(async (tx) => {
        // Its unfinished digests go with it: left open, the next run resumed one as soon as the id
        // was added again (another schedule, or a manual run's window, ends after the new
        // digestFrom), posting the old target's digest at once. What was posted (the parts) and
        // the papers it was given stay.
        const row = await tx.deliveryTarget.findUnique({ where: { id } });
        const plans = await tx.plannedDigest.findMany({ where: { targetId: id, ...(row?.lastDigestAt ? { windowEnd: { gt: row.lastDigestAt } } : {}) }, select: { windowKey: true, windowEnd: true } });
        const open: string[] = [];
        for (const slice of slices(plans, PLANS_PER_QUERY)) {
          const parts = await tx.deliveryPart.findMany({ where: { targetId: id, windowKey: { in: slice.map((p) => p.windowKey) } } });
          for (const p of slice) {
            const own = parts.filter((x) => x.windowKey === p.windowKey).map((x) => ({ ...x, status: x.status as DeliveryPart['status'] }));
            if (isDigestOpen({ targetId: id, windowStart: null, windowEnd: p.windowEnd, items: [], createdAt: p.windowEnd }, own, row ? targetFromRow(row) : null)) open.push(p.windowKey);
          }
        }
        for (const keys of slices(open, PLANS_PER_QUERY)) await tx.plannedDigest.deleteMany({ where: { targetId: id, windowKey: { in: keys } } });
        const { count } = await tx.deliveryTarget.deleteMany({ where: { id } });
        const subs = await tx.subscription.deleteMany({ where: { subscriber: id } });
        return count > 0 || subs.count > 0;
      });
    },
    async markDelivered(id, windowEnd) {
      // Only forward: a late duplicate finishing an older window must not move it back.
      await db.run((c) =>
        c.deliveryTarget.updateMany({ where: { id, OR: [{ lastDigestAt: null }, { lastDigestAt: { lt: windowEnd } }] }, data: { lastDigestAt: windowEnd, failureCount: 0 } }),
      );
    },
    async markFailure(id, reason, broken) {
      await db.run((c) =>
        c.deliveryTarget.updateMany({
          where: { id },
          data: { failureCount: { increment: 1 }, ...(broken ? { status: 'broken', brokenReason: reason } : {}) },
        }),
      );
    },
  };
}

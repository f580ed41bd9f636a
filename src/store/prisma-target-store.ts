/** TargetStore on Prisma: where digests go, and how far each target's window has advanced. */
import type { DeliveryTarget, TargetStore } from '../core/ports.js';
import type { DbClient, StoreDb } from './connect.js';

type Row = Awaited<ReturnType<DbClient['deliveryTarget']['findFirstOrThrow']>>;

export const targetFromRow = (r: Row): DeliveryTarget => ({
  ...r,
  platform: r.platform as DeliveryTarget['platform'],
  kind: r.kind as DeliveryTarget['kind'],
  status: r.status as DeliveryTarget['status'],
});

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

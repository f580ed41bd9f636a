/** SubscriptionStore on Prisma: one row per (subscriber, topic). */
import type { SubscriberKind, Subscription, SubscriptionStore } from '../core/ports.js';
import type { StoreDb } from './connect.js';
import { createUnlessExists, isForeignKeyViolation } from './prisma-errors.js';

export function createPrismaSubscriptionStore(db: StoreDb): SubscriptionStore {
  return {
    async add(sub) {
      try {
        return await createUnlessExists(() => db.run((c) => c.subscription.create({ data: sub })));
      } catch (err) {
        // The topic's key: removed since it was looked up (or being removed, waited for).
        if (isForeignKeyViolation(err)) return 'no-topic';
        throw err;
      }
    },
    async remove(subscriber, topicSlug) {
      const { count } = await db.run((c) => c.subscription.deleteMany({ where: { subscriber, topicSlug } }));
      return count > 0;
    },
    async setLimits(subscriber, topicSlug, limits) {
      const { count } = await db.run((c) => c.subscription.updateMany({ where: { subscriber, topicSlug }, data: limits }));
      return count > 0;
    },
    async list(filter = {}) {
      const rows = await db.run((c) =>
        c.subscription.findMany({
          where: {
            ...(filter.subscriber !== undefined ? { subscriber: filter.subscriber } : {}),
            ...(filter.topicSlug !== undefined ? { topicSlug: filter.topicSlug } : {}),
          },
          orderBy: [{ createdAt: 'asc' }, { subscriber: 'asc' }, { topicSlug: 'asc' }],
        }),
      );
      return rows.map((r): Subscription => ({ ...r, kind: r.kind as SubscriberKind }));
    },
  };
}

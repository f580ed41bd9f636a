/** FollowStore on Prisma: one AuthorFollow row per (subscriber, author). */
import type { FollowStore } from '../core/ports.js';
import type { StoreDb } from './connect.js';
import { createUnlessExists } from './prisma-errors.js';

export function createPrismaFollowStore(db: StoreDb): FollowStore {
  return {
    add: (follow) => createUnlessExists(() => db.run((c) => c.authorFollow.create({ data: follow }))),
    async remove(subscriber, author) {
      const { count } = await db.run((c) => c.authorFollow.deleteMany({ where: { subscriber, author } }));
      return count > 0;
    },
    async list(filter = {}) {
      return db.run((c) =>
        c.authorFollow.findMany({
          where: filter.subscriber !== undefined ? { subscriber: filter.subscriber } : {},
          orderBy: [{ createdAt: 'asc' }, { subscriber: 'asc' }, { author: 'asc' }],
        }),
      );
    },
  };
}

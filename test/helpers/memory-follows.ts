/** FollowStore in memory, with the Prisma store's semantics (store-contract tests both). */
import type { Follow, FollowStore } from '../../src/core/ports.js';
import { copy } from './memory-copy.js';

export function memoryFollows(): FollowStore {
  const rows = new Map<string, Follow>();
  const key = (subscriber: string, author: string) => JSON.stringify([subscriber, author]);
  return {
    async add(follow) {
      const k = key(follow.subscriber, follow.author);
      if (rows.has(k)) return 'exists';
      rows.set(k, copy(follow));
      return 'created';
    },
    async remove(subscriber, author) {
      return rows.delete(key(subscriber, author));
    },
    async list(filter = {}) {
      return [...rows.values()]
        .filter((f) => filter.subscriber === undefined || f.subscriber === filter.subscriber)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.subscriber < b.subscriber ? -1 : a.subscriber > b.subscriber ? 1 : a.author < b.author ? -1 : 1))
        .map(copy);
    },
  };
}

/** TopicStore on Prisma. Removing a topic also removes its subscriptions, feedback and definition. */
import type { TopicDefinition, TopicStore } from '../core/ports.js';
import { DRAFT_NAMESPACE } from '../core/topics/draft-namespace.js';
import type { DbClient, StoreDb } from './connect.js';
import { createUnlessExists } from './prisma-errors.js';
import { fromJsonList, toJsonList } from './json-list.js';

type Row = Awaited<ReturnType<DbClient['topic']['findFirstOrThrow']>>;

const fromRow = (r: Row): TopicDefinition => ({
  slug: r.slug,
  name: r.name,
  description: r.description,
  mustPhrases: fromJsonList(r.mustPhrases),
  mustNotPhrases: fromJsonList(r.mustNotPhrases),
  categories: fromJsonList(r.categories),
  minUpvotes: r.minUpvotes,
  builtin: r.builtin,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
});

/** Thrown inside remove's transaction to roll it back: the subscribers are not those shown. */
class SubscribersChanged extends Error {}

export function createPrismaTopicStore(db: StoreDb): TopicStore {
  return {
    async list() {
      return (await db.run((c) => c.topic.findMany({ orderBy: { slug: 'asc' } }))).map(fromRow);
    },
    async get(slug) {
      const row = await db.run((c) => c.topic.findUnique({ where: { slug } }));
      return row ? fromRow(row) : null;
    },
    add: (t) =>
      createUnlessExists(() =>
        db.run((c) =>
          c.topic.create({
            data: {
              ...t,
              mustPhrases: toJsonList(t.mustPhrases),
              mustNotPhrases: toJsonList(t.mustNotPhrases),
              categories: toJsonList(t.categories),
            },
          }),
        ),
      ),
    async remove(slug, expected) {
      return db
        .tx(async (tx) => {
          const { count } = await tx.topic.deleteMany({ where: { slug } });
          if (count === 0) return false;
          if (expected) {
            // Only those shown go; one left over was made since, one missing was removed since.
            // Either way the rollback keeps everything, the topic with it.
            const gone = await tx.subscription.deleteMany({ where: { topicSlug: slug, subscriber: { in: [...expected.subscribers] } } });
            const left = await tx.subscription.count({ where: { topicSlug: slug } });
            if (gone.count !== expected.subscribers.length || left > 0) throw new SubscribersChanged();
          } else {
            await tx.subscription.deleteMany({ where: { topicSlug: slug } });
          }
          await tx.feedback.deleteMany({ where: { topicSlug: slug } });
          // A topic made later under the same name starts from its own words, not this one's definition.
          await tx.cacheEntry.deleteMany({ where: { namespace: DRAFT_NAMESPACE, key: slug } });
          return true;
        })
        .catch((err: unknown) => {
          if (err instanceof SubscribersChanged) return 'changed' as const;
          throw err;
        });
    },
  };
}

/** TopicStore on Prisma. Removing a topic also removes its subscriptions, feedback and definition. */
import type { TopicDefinition, TopicStore } from '../core/ports.js';
import { DRAFT_NAMESPACE } from '../core/topics/draft-namespace.js';
import type { DbClient, StoreDb } from './connect.js';
import { createUnlessExists, isForeignKeyViolation } from './prisma-errors.js';
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

/** Thrown inside remove's transaction to roll it back: the subscribers or marks are not those shown. */
class AttachedChanged extends Error {}
/** Thrown inside remove's transaction to roll it back: there was no such topic. */
class NoSuchTopic extends Error {}

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
          // Subscriptions first: the key (Subscription -> Topic, RESTRICT) refuses the topic's
          // delete while one is left, so one made meanwhile, even one committed after any check
          // here could see it (PostgreSQL reads at READ COMMITTED), fails the removal instead
          // of outliving its topic; one still being made waits for this and is refused.
          if (expected) {
            // Only those shown go; one missing left since (or went with the topic): nothing is removed then either.
            const gone = await tx.subscription.deleteMany({ where: { topicSlug: slug, subscriber: { in: [...expected.subscribers] } } });
            if (gone.count !== expected.subscribers.length) throw (await tx.topic.count({ where: { slug } })) ? new AttachedChanged() : new NoSuchTopic();
          } else {
            await tx.subscription.deleteMany({ where: { topicSlug: slug } });
          }
          const marks = await tx.feedback.deleteMany({ where: { topicSlug: slug } });
          // A mark made since they were counted would go unlisted, and without --force when there had been none.
          if (expected?.marks !== undefined && marks.count !== expected.marks) throw (await tx.topic.count({ where: { slug } })) ? new AttachedChanged() : new NoSuchTopic();
          // A topic made later under the same name starts from its own words, not this one's definition.
          await tx.cacheEntry.deleteMany({ where: { namespace: DRAFT_NAMESPACE, key: slug } });
          const { count } = await tx.topic.deleteMany({ where: { slug } });
          // No such topic: its marks and stored definition stay as they were.
          if (count === 0) throw new NoSuchTopic();
          return true;
        })
        .catch((err: unknown) => {
          if (err instanceof NoSuchTopic) return false;
          if (err instanceof AttachedChanged || isForeignKeyViolation(err)) return 'changed' as const;
          throw err;
        });
    },
  };
}

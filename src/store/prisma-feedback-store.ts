/** FeedbackStore on Prisma: one mark per (topic, paper, actor); the latest verdict wins. */
import type { FeedbackMark, FeedbackStore, FeedbackVerdict } from '../core/ports.js';
import type { StoreDb } from './connect.js';

export function createPrismaFeedbackStore(db: StoreDb): FeedbackStore {
  return {
    async put(mark) {
      const { topicSlug, arxivId, actor, verdict, createdAt } = mark;
      await db.run((c) =>
        c.feedback.upsert({
          where: { topicSlug_arxivId_actor: { topicSlug, arxivId, actor } },
          create: { topicSlug, arxivId, actor, verdict, createdAt },
          update: { verdict, createdAt },
        }),
      );
    },
    async remove({ topicSlug, arxivId, actor }) {
      const { count } = await db.run((c) => c.feedback.deleteMany({ where: { topicSlug, arxivId, actor } }));
      return count > 0;
    },
    async forTopic(topicSlug) {
      const rows = await db.run((c) =>
        c.feedback.findMany({ where: { topicSlug }, orderBy: [{ createdAt: 'asc' }, { arxivId: 'asc' }, { actor: 'asc' }] }),
      );
      return rows.map((r): FeedbackMark => ({ ...r, verdict: r.verdict as FeedbackVerdict }));
    },
  };
}

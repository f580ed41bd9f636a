/** FeedbackStore on Prisma: one mark per (topic, paper, actor); the latest verdict wins. */
import type { FeedbackMark, FeedbackStore, FeedbackVerdict } from '../core/ports.js';
import type { StoreDb } from './connect.js';

export function createPrismaFeedbackStore(db: StoreDb): FeedbackStore {
  return {
    async put(mark) {
      const { topicSlug, arxivId, actor, verdict, createdAt } = mark;
      const where = { topicSlug_arxivId_actor: { topicSlug, arxivId, actor } };
      // One row read: the caller tells a second press of the same button from a change of mind.
      const before = await db.run((c) => c.feedback.findUnique({ where, select: { verdict: true } }));
      await db.run((c) => c.feedback.upsert({ where, create: { topicSlug, arxivId, actor, verdict, createdAt }, update: { verdict, createdAt } }));
      return (before?.verdict as FeedbackVerdict | undefined) ?? null;
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

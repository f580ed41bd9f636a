/** FeedbackStore on Prisma: one mark per (topic, paper, actor); the latest verdict wins. */
import type { FeedbackMark, FeedbackStore, FeedbackVerdict } from '../core/ports.js';
import type { StoreDb } from './connect.js';
import { createUnlessExists } from './prisma-errors.js';

const OTHER: Record<FeedbackVerdict, FeedbackVerdict> = { up: 'down', down: 'up' };

export function createPrismaFeedbackStore(db: StoreDb): FeedbackStore {
  return {
    async put(mark) {
      const { topicSlug, arxivId, actor, verdict, createdAt } = mark;
      const key = { topicSlug, arxivId, actor };
      // No read before the write: two presses at once (a double-click) both read "no mark" and
      // were both answered as new. Each step below is one conditional write the database decides,
      // so concurrent presses get the outcomes of some order of them.
      for (;;) {
        if ((await createUnlessExists(() => db.run((c) => c.feedback.create({ data: { ...key, verdict, createdAt } })))) === 'created') return null;
        const switched = await db.run((c) => c.feedback.updateMany({ where: { ...key, verdict: { not: verdict } }, data: { verdict, createdAt } }));
        if (switched.count > 0) return OTHER[verdict];
        const again = await db.run((c) => c.feedback.updateMany({ where: { ...key, verdict }, data: { createdAt } }));
        if (again.count > 0) return verdict;
        // Switched away, or taken back, between the steps: start over as the later press.
      }
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

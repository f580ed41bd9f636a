/** SavedPaperStore on Prisma: one row per (list, paper); the first save is kept. */
import type { SavedPaper, SavedPaperStore } from '../core/saved/reading-list.js';
import type { StoreDb } from './connect.js';
import { createUnlessExists } from './prisma-errors.js';

export function createPrismaSavedPaperStore(db: StoreDb): SavedPaperStore {
  return {
    // Two clicks on Save at once: the second finds the first's row.
    add: (entry) => createUnlessExists(() => db.run((c) => c.savedPaper.create({ data: entry }))),
    async remove(listId, arxivId) {
      const r = await db.run((c) => c.savedPaper.deleteMany({ where: { listId, arxivId } }));
      return r.count > 0;
    },
    async get(listId, arxivId) {
      return db.run((c) => c.savedPaper.findUnique({ where: { listId_arxivId: { listId, arxivId } } }));
    },
    async list(listId, limit) {
      const rows = await db.run((c) => c.savedPaper.findMany({ where: { listId }, orderBy: [{ savedAt: 'desc' }, { arxivId: 'asc' }], take: limit }));
      return rows.map((r): SavedPaper => ({ ...r }));
    },
    async count(listId) {
      return db.run((c) => c.savedPaper.count({ where: { listId } }));
    },
  };
}

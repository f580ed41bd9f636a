/** ReadingListCommands over the core's reading-list service. */
import type { PaperStore } from '../../core/ports.js';
import { createReadingListService, type ReadingListService } from '../../core/saved/reading-list-service.js';
import type { SavedPaperStore } from '../../core/saved/reading-list.js';
import { paperCard } from '../../core/papers/paper-card.js';
import type { ReadingListCommands } from './saved-services.js';

export function createReadingListCommands(deps: { saved: SavedPaperStore; papers: PaperStore; service?: ReadingListService }): ReadingListCommands {
  const service = deps.service ?? createReadingListService({ saved: deps.saved, papers: deps.papers });
  return {
    async saveToList({ list, arxivId, by }) {
      const r = await service.save(list, arxivId, by);
      if (r.status === 'saved' || r.status === 'already-saved') return { status: r.status, paper: paperCard(r.paper) };
      return r;
    },
    async removeFromList({ list, arxivId, actor }) {
      const r = await service.remove(list, arxivId, { id: actor.id, mayManage: actor.mayManageChannel });
      return r.status === 'forbidden' ? { status: 'forbidden', reason: r.message } : r;
    },
    async readingList(list, limit, offset) {
      const page = await service.list(list, limit, offset);
      return { total: page.total, entries: page.entries.map((e) => ({ paper: paperCard(e.paper), savedBy: e.savedBy, savedAt: e.savedAt })) };
    },
    exportList: (list, format, name) => service.export(list, format, name),
  };
}

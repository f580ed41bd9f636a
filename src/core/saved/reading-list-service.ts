/**
 * Saving papers to reading lists and exporting them. A person's list is theirs alone (the chat
 * layer passes the caller's own id); a channel's list takes saves from anyone in the channel,
 * and a paper comes off it only by whoever saved it or someone who may manage the channel.
 */
import type { Paper } from '../papers/paper.js';
import type { Clock, PaperStore } from '../ports.js';
import { citationOf } from './citation.js';
import { toCslJson } from './csl-json.js';
import { toBibtex } from './bibtex.js';
import { toRis } from './ris.js';
import { FORMAT_FILES, type ExportFormat } from './formats.js';
import type { SavedPaperStore } from './reading-list.js';

/** A list holds at most this many papers: an export stays one small file, a list one reply. */
export const MAX_SAVED_PAPERS = 1000;

export type SaveOutcome =
  | { status: 'saved'; paper: Paper }
  | { status: 'already-saved'; paper: Paper }
  | { status: 'unknown-paper' }
  | { status: 'list-full'; max: number };

export type RemoveOutcome = { status: 'removed' } | { status: 'not-saved' } | { status: 'forbidden'; message: string };

export interface ReadingListEntry {
  paper: Paper;
  savedBy: string;
  savedAt: Date;
}

export interface ReadingListPage {
  entries: ReadingListEntry[];
  /** Papers on the list (entries may be fewer: a limit, or papers no longer stored). */
  total: number;
}

export interface ExportedList {
  format: ExportFormat;
  /** Papers written. */
  count: number;
  content: string;
  filename: string;
  mime: string;
}

export interface ReadingListService {
  save(listId: string, arxivId: string, savedBy: string): Promise<SaveOutcome>;
  /** `mayManage`: the caller may manage the list's channel (or it is the CLI operator). */
  remove(listId: string, arxivId: string, actor: { id: string; mayManage: boolean }): Promise<RemoveOutcome>;
  /** Newest first, `limit` of them from the `offset`-th (a page of the list in chat). */
  list(listId: string, limit?: number, offset?: number): Promise<ReadingListPage>;
  export(listId: string, format: ExportFormat, name?: string): Promise<ExportedList>;
}

export function createReadingListService(deps: { saved: SavedPaperStore; papers: Pick<PaperStore, 'get' | 'getMany'>; clock?: Clock }): ReadingListService {
  const now = () => deps.clock?.now() ?? new Date();

  const list = async (listId: string, limit = MAX_SAVED_PAPERS, offset = 0): Promise<ReadingListPage> => {
    // The rows before the page are small (no paper in them) and a list holds at most MAX_SAVED_PAPERS:
    // skipping them here spares the store port an offset; only the page's papers are read.
    const [all, total] = await Promise.all([deps.saved.list(listId, offset + limit), deps.saved.count(listId)]);
    const rows = all.slice(offset);
    const papers = await deps.papers.getMany(rows.map((r) => r.arxivId));
    const entries = rows.flatMap((r) => {
      const paper = papers.get(r.arxivId);
      return paper ? [{ paper, savedBy: r.savedBy, savedAt: r.savedAt }] : [];
    });
    return { entries, total };
  };

  return {
    async save(listId, arxivId, savedBy) {
      const paper = await deps.papers.get(arxivId);
      if (!paper) return { status: 'unknown-paper' };
      if (await deps.saved.get(listId, arxivId)) return { status: 'already-saved', paper };
      if ((await deps.saved.count(listId)) >= MAX_SAVED_PAPERS) return { status: 'list-full', max: MAX_SAVED_PAPERS };
      const r = await deps.saved.add({ listId, arxivId: paper.arxivId, savedBy, savedAt: now() });
      return { status: r === 'created' ? 'saved' : 'already-saved', paper };
    },

    async remove(listId, arxivId, actor) {
      const entry = await deps.saved.get(listId, arxivId);
      if (!entry) return { status: 'not-saved' };
      if (listId !== actor.id && entry.savedBy !== actor.id && !actor.mayManage) {
        return { status: 'forbidden', message: 'only whoever saved a paper, or someone who may manage the channel, can take it off the channel list' };
      }
      return (await deps.saved.remove(listId, arxivId)) ? { status: 'removed' } : { status: 'not-saved' };
    },

    list,

    async export(listId, format, name = 'reading-list') {
      const { entries } = await list(listId);
      const citations = entries.map((e) => citationOf(e.paper));
      const content = format === 'bibtex' ? toBibtex(citations) : format === 'ris' ? toRis(citations) : toCslJson(citations);
      const { ext, mime } = FORMAT_FILES[format];
      return { format, count: citations.length, content, filename: `${name}.${ext}`, mime };
    },
  };
}

/** What the reading-list commands need from the core (part of CommandServices). */
import type { ExportFormat } from '../../core/saved/formats.js';
import type { PaperCard } from './services.js';

export type SaveResult =
  | { status: 'saved'; paper: PaperCard }
  | { status: 'already-saved'; paper: PaperCard }
  | { status: 'unknown-paper' }
  | { status: 'list-full'; max: number };

export type UnsaveResult = { status: 'removed' } | { status: 'not-saved' } | { status: 'forbidden'; reason: string };

export interface SavedEntry {
  paper: PaperCard;
  savedBy: string;
  savedAt: Date;
}

export interface ExportFile {
  format: ExportFormat;
  count: number;
  content: string;
  filename: string;
  mime: string;
}

export interface ReadingListCommands {
  /** `list`: a subscriber id, the caller's own (`slack:U…`) or the channel's (`slack:C…`). */
  saveToList(req: { list: string; arxivId: string; by: string }): Promise<SaveResult>;
  removeFromList(req: { list: string; arxivId: string; actor: { id: string; mayManageChannel: boolean } }): Promise<UnsaveResult>;
  /** Newest first, at most `limit` from the `offset`-th (0: the newest); `total` counts the whole list. */
  readingList(list: string, limit: number, offset?: number): Promise<{ entries: SavedEntry[]; total: number }>;
  exportList(list: string, format: ExportFormat, name: string): Promise<ExportFile>;
}

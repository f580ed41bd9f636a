/**
 * Reading lists: papers a person (`slack:U…`) or a channel (`slack:C…`) saved to read later.
 * The port the core needs to keep them; the Prisma store and the in-memory double implement it.
 */

/** One paper on one list. A list is named by its owner's subscriber id. */
export interface SavedPaper {
  /** `slack:U123` (a person's list) or `slack:C123` / `discord:…` (a channel's list). */
  listId: string;
  /** Paper id as stored (arXiv id without version, or `feed:<sha1>`). */
  arxivId: string;
  /** Who saved it (`slack:U123`, `operator`); on a channel list, who may take it off again. */
  savedBy: string;
  savedAt: Date;
}

export interface SavedPaperStore {
  /** Insert; 'exists' when the paper is on the list already (its first save is kept). */
  add(entry: SavedPaper): Promise<'created' | 'exists'>;
  /** True when the paper was on the list. */
  remove(listId: string, arxivId: string): Promise<boolean>;
  /** The entry for one paper on one list, or null. */
  get(listId: string, arxivId: string): Promise<SavedPaper | null>;
  /** Newest first (ties by arxivId), at most `limit`. */
  list(listId: string, limit: number): Promise<SavedPaper[]>;
  count(listId: string): Promise<number>;
}

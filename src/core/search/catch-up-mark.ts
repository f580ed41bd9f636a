/**
 * Where the search index's catch-up resumes reading the store (papers updated after the mark).
 *
 * An ingest stamps a batch (updatedAt) before its transaction commits, so with two writers (two
 * ingest processes, replicas on PostgreSQL) a batch stamped earlier can become visible after a
 * later one was read. Resuming after the newest stamp read skipped that batch for good. A batch
 * not yet visible when a read began was stamped at most COMMIT_LAG_MS before that moment, so the
 * mark stays that far behind the read's start (never past the newest stamp read: the stamps'
 * clock is the writers'). Papers read again in that overlap are recognised by id and stamp and
 * not indexed, or counted in the archive's statistics, twice.
 */
import type { Paper } from '../papers/paper.js';

/**
 * Longest time from a batch's stamp to its commit, clock differences between hosts included: a
 * batch's transaction (SQLite waits at most 5 s for the lock) with a wide margin.
 */
export const COMMIT_LAG_MS = 120_000;

export interface CatchUpMarkState {
  /** ISO instant: every paper updated up to it has been read (null: none yet). */
  maxUpdatedAt: string | null;
  /** Papers read with a later stamp: id -> updatedAt in ms (absent in older snapshots). */
  recent?: Record<string, number>;
}

export interface CatchUpMark {
  /** Read papers updated after this; undefined: every paper. */
  since(): Date | undefined;
  /** The papers of a page the index has not taken yet, in this version. */
  unseen(page: readonly Paper[]): Paper[];
  /** Papers the index took, from the store or straight from an ingest. */
  took(papers: readonly Paper[]): void;
  /**
   * A read of the store that began at `startedAt` (ms) has finished. True when the mark passed
   * papers it had kept to recognise: saved, the next opening reads fewer again.
   */
  readFrom(startedAt: number): boolean;
  /** Forget everything (a rebuild reads every paper). */
  reset(): void;
  load(state: CatchUpMarkState): void;
  state(): CatchUpMarkState;
}

export function createCatchUpMark(): CatchUpMark {
  let mark: number | null = null;
  let newest: number | null = null;
  let recent = new Map<string, number>();
  const prune = () => {
    if (mark === null) return;
    for (const [id, at] of recent) if (at <= mark) recent.delete(id);
  };
  return {
    since: () => (mark === null ? undefined : new Date(mark)),
    unseen: (page) => page.filter((p) => recent.get(p.arxivId) !== p.updatedAt.getTime()),
    took(papers) {
      for (const p of papers) {
        const at = p.updatedAt.getTime();
        if (mark !== null && at <= mark) continue;
        recent.set(p.arxivId, at);
        newest = Math.max(newest ?? at, at);
      }
    },
    readFrom(startedAt) {
      if (newest === null) return false;
      const kept = recent.size;
      mark = Math.max(mark ?? -Infinity, Math.min(startedAt - COMMIT_LAG_MS, newest));
      prune();
      return recent.size < kept;
    },
    reset() {
      mark = null;
      newest = null;
      recent = new Map();
    },
    load(s) {
      mark = s.maxUpdatedAt === null ? null : Date.parse(s.maxUpdatedAt);
      recent = new Map(Object.entries(s.recent ?? {}).filter(([, at]) => typeof at === 'number'));
      newest = mark;
      for (const at of recent.values()) newest = Math.max(newest ?? at, at);
      prune();
    },
    state: () => ({ maxUpdatedAt: mark === null ? null : new Date(mark).toISOString(), ...(recent.size ? { recent: Object.fromEntries(recent) } : {}) }),
  };
}

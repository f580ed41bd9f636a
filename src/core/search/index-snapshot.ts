/**
 * Persisting the search index between restarts. The snapshot is a one-line JSON header (the
 * fingerprint: index format version, paper count, catch-up mark) followed by MiniSearch's
 * serialised index; a snapshot whose format differs, or that can't be caught up to the store,
 * is ignored and the index rebuilt.
 */
import type { AcronymCounts } from './learned-acronyms.js';

/** Where snapshots live (a file in the data dir in production; memory in tests). */
export interface IndexSnapshotStore {
  read(): Promise<string | null>;
  write(data: string): Promise<void>;
}

export interface SnapshotHeader {
  format: number;
  count: number;
  /** ISO instant up to which every paper update is in the index (see catch-up-mark.ts). */
  maxUpdatedAt: string | null;
  /** Papers in the index updated after that instant: id -> updatedAt in ms. */
  recent?: Record<string, number>;
  /** The abbreviations the papers read define (learned-acronyms.ts). */
  acronyms?: AcronymCounts;
  /** ISO instant the hot window started at (papers older are in the archive); absent: every paper. */
  hotFrom?: string | null;
  /** The archive's share of the BM25 statistics (see OutsideCorpus in term-scorer.ts). */
  outside?: { docs: number; lengths: number[] } | null;
  /** The cap on the window's papers the index was made under (null: none); absent in older snapshots. */
  hotMax?: number | null;
  /**
   * The window's length in days the index was made for; absent in older snapshots. A window
   * the cap started later serves a length up to this one only (a longer one may hold more).
   */
  hotDays?: number;
}

export function encodeSnapshot(header: SnapshotHeader, indexJson: string): string {
  return `${JSON.stringify(header)}\n${indexJson}`;
}

export type DecodedSnapshot = { ok: true; header: SnapshotHeader; indexJson: string } | { ok: false; reason: string };

export function decodeSnapshot(data: string): DecodedSnapshot {
  const nl = data.indexOf('\n');
  if (nl < 0) return { ok: false, reason: 'no header' };
  try {
    const header = JSON.parse(data.slice(0, nl)) as Partial<SnapshotHeader>;
    if (typeof header.format !== 'number' || typeof header.count !== 'number') return { ok: false, reason: 'bad header' };
    return {
      ok: true,
      header: { format: header.format, count: header.count, maxUpdatedAt: header.maxUpdatedAt ?? null, ...(header.recent && typeof header.recent === 'object' ? { recent: header.recent } : {}), ...(header.acronyms && typeof header.acronyms === 'object' ? { acronyms: header.acronyms } : {}), hotFrom: header.hotFrom ?? null, outside: header.outside ?? null, ...(header.hotMax === undefined ? {} : { hotMax: header.hotMax }), ...(typeof header.hotDays === 'number' ? { hotDays: header.hotDays } : {}) },
      indexJson: data.slice(nl + 1),
    };
  } catch {
    return { ok: false, reason: 'unreadable header' };
  }
}

export function memorySnapshotStore(): IndexSnapshotStore & { data: string | null } {
  const store = {
    data: null as string | null,
    async read() {
      return store.data;
    },
    async write(d: string) {
      store.data = d;
    },
  };
  return store;
}

/**
 * The merge step of `PaperStore.upsertMany`, shared by every store so that memory, SQLite and
 * PostgreSQL count created/updated/unchanged/skipped the same way.
 */
import type { UpsertResult } from '../core/ports.js';
import type { Paper, PaperInput } from '../core/papers/paper.js';
import { mergePaper, paperFromInput, samePaperContent } from '../core/papers/merge.js';

export interface UpsertPlan {
  /** Papers to insert or overwrite (new or changed), one per id. */
  writes: Paper[];
  result: UpsertResult;
}

/**
 * Fold `inputs` (in order; one id may repeat, e.g. two versions in one batch) into the
 * `existing` papers. An id counts once: created if it was not stored before this call,
 * updated if its stored content changed, unchanged otherwise. `updateOnly` inputs for ids
 * neither stored nor created earlier in the batch are skipped.
 */
export function planUpsert(existing: ReadonlyMap<string, Paper>, inputs: readonly PaperInput[], now: Date): UpsertPlan {
  const current = new Map<string, Paper>();
  const skipped = new Set<string>();
  for (const input of inputs) {
    const prev = current.get(input.arxivId) ?? existing.get(input.arxivId);
    if (!prev) {
      if (input.updateOnly) {
        skipped.add(input.arxivId);
        continue;
      }
      current.set(input.arxivId, paperFromInput(input, now));
      continue;
    }
    current.set(input.arxivId, mergePaper(prev, input, now));
  }

  const result: UpsertResult = { created: [], updated: [], unchanged: [], skipped: [] };
  const writes: Paper[] = [];
  for (const [id, paper] of current) {
    const before = existing.get(id);
    if (!before) {
      result.created.push(id);
      writes.push(paper);
    } else if (samePaperContent(before, paper)) {
      result.unchanged.push(id);
    } else {
      // mergePaper keeps updatedAt only per step; a change anywhere in the batch stamps `now`.
      writes.push({ ...paper, updatedAt: now });
      result.updated.push(id);
    }
  }
  for (const id of skipped) if (!current.has(id)) result.skipped.push(id);
  return { writes, result };
}

/**
 * Entries a feed writes more than once (the same guid and link: a plugin listing an edited post
 * again, channels merged by hand, several posts linking one arXiv paper) made one paper before
 * they reach the store. The store folds repeats within one write (upsert-plan.ts), but a feed
 * longer than a batch split them over two writes, counting the paper new and then updated.
 */
import type { PaperInput } from '../core/papers/paper.js';

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Two entries of one paper as the store would merge them (core/papers/merge.ts): the later's
 * fields, the earlier's where the later's are empty, the earlier of two dates. A mention or an
 * update-only entry is one only when both are: the paper's own entry says more.
 */
function combine(earlier: PaperInput, later: PaperInput): PaperInput {
  // A mention only fills the gaps of the paper's own entry, whichever of them came first.
  const [base, over] = later.mention && !earlier.mention ? [later, earlier] : [earlier, later];
  const out: Record<string, unknown> = { ...over };
  for (const [key, value] of Object.entries(base)) {
    const mine = out[key];
    if (isEmpty(mine)) out[key] = value;
    else if (mine instanceof Date && value instanceof Date && value < mine) out[key] = value;
  }
  if (!(earlier.mention && later.mention)) delete out.mention;
  if (!(earlier.updateOnly && later.updateOnly)) delete out.updateOnly;
  return out as unknown as PaperInput;
}

/** The papers with one per id, at its first entry's place, in the order the feed gave them. */
export function oncePerId(papers: readonly PaperInput[]): PaperInput[] {
  const byId = new Map<string, PaperInput>();
  for (const p of papers) {
    const seen = byId.get(p.arxivId);
    byId.set(p.arxivId, seen ? combine(seen, p) : p);
  }
  return byId.size === papers.length ? [...papers] : [...byId.values()];
}

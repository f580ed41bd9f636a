/**
 * The merge step of `PaperStore.upsertMany`, shared by every store so that memory, SQLite and
 * PostgreSQL count created/updated/unchanged/skipped the same way.
 */
import { hash } from 'node:crypto';
import type { UpsertResult } from '../core/ports.js';
import type { Paper, PaperInput } from '../core/papers/paper.js';
import { MERGE_RULES_VERSION, mergePaper, paperFromInput, samePaperContent } from '../core/papers/merge.js';

const LONE_SURROGATE_SOURCE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
// Two instances: `test` on a /g regex would carry lastIndex between calls.
const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE_SOURCE);
const LONE_SURROGATE = new RegExp(LONE_SURROGATE_SOURCE, 'g');

/** Text a database can store: a lone UTF-16 surrogate (not valid Unicode) becomes U+FFFD. */
export function wellFormed(s: string): string {
  return HAS_LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '\uFFFD') : s;
}

/**
 * Every string of an input made well-formed, so memory, SQLite and PostgreSQL store the same
 * text (PostgreSQL refuses lone surrogates inside JSON; drivers silently replace them).
 */
function wellFormedInput(input: PaperInput): PaperInput {
  let out: PaperInput | null = null;
  for (const [key, value] of Object.entries(input) as Array<[keyof PaperInput, unknown]>) {
    let fixed: unknown = value;
    if (typeof value === 'string') fixed = wellFormed(value);
    else if (Array.isArray(value)) {
      const list = value.map((v) => (typeof v === 'string' ? wellFormed(v) : v));
      if (list.some((v, i) => v !== value[i])) fixed = list;
    }
    if (fixed !== value) (out ??= { ...input })[key] = fixed as never;
  }
  return out ?? input;
}

/**
 * A short hash of an input as the source gave it, with the version of the rules that turn it
 * into stored data (normalisation and merge, MERGE_RULES_VERSION). Merging is idempotent
 * (merging an input again into the result changes nothing), so a stored paper whose last
 * merged input had this hash is unchanged by it, and need not be read or merged. The raw
 * input, not the normalised one: normalising costs as much as hashing, on every paper of
 * every re-ingest.
 */
export function inputHash(input: PaperInput): string {
  return hash('sha1', hashText(input), 'base64url');
}

/**
 * The input as one unambiguous text: every string length-prefixed, so no two inputs share one.
 * Concatenation rather than JSON.stringify, which costs twice as much (it scans every
 * character for escapes) on the re-ingest's hottest line.
 */
function hashText(input: PaperInput): string {
  let s = String(MERGE_RULES_VERSION);
  for (const [key, v] of Object.entries(input)) {
    s += `\0${key}\0`;
    if (typeof v === 'string') s += `s${v.length}:${v}`;
    else if (v instanceof Date) s += `d${v.getTime()}`;
    else if (Array.isArray(v)) {
      s += `a${v.length}`;
      for (const item of v as unknown[]) {
        const text = String(item);
        s += `\0${text.length}:${text}`;
      }
    } else s += `${typeof v}${String(v)}`;
  }
  return s;
}

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
  for (const raw of inputs) {
    const input = wellFormedInput(raw);
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

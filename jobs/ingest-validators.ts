/**
 * The validators (ETag, Last-Modified) of each unit's last read written whole, kept for the next
 * run's conditional requests (sources/conditional-pages.ts asks with them): where they are kept,
 * under which key, when they count, and what a 304 to them says.
 */
import type { CacheStore, Logger, PageValidators, PaperSource, SourceUnit, UnitValidators } from '../src/core/ports.js';
import { MERGE_RULES_VERSION } from '../src/core/papers/merge.js';
import { describeError } from '../src/core/error-text.js';

/**
 * Where units' validators are kept (CacheStore), keyed by validatorsKey: a feed's, a listing's, a
 * Hugging Face or arXiv day's. The name is from when feeds alone had them.
 */
export const VALIDATORS_NAMESPACE = 'feed-validators';

/**
 * A unit's key among kept validators: its source's name, its label, and what else names what it
 * asks for ("arxiv 2026-11-27 categories=cs.CL"): a day is a unit of hf and of arxiv, and of arxiv
 * for each set of categories, each with pages of its own.
 */
export function validatorsKey(source: PaperSource, unit: SourceUnit): string {
  const params = Object.entries(unit.params).filter(([, v]) => v !== unit.label);
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [source.name, unit.label, ...params.map(([k, v]) => `${k}=${v}`)].join(' ');
}

/** What is kept of a unit read and written whole: its pages' validators, and what it held then (said unchanged on a 304). */
export interface KeptValidators extends UnitValidators {
  /** MERGE_RULES_VERSION then: mapped by other rules, a unit is read whole again. */
  v: number;
  /** Papers it held (created, updated or unchanged), and skipped. */
  n: number;
  s: number;
  /** When it was written whole (ISO). */
  at: string;
}

/** What the functions here need of the ingest's dependencies. */
interface ValidatorDeps {
  stores: { cache?: Pick<CacheStore, 'getMany' | 'putMany'> };
  source: PaperSource;
  logger: Logger;
  force?: boolean;
}

/** The validators kept for a unit, or null (none, other merge rules, --force, or the cache unreadable: fetched whole). */
export async function keptValidators(deps: ValidatorDeps, unit: SourceUnit): Promise<KeptValidators | null> {
  const { cache } = deps.stores;
  if (!cache || deps.force) return null;
  const key = validatorsKey(deps.source, unit);
  try {
    const raw = (await cache.getMany(VALIDATORS_NAMESPACE, [key])).get(key);
    const kept = raw === undefined ? null : (JSON.parse(raw) as KeptValidators);
    const usable = kept && kept.v === MERGE_RULES_VERSION && Array.isArray(kept.pages) && kept.pages.length > 0;
    return usable && kept.pages.every((p) => typeof p.url === 'string' && (p.etag || p.lastModified)) ? kept : null;
  } catch (err) {
    deps.logger.warn({ unit: unit.label, err: describeError(err) }, 'could not read the validators kept; fetching the unit whole');
    return null;
  }
}

/**
 * Keep a unit's validators, once its papers are all written: kept earlier, a run stopped before
 * that would be answered 304 next time, and the papers it did not write lost for good. Not kept
 * is only a whole fetch next time: a failure here is logged, not the unit's.
 */
export async function keepValidators(
  deps: ValidatorDeps,
  unit: SourceUnit,
  validators: UnitValidators,
  counts: { created: number; updated: number; unchanged: number; skipped: number },
  now: Date,
): Promise<void> {
  const kept: KeptValidators = { ...validators, v: MERGE_RULES_VERSION, n: counts.created + counts.updated + counts.unchanged, s: counts.skipped, at: now.toISOString() };
  try {
    await deps.stores.cache?.putMany(VALIDATORS_NAMESPACE, [[validatorsKey(deps.source, unit), JSON.stringify(kept)]]);
  } catch (err) {
    deps.logger.warn({ unit: unit.label, err: describeError(err) }, 'could not keep the validators; the unit is fetched whole next time');
  }
}

/**
 * A whole read without validators replaces those kept before (kept, they would be sent again,
 * and a server's 304 to them would no longer be about what it serves): kept empty, never sent.
 */
export const replacing = (validators: UnitValidators | null): UnitValidators => validators ?? { pages: [] };

/** What a 304 to `known` says: "not modified since <its latest Last-Modified> (HTTP 304 for each of its 3 pages): not re-read". */
export function notModifiedNote(known: KeptValidators | null): string {
  const pages = known?.pages ?? [];
  const each = pages.length > 1 ? ` for each of its ${pages.length} pages` : '';
  return `not modified since ${lastModified(pages) ?? `it was last read whole (${known?.at})`} (HTTP 304${each}): not re-read`;
}

/** The latest Last-Modified of a unit's pages, as the server wrote it. */
function lastModified(pages: readonly PageValidators[]): string | undefined {
  const written = pages.map((p) => p.lastModified).filter((d): d is string => Boolean(d));
  return written.sort((a, b) => (Date.parse(b) || 0) - (Date.parse(a) || 0))[0];
}

/**
 * Tolerant field readers for decoded JSON records. Hand-written rather than a zod schema
 * because they run once per paper on 50,000-paper ingests, where a schema walk per record
 * costs more than the database write. A wrong-typed optional field reads as absent.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function optString(o: JsonRecord, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

/** A non-negative integer, also from a numeric string; anything else is absent. */
/** Counts are stored as 32-bit integers (PostgreSQL's integer): a larger one is no count of anything real. */
const MAX_COUNT = 2_147_483_647;

export function optCount(o: JsonRecord, key: string): number | undefined {
  const v = o[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= MAX_COUNT ? n : undefined;
}

export function optStringList(o: JsonRecord, key: string): string[] | undefined {
  const v = o[key];
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === 'string');
}

export function optDate(o: JsonRecord, key: string): Date | undefined {
  const v = o[key];
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

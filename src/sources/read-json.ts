/**
 * Tolerant field readers for decoded JSON records. Hand-written rather than a zod schema
 * because they run once per paper on 50,000-paper ingests, where a schema walk per record
 * costs more than the database write. A wrong-typed optional field reads as absent.
 */

import { feedDate } from './feed-date.js';

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

/**
 * A record's date, read as feeds' dates are (a date without a zone is UTC, not the host's zone;
 * RFC 822 and named zones too). A number is seconds since 1970 below 10^11 (the year 5138),
 * milliseconds above: tools write both, and no paper has a date where the two overlap.
 */
export function optDate(o: JsonRecord, key: string): Date | undefined {
  const v = o[key];
  if (typeof v === 'string') return ISO_WITH_ZONE.test(v) ? validDate(new Date(v)) : feedDate(v);
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  return validDate(new Date(Math.abs(v) < 1e11 ? v * 1000 : v));
}

/** The shape nearly every record carries (Hugging Face, our own export): read at once, without the feed parser's forms. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const validDate = (d: Date) => (Number.isNaN(d.getTime()) ? undefined : d);

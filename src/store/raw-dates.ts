/**
 * DateTimes in raw SQL, one way for every store that bypasses Prisma: how to bind a Date so a
 * raw-written row compares and sorts like a Prisma-written one, and how to read one back.
 */

/**
 * Dates exactly as each Prisma adapter writes a DateTime (see connect.ts): SQLite ISO text with
 * `+00:00`, PostgreSQL `timestamp(3)` from UTC text.
 */
export const sqliteDate = (d: Date | null) => (d ? d.toISOString().replace('Z', '+00:00') : null);
export const pgDate = (d: Date | null) => (d ? d.toISOString().slice(0, -1) : null);

/** The binding for this provider's raw SQL. */
export const dateParam = (provider: 'sqlite' | 'postgresql') => (provider === 'sqlite' ? sqliteDate : pgDate);

/**
 * A DateTime as a raw read returns it: a Date (PostgreSQL through Prisma), ISO text (SQLite),
 * or epoch milliseconds selected as such on PostgreSQL (a number, or numeric text when the
 * expression is NUMERIC). Null stays null.
 */
export function rawDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v));
  const s = String(v);
  return new Date(/^-?\d+(?:\.\d+)?$/.test(s) ? Number(s) : s);
}

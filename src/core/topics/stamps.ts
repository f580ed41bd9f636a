/**
 * Scratch arrays the matcher's hot paths reuse from call to call: an entry is valid where its
 * stamp is the current call's, so nothing is cleared between calls, and arrays grow by doubling.
 */

/** Stamps restart long before an Int32Array's values would wrap. */
const LAST_STAMP = 0x3fffffff;

/** The stamp after `stamp`; past the last one, the `stamps` arrays are cleared and it restarts at 1. */
export function nextStamp(stamp: number, ...stamps: Int32Array[]): number {
  if (stamp < LAST_STAMP) return stamp + 1;
  for (const s of stamps) s.fill(0);
  return 1;
}

/** `a`'s entries in a new array of at least `length` entries, and at least twice `a`'s. */
export function grown<T extends Int32Array | Float64Array>(a: T, length = 0): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(length, a.length * 2));
  b.set(a);
  return b;
}

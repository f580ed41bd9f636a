/** Sparse vectors of weighted terms, for the two ways feedback compares papers (neighbours, feedback-model). */

/** Weights by term; a term not in it weighs 0. */
export type SparseVector = Map<string, number>;

/** The dot product: the cosine of two unit-length vectors. Walks the smaller one. */
export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) s += w * (large.get(t) ?? 0);
  return s;
}

/** Scales `v` in place to unit length (a zero vector stays zero) and returns its length before. */
export function toUnitLength(v: SparseVector): number {
  let sumOfSquares = 0;
  for (const w of v.values()) sumOfSquares += w * w;
  const length = Math.sqrt(sumOfSquares);
  for (const [t, w] of v) v.set(t, w / (length || 1));
  return length;
}

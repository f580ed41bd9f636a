/**
 * MiniSearch's BM25 parameters, formula and variant weights, shared by the index's scorer and the
 * outside one: archive hits are ranked beside the window's only while both score alike.
 */
export const K = 1.2;
export const B = 0.7;
export const D = 0.5;
export const PREFIX_WEIGHT = 0.375;
export const FUZZY_WEIGHT = 0.45;

/** A term's inverse document frequency among `total` documents, `df` of which hold it (BM25+, as MiniSearch). */
export function bm25Idf(total: number, df: number): number {
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}

/** One term's score in one field of a document: `tf` times in a field `length` long, the field's mean `avgLength`. */
export function bm25Part(idf: number, tf: number, length: number, avgLength: number): number {
  return idf * (D + (tf * (K + 1)) / (tf + K * (1 - B) + ((K * B) / avgLength) * length));
}

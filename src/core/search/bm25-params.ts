/** MiniSearch's BM25 parameters and variant weights, shared by the index's scorer and the outside one. */
export const K = 1.2;
export const B = 0.7;
export const D = 0.5;
export const PREFIX_WEIGHT = 0.375;
export const FUZZY_WEIGHT = 0.45;

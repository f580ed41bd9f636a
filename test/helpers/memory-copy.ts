/** Deep copy of plain data with Dates (structuredClone keeps Date instances): the memory stores copy values in and out so callers can't mutate stored state by accident. */
export const copy = <T>(v: T): T => structuredClone(v);

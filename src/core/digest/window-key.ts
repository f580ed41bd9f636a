/**
 * The ledger key shared by every part of one digest, computed alike by the core that plans and
 * delivers and by the stores that record it. A module of its own: the stores load it at every
 * CLI start, where the digest engine (digest.ts and its neighbours) stays unloaded.
 */
export function windowKeyOf(windowEnd: Date): string {
  return windowEnd.toISOString();
}

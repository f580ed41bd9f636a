/** Digest of a unit's raw bytes for FetchedUnit: sha256, each part length-prefixed so page boundaries count. */
import { createHash } from 'node:crypto';

export function rawDigest(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    hash.update(`${bytes.byteLength}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

import { createHash } from 'node:crypto';

/**
 * A short marker carried by each posted part so that, after a lost response, reading the
 * channel history tells whether the post went through. 22 chars at most: it also fits
 * Discord's 25-char `nonce`.
 */
export function dedupeKeyOf(targetId: string, windowKey: string, part: number): string {
  const hash = createHash('sha256').update(`${targetId}\n${windowKey}`).digest('hex').slice(0, 14);
  return `pb${hash}p${part}`;
}

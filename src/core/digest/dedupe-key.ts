import { createHash } from 'node:crypto';

/**
 * A short marker carried by each posted part so that, after a lost response, reading the
 * channel history tells whether the post went through. 22 chars at most: it also fits
 * Discord's 25-char `nonce`. The part number is fixed-width so no key is a prefix of another
 * (part 1 vs part 10) when history text is searched.
 */
export function dedupeKeyOf(targetId: string, windowKey: string, part: number): string {
  const hash = createHash('sha256').update(`${targetId}\n${windowKey}`).digest('hex').slice(0, 14);
  return `pb${hash}p${String(part).padStart(3, '0')}`;
}

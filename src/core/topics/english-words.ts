/**
 * Whether a word is English, for telling a slip ("diffsion") from a word the recent papers
 * happen not to use ("cardiology", "lawyers"): the `word-list` package (274,000 English words
 * with their inflections, MIT). Held as a Bloom filter, 1 MB instead of the 30 MB a set of
 * the words takes: a word it wrongly takes for English (about 1 in 60,000) is only left as typed.
 * Read on first use; a missing list makes every word unknown, as before the list was used.
 */
// Shipped data read once, as the vocabulary is compiled in: no system outside the process.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const BITS = 1 << 23;
const HASHES = 7;

let filter: Uint32Array | null | undefined;

/** FNV-1a, and a second hash from it, for double hashing. */
function hashes(word: string): [number, number] {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const h2 = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) | 1;
  return [h >>> 0, h2 >>> 0];
}

function load(): Uint32Array | null {
  try {
    const path = join(dirname(createRequire(import.meta.url).resolve('word-list')), 'words.txt');
    const bits = new Uint32Array(BITS / 32);
    for (const word of readFileSync(path, 'utf8').split('\n')) {
      if (!word) continue;
      const [a, b] = hashes(word);
      for (let k = 0; k < HASHES; k++) {
        const bit = (a + k * b) % BITS;
        bits[bit >>> 5]! |= 1 << (bit & 31);
      }
    }
    return bits;
  } catch {
    return null;
  }
}

/** Whether the (lower-case) word is in the English word list. */
export function isEnglishWord(word: string): boolean {
  if (filter === undefined) filter = load();
  if (!filter) return false;
  const [a, b] = hashes(word);
  for (let k = 0; k < HASHES; k++) {
    const bit = (a + k * b) % BITS;
    if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
  }
  return true;
}

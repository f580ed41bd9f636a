/** Edit distance, for "did you mean" answers (topic names, author names). */

/**
 * Edit distance with transpositions (optimal string alignment): insertions, deletions,
 * substitutions and swaps of two neighbouring letters, one each. A swap ("wrold", "moedls") is
 * the commonest slip at a keyboard, and plain Levenshtein counted it as two.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Whether `b` is probably a misspelling of `a` (or the other way): at most one edit in a short
 * word, two from eight characters on, and in a long name (a topic's, "retrieval augmentd
 * generaton") an eighth of its letters. Exact equality is not a typo. The one rule for topic
 * names and author names alike.
 */
export function withinTypo(a: string, b: string): boolean {
  if (a === b) return false;
  const longest = Math.max(a.length, b.length);
  const limit = Math.max(longest >= 8 ? 2 : 1, Math.floor(longest * 0.12));
  return Math.abs(a.length - b.length) <= limit && editDistance(a, b) <= limit;
}

/** Edit distance, for "did you mean" answers (topic names, author names). */

/**
 * Edit distance with transpositions (optimal string alignment): insertions, deletions,
 * substitutions and swaps of two neighbouring letters, one each. A swap ("wrold", "moedls") is
 * the commonest slip at a keyboard, and plain Levenshtein counted it as two.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = b.length;
  // Three rows, reused: a typo check compares a word with a whole vocabulary.
  let before = new Int32Array(n + 1);
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let curMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
      if (d < curMin) curMin = d;
    }
    // Every later cell builds on this row or the one before (a swap): past `max` in both, the
    // distance is too (a typo check over a whole vocabulary stops most words a letter or two in).
    if (curMin > max && prevMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
    prevMin = curMin;
  }
  return prev[n]!;
}

/**
 * Whether `b` is probably a misspelling of `a` (or the other way): at most one edit in a short
 * word, two from eight characters on, and in a long name (a topic's, "retrieval augmentd
 * generaton") 12% of its letters. Exact equality is not a typo. The one rule for topic names,
 * author names and the words of typed topics alike.
 */
export function withinTypo(a: string, b: string): boolean {
  return typoEdits(a, b) !== null;
}

/** The most edits that still make `a` and `b` one word with a slip (withinTypo). */
export function typoLimit(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return Math.max(longest >= 8 ? 2 : 1, Math.floor(longest * 0.12));
}

/** The edits between `a` and `b` when `b` is probably a misspelling of `a` (withinTypo), else null. */
export function typoEdits(a: string, b: string): number | null {
  if (a === b) return null;
  const limit = typoLimit(a, b);
  if (Math.abs(a.length - b.length) > limit) return null;
  const edits = editDistance(a, b, limit);
  return edits <= limit ? edits : null;
}

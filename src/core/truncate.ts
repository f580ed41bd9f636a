/**
 * One way to shorten text everywhere (stored paper fields, terminal lines, chat messages): at
 * most `max` UTF-16 units, the unit every platform limit and JavaScript's `length` count in,
 * cut at a grapheme boundary so no character, emoji sequence or accent is split.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export interface TruncateOptions {
  ellipsis?: string;
  /**
   * Escaped text must not be cut inside an escape: `&amp;` (Slack) or after a lone
   * backslash (Discord markdown). Each pattern matches an unfinished escape at the end.
   */
  unfinishedTail?: RegExp[];
}

export const SLACK_ENTITY_TAIL = /&[a-z#0-9]*$/i;
/** An odd run of trailing backslashes would escape the ellipsis. */
export const BACKSLASH_TAIL = /(?<!\\)(?:\\\\)*\\$/;

/**
 * At most `max` UTF-16 units, cut at a grapheme boundary (never inside a surrogate pair,
 * an emoji ZWJ sequence or a combining mark), ending with an ellipsis when cut.
 */
export function truncate(text: string, max: number, opts: TruncateOptions = {}): string {
  if (text.length <= max) return text;
  const ellipsis = opts.ellipsis ?? '…';
  const budget = max - ellipsis.length;
  if (budget <= 0) return ellipsis.slice(0, Math.max(0, max));
  // Only the neighbourhood of the cut is segmented: grapheme clusters are short, and
  // segmenting whole 10,000-char strings on every render is needlessly slow.
  const from = Math.max(0, budget - 64);
  let cut = from;
  for (const { index, segment } of segmenter.segment(text.slice(from, budget + 32))) {
    if (index + segment.length > budget - from) break;
    cut = from + index + segment.length;
  }
  let out = text.slice(0, cut);
  for (const tail of opts.unfinishedTail ?? []) {
    const m = tail.exec(out);
    if (m) out = out.slice(0, m.index + (tail === BACKSLASH_TAIL ? m[0].length - 1 : 0));
  }
  return out.trimEnd() + ellipsis;
}

/**
 * Prose shortened for reading (an extractive summary, a feed title made from its description):
 * at most `max` units ending in "…", cut after the last whole word when that keeps more than
 * 60% of `max`, else at a grapheme (text written without spaces keeps all that fits), and
 * without the space, comma, semicolon, colon or full stop the cut left before the ellipsis.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = truncate(text, max - 1, { ellipsis: '' });
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * "… is too long (N characters, at most M)". Lengths are UTF-16 units, as the platforms' limits
 * are: someone who typed 61 emoji would not recognise "122 characters" unless told why.
 */
export function tooLongText(what: string, text: string, max: number): string {
  const counted = [...text].length === text.length ? ',' : ', counting an emoji or other symbol beyond the basic range as two;';
  return `${what} is too long (${text.length} characters${counted} at most ${max})`;
}

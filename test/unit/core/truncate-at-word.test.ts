/** truncateAtWord: the one way prose is shortened for reading (extractive summaries, titles made from a feed's description). */
import { describe, expect, it } from 'vitest';
import { truncateAtWord } from '../../../src/core/truncate.js';

describe('truncateAtWord', () => {
  it('leaves text that fits alone', () => {
    expect(truncateAtWord('short enough', 12)).toBe('short enough');
  });

  it('cuts after the last whole word when that keeps more than 60% of the limit, never leaving punctuation before the ellipsis', () => {
    const text = 'alpha beta gamma delta, epsilon zeta';
    // 30 units: the last space that fits is after "delta," (23 > 18); the comma goes.
    expect(truncateAtWord(text, 30)).toBe('alpha beta gamma delta…');
    expect(truncateAtWord('one two three; four five six', 15)).toBe('one two three…');
  });

  it('cuts at a character when the last word starts too early, and never inside an emoji', () => {
    expect(truncateAtWord(`go ${'x'.repeat(30)}`, 20)).toBe(`go ${'x'.repeat(16)}…`);
    // A scientist emoji is five units (a ZWJ sequence): two fit in 11, not a third's first half.
    const out = truncateAtWord('👩‍🔬'.repeat(10), 12);
    expect(out).toBe('👩‍🔬👩‍🔬…');
    expect(out.length).toBeLessThanOrEqual(12);
  });

  it('keeps every result within the limit', () => {
    for (let max = 2; max < 60; max++) expect(truncateAtWord('Scaling laws, for speech: codecs and more. '.repeat(3), max).length).toBeLessThanOrEqual(max);
  });
});

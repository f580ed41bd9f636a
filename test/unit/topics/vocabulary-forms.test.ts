/**
 * The shipped vocabulary's forms are stemmed as paper words are: a one-word form that stems
 * like an everyday word of abstracts is evidence wherever that word is written.
 */
import { describe, expect, it } from 'vitest';
import { stem, words } from '../../../src/core/topics/text.js';
import { LANGUAGE_CONCEPTS } from '../../../src/core/topics/vocabulary/language.js';
import { PERCEPTION_CONCEPTS } from '../../../src/core/topics/vocabulary/perception.js';

/** Everyday words of abstracts that one-word forms once stemmed like ('SHAP' and "shape"). */
const EVERYDAY = ['shape', 'shaping', 'aimed', 'aiming', 'scheme', 'schemes', 'rational', 'moderate', 'moderately'];

describe('vocabulary forms', () => {
  it('has no one-word form that stems like an everyday word of abstracts', () => {
    const everyday = new Map(EVERYDAY.map((w) => [stem(w), w]));
    const clashes = [...LANGUAGE_CONCEPTS, ...PERCEPTION_CONCEPTS].flatMap((c) =>
      [c.id, ...c.forms].flatMap((f) => {
        const ws = words(f);
        const hit = ws.length === 1 ? everyday.get(stem(ws[0]!)) : undefined;
        return hit && hit !== ws[0] ? [`${c.id}: '${f}' reads "${hit}"`] : [];
      }),
    );
    expect(clashes).toEqual([]);
  });
});

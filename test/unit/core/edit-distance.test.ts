/** The one typo rule behind "did you mean" for topic names and author names. */
import { describe, expect, it } from 'vitest';
import { editDistance, withinTypo } from '../../../src/core/edit-distance.js';
import { likelyTypos } from '../../../src/core/topics/names.js';

describe('withinTypo', () => {
  it('allows one edit in a short word, two from eight letters, 12% of a long name', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    // A swap of two neighbouring letters is one slip, not two.
    expect(editDistance('wrold', 'world')).toBe(1);
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(withinTypo('moedls', 'models')).toBe(true);
    expect(withinTypo('edtiing', 'editing')).toBe(true);
    expect(withinTypo('rlhf', 'rlhf')).toBe(false);
    expect(withinTypo('rlhf', 'rlhx')).toBe(true);
    expect(withinTypo('rlhf', 'rlxx')).toBe(false);
    expect(withinTypo('alahi', 'alahy')).toBe(true);
    expect(withinTypo('zhang', 'zhao')).toBe(false);
    expect(withinTypo('speculative-decoding', 'speculative-decodng')).toBe(true);
    expect(withinTypo('speculative-decoding', 'specultive-decodng')).toBe(true);
    // 28 letters: three edits.
    expect(withinTypo('retrieval-augmented-generation', 'retrieval-augmentd-generaton')).toBe(true);
    expect(withinTypo('retrieval-augmented-generation', 'retrievl-augmentd-generaton')).toBe(true);
    expect(withinTypo('retrieval-augmented-generation', 'retrievl-augmentd-generatn-x')).toBe(false);
    // Sharing a word is not a typo.
    expect(withinTypo('video-diffusion', 'image-diffusion')).toBe(false);
  });

  it('is the rule topic names are checked by', () => {
    const names = ['speculative decoding', 'retrieval-augmented generation', 'video diffusion', 'RLHF'];
    expect(likelyTypos('speculative decodng', names)).toEqual(['speculative decoding']);
    expect(likelyTypos('retrievl augmentd generaton', names)).toEqual(['retrieval-augmented generation']);
    expect(likelyTypos('image diffusion', names)).toEqual([]);
    for (const input of ['speculative decodng', 'retrievl augmentd generaton', 'rlhx', 'video difusion']) {
      for (const name of names) expect(likelyTypos(input, [name]).length > 0, `${input} ~ ${name}`).toBe(withinTypo(input.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name.toLowerCase().replace(/[^a-z0-9]+/g, '-')));
    }
  });
});

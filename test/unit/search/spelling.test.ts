import { describe, expect, it } from 'vitest';
import { beginnings, closestWord } from '../../../src/core/search/spelling.js';

const words = (...pairs: Array<[string, number]>) => pairs.map(([term, docs]) => ({ term, docs }));

describe('the stored word a typo stands for', () => {
  it('takes the fewest edits (a swap is one), then the word more papers hold', () => {
    expect(closestWord('speculatve', words(['speculative', 3], ['specular', 40]))).toBe('speculative');
    expect(closestWord('diffusoin', words(['diffusion', 7], ['diffusions', 1]))).toBe('diffusion');
    expect(closestWord('modle', words(['model', 2], ['mode', 9]))).toBe('mode');
    expect(closestWord('modle', words(['model', 12], ['mode', 9]))).toBe('model');
  });

  it('allows one edit in a short word, two from eight letters, and corrects nothing under five', () => {
    expect(closestWord('trnsfrmer', words(['transformer', 5]))).toBe('transformer');
    expect(closestWord('tarnsfromer', words(['transformer', 5]))).toBe('transformer');
    expect(closestWord('mdeol', words(['model', 5]))).toBeNull();
    expect(closestWord('gam', words(['gan', 50]))).toBeNull();
    expect(closestWord('xqzzyv', words(['models', 50]))).toBeNull();
  });

  it('asks the vocabulary for words beginning as a slip of the word may', () => {
    expect(beginnings('speculatve')).toEqual(['s', 'ps', 'pe']);
    expect(beginnings('psecualtive')).toContain('sp');
    expect(beginnings('xspeculative')).toContain('sp');
  });
});

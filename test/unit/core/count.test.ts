import { describe, expect, it } from 'vitest';
import { count } from '../../../src/core/count.js';

describe('count', () => {
  it('says "1 match" and "2 matches", with thousands separated', () => {
    expect(count(1, 'match', 'matches')).toBe('1 match');
    expect(count(0, 'match', 'matches')).toBe('0 matches');
    expect(count(48, 'paper')).toBe('48 papers');
    expect(count(12_000, 'paper')).toBe('12,000 papers');
  });
});

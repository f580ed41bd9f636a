import { describe, expect, it } from 'vitest';
import { digestWords } from '../../../src/core/i18n/catalog.js';

// A digest's counts read as each language writes numbers, in the header and headline as in the
// notes below them (which already separated thousands: "2,193 papers stored since …").
describe('the digest catalog says counts one way per language', () => {
  it('English separates thousands in the header and the headline, as in its notes', () => {
    const en = digestWords('en');
    expect(en.newPapers(2193)).toBe('2,193 new papers');
    expect(en.headline(2193, 'LLM agents')).toBe('Paperboy digest: 2,193 new papers on LLM agents');
    expect(en.newPapers(1)).toBe('1 new paper');
    expect(en.headline(1, 'LLM agents')).toBe('Paperboy digest: 1 new paper on LLM agents');
    expect(en.moreMatched(2193, 5, 'channel')).toBe("2,193 more papers matched this channel's topics beyond these 5.");
  });

  it('German and French use their own separators there too', () => {
    const de = digestWords('de');
    expect(de.newPapers(2193)).toBe('2.193 neue Paper');
    expect(de.headline(2193, 'Agenten')).toBe('Paperboy-Digest: 2.193 neue Paper zu Agenten');
    expect(de.newPapers(1)).toBe('1 neues Paper');
    const fr = digestWords('fr');
    // fr-FR groups with a narrow no-break space (U+202F), as its notes already do.
    expect(fr.newPapers(2193)).toBe('2\u202f193 nouvelles publications');
    expect(fr.headline(2193, 'agents')).toBe('Digest Paperboy : 2\u202f193 nouvelles publications sur agents');
    expect(fr.headline(1, 'agents')).toBe('Digest Paperboy : 1 nouvelle publication sur agents');
  });
});

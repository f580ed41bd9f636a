import { describe, expect, it } from 'vitest';
import { emptySearchHints } from '../../../src/core/search/empty-hints.js';
import { parseQuery } from '../../../src/core/search/query-parser.js';

const NOW = new Date('2026-12-05T10:00:00Z');
const hints = (q: string, hotDays = 30) => {
  const parsed = parseQuery(q);
  if (!parsed.ok) throw new Error(parsed.error);
  return emptySearchHints(parsed.query, { hotDays, now: NOW });
};

describe('why a search found nothing', () => {
  it('says a database with no paper at all is the reason, and only that', () => {
    const parsed = parseQuery('difusion category:cs.CL');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(emptySearchHints(parsed.query, { hotDays: 30, now: NOW, stored: 0 })).toEqual([expect.stringMatching(/^No paper is stored yet: `paperboy ingest`/)]);
    expect(emptySearchHints(parsed.query, { hotDays: 30, now: NOW, stored: 1 })).toHaveLength(2);
  });

  it('says a since: date after today is the reason, and only that (a typo in the year)', () => {
    expect(hints('since:2062-01-01 diffusion')).toEqual(['since:2062-01-01 is after today: no paper is that new.']);
    expect(hints('since:2026-12-05 diffusion')).toEqual([expect.stringContaining('Typos are forgiven among the papers of the last 30 days')]);
  });

  it('says categories come from arXiv, and where typos are forgiven when there are words', () => {
    expect(hints('category:cs.CL')).toEqual(['Categories come from arXiv listings: papers known only from Hugging Face have none.']);
    expect(hints('author:smith')).toEqual([]);
    expect(hints('difusion', 0)).toEqual([]);
  });

  it('says a word left out may be why, before the typo hint (a right spelling is no typo)', () => {
    expect(hints('decoding -diffusion NOT sampling')).toEqual([
      'Papers with a word starting like one left out (-diffusion -sampling) are not shown: the matches may all have it; try without it.',
      expect.stringContaining('Typos are forgiven'),
    ]);
    expect(hints('decoding')).toEqual([expect.stringContaining('Typos are forgiven')]);
  });
});

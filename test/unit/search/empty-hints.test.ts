import { describe, expect, it } from 'vitest';
import { emptySearchHints, noMatchText, searchNoteText } from '../../../src/core/search/empty-hints.js';
import { parseQuery } from '../../../src/core/search/query-parser.js';
import { NO_NOTES } from '../../../src/core/search/spelling.js';

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

  it('gives no spelling advice when every stored paper\'s words were checked, or the words match without the filters', () => {
    const parsed = parseQuery('since:2026-03-01 diffusion');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(emptySearchHints(parsed.query, { hotDays: 30, now: NOW, notes: { ...NO_NOTES, spellChecked: true } })).toEqual([]);
    expect(emptySearchHints(parsed.query, { hotDays: 30, now: NOW, notes: { ...NO_NOTES, withoutFilters: 4 } })).toEqual([]);
  });
});

describe('what a search says of its words', () => {
  const query = (q: string) => {
    const parsed = parseQuery(q);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.query;
  };

  it('blames the filters that emptied an answer, saying how many match without them', () => {
    expect(noMatchText(query('since:2026-03-01 diffusion'), { ...NO_NOTES, withoutFilters: 7 })).toBe('No papers match "diffusion" with since:2026-03-01: 7 match without it.');
    expect(noMatchText(query('diffusion author:"ada lovelace" category:cs.CL'), { ...NO_NOTES, withoutFilters: 100 })).toBe(
      'No papers match "diffusion" with author:"ada lovelace" category:cs.cl: 100 or more match without these filters.',
    );
    expect(noMatchText(query('since:2026-03-01 diffusion'), { ...NO_NOTES, withoutFilters: 0 })).toBe('No papers match "diffusion".');
  });

  it('says which typed words were searched as others, and which no stored paper has', () => {
    const corrected = { ...NO_NOTES, corrected: [{ typed: 'diffusoin', searched: 'diffusion' }] };
    expect(searchNoteText(corrected)).toBe('No stored paper has "diffusoin": showing results for "diffusion".');
    expect(searchNoteText({ ...NO_NOTES, unmatched: ['xqzzyv'] })).toBe('No stored paper has "xqzzyv": these papers match the other words.');
    expect(searchNoteText(NO_NOTES)).toBeNull();
    expect(noMatchText(query('xqzzyv qwvvz'), { ...NO_NOTES, unmatched: ['xqzzyv', 'qwvvz'] })).toBe('No stored paper has "xqzzyv" or "qwvvz".');
    expect(noMatchText(query('xqzzyv models'), { ...NO_NOTES, unmatched: ['xqzzyv'] })).toBe('No stored paper has "xqzzyv". No papers match "xqzzyv" "models".');
  });
});

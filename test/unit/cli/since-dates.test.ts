/** Every `since` a command takes is read by the one calendar check (core/papers/ingest-dates parseDay). */
import { describe, expect, it } from 'vitest';
import { parseSince } from '../../../src/cli/commands/digest.js';
import { parseQuery } from '../../../src/core/search/query-parser.js';

const now = new Date('2026-12-01T12:00:00Z');

describe('digest --since', () => {
  it('refuses a day the calendar does not have, as papers list, match and search do', () => {
    // Date alone turned it into 2026-03-02 without a word.
    expect(parseSince('2026-02-30', now)).toEqual({ ok: false, error: '--since: "2026-02-30" is not a real calendar day' });
    expect(parseSince('2026-02-30T08:00:00Z', now)).toEqual({ ok: false, error: '--since: "2026-02-30" is not a real calendar day' });
  });

  it('takes a day (UTC midnight) or an ISO time', () => {
    expect(parseSince('2026-02-28', now)).toEqual({ ok: true, since: new Date('2026-02-28T00:00:00Z') });
    expect(parseSince('2026-02-28T08:30:00Z', now)).toEqual({ ok: true, since: new Date('2026-02-28T08:30:00Z') });
    expect(parseSince('yesterday', now)).toMatchObject({ ok: false, error: expect.stringContaining('is not a date') });
  });
});

describe('search since:', () => {
  it('says why a day is refused in the same words', () => {
    expect(parseQuery('decoding since:2026-02-30')).toEqual({ ok: false, error: 'since: "2026-02-30" is not a real calendar day' });
  });
});

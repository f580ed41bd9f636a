import { describe, expect, it } from 'vitest';
import { feedDate } from '../../../src/sources/feed-date.js';

describe('feedDate', () => {
  it.each([
    ['Fri, 05 Jan 2024 10:00:00 GMT', '2024-01-05T10:00:00.000Z'],
    ['Fri, 05 Jan 2024 10:00:00 EST', '2024-01-05T15:00:00.000Z'],
    ['Fri, 05 Jan 2024 10:00:00 CET', '2024-01-05T09:00:00.000Z'],
    ['Fri, 05 Jul 2024 10:00:00 CEST', '2024-07-05T08:00:00.000Z'],
    ['Fri, 05 Jul 2024 10:00:00 BST', '2024-07-05T09:00:00.000Z'],
    ['Fri, 05 Jan 2024 10:00:00 AEST', '2024-01-05T00:00:00.000Z'],
    ['Fri, 05 Jan 2024 10:00:00 +0100', '2024-01-05T09:00:00.000Z'],
    ['2024-01-05T10:00:00+02:00', '2024-01-05T08:00:00.000Z'],
    ['2024-01-05T10:00:00Z', '2024-01-05T10:00:00.000Z'],
    ['2024-01-05', '2024-01-05T00:00:00.000Z'],
  ])('%s', (raw, iso) => {
    expect(feedDate(raw)?.toISOString()).toBe(iso);
  });

  it('reads a date without a zone as UTC, whatever the host\'s zone', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(feedDate('2024-01-05T10:00:00')?.toISOString()).toBe('2024-01-05T10:00:00.000Z');
      expect(feedDate('2024-01-05 10:00:00.5')?.toISOString()).toBe('2024-01-05T10:00:00.500Z');
      expect(feedDate('Fri, 05 Jan 2024 10:00:00')?.toISOString()).toBe('2024-01-05T10:00:00.000Z');
      process.env.TZ = 'Asia/Tokyo';
      // A day alone is that day, not the day before (Tokyo's midnight is 15:00 UTC the day before).
      for (const day of ['Fri, 05 Jan 2024', '05 Jan 2024', 'Jan 5, 2024', '2024/01/05', '2024-01-05']) expect(feedDate(day)?.toISOString(), day).toBe('2024-01-05T00:00:00.000Z');
      process.env.TZ = 'America/Los_Angeles';
      // W3C-DTF partial dates are UTC already: not a day early west of UTC.
      for (const [day, iso] of [['2024-01', '2024-01-01'], ['2024', '2024-01-01'], ['2024-01-05Z', '2024-01-05'], ['Fri, 05 Jan 2024', '2024-01-05']]) expect(feedDate(day!)?.toISOString(), day).toBe(`${iso}T00:00:00.000Z`);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('gives nothing for what is not a date', () => {
    expect(feedDate('')).toBeUndefined();
    expect(feedDate('sometime soon')).toBeUndefined();
  });
});

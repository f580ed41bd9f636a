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
      expect(feedDate('Fri, 05 Jan 2024 10:00 PM')?.toISOString()).toBe('2024-01-05T22:00:00.000Z');
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

  // Dates feeds really write, from feedparser's tests/test_date_parsers.py (RFC 822, W3C-DTF,
  // MSSQL-style and asctime cases) and the RSS 2.0 / RFC 822 §5 zone forms.
  it.each([
    ['Thu, 01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21.000Z'], // two-digit year
    ['Thu,  5 Apr 2012 10:00:00 GMT', '2012-04-05T10:00:00.000Z'], // one-digit day, two spaces
    ['Thu, 01 Jan 2004 00:00 GMT', '2004-01-01T00:00:00.000Z'], // no seconds
    ['Thu, 30 Apr 2015 08:57:00 MET', '2015-04-30T07:57:00.000Z'],
    ['Thu, 30 Apr 2015 08:57:00 MEST', '2015-04-30T06:57:00.000Z'],
    ['Wed, 19 Feb 2012 22:40:00 GMT-01:01', '2012-02-19T23:41:00.000Z'],
    ['Wed, 19 Feb 2012 22:40:00 -01:01', '2012-02-19T23:41:00.000Z'],
    ['Mon, 13 Feb, 2012 06:28:00 UTC', '2012-02-13T06:28:00.000Z'], // extraneous comma
    ['Mon, 26 January 2004 16:31:00 EST', '2004-01-26T21:31:00.000Z'], // long month name
    ['Fri, 2006/09/15 08:19:53 EDT', '2006-09-15T12:19:53.000Z'],
    ['Thu Aug 30 2012 17:26:16 +0200', '2012-08-30T15:26:16.000Z'], // month before day
    ['Sun Jul 15 01:16:00 +0000 2012', '2012-07-15T01:16:00.000Z'], // Twitter's asctime with a zone
    ['Tue, 10 Jun 2003 04:00:00 UT', '2003-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 Z', '2003-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 -0000', '2003-06-10T04:00:00.000Z'],
    ['2003-12-31T10:14:55.1234Z', '2003-12-31T10:14:55.123Z'],
    ['2007-04-23T23:25:47.538+10:00', '2007-04-23T13:25:47.538Z'],
    ['2003-12-31T10:14-08:00', '2003-12-31T18:14:00.000Z'], // no seconds
    ['2003-12-31T10:14:55+0800', '2003-12-31T02:14:55.000Z'], // offset without a colon
    ['2004-07-08 23:56:58 -00:20', '2004-07-09T00:16:58.000Z'],
  ])('%s', (raw, iso) => {
    expect(feedDate(raw)?.toISOString()).toBe(iso);
  });

  it("reads C's asctime form, which names no zone, as UTC too", () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      expect(feedDate('Sun Jan  4 16:29:06 2004')?.toISOString()).toBe('2004-01-04T16:29:06.000Z');
      expect(feedDate('Sun Jan 4 16:29 2004')?.toISOString()).toBe('2004-01-04T16:29:00.000Z');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  // Forms that came out undated, from feedparser's tests/test_date_parsers.py and datetimes/*.py
  // (rfc822 zone names, Etc/GMT, ISO 8601 variants) and RFC 822 §5 / RFC 2822 §4.3 (military zones).
  it.each([
    ['Wed, 19 Aug 2009 18:28:00 Etc/GMT', '2009-08-19T18:28:00.000Z'], // feedparser: etc/gmt timezone
    ['Mon, 26 January 2004 16:31:00 AT', '2004-01-26T20:31:00.000Z'], // feedparser: Disney's zone names
    ['Mon, 26 January 2004 16:31:00 ET', '2004-01-26T21:31:00.000Z'],
    ['Mon, 26 January 2004 16:31:00 CT', '2004-01-26T22:31:00.000Z'],
    ['Mon, 26 January 2004 16:31:00 MT', '2004-01-26T23:31:00.000Z'],
    ['Mon, 26 January 2004 16:31:00 PT', '2004-01-27T00:31:00.000Z'],
    ['Mon, 26 January 2004 16:31:00 AST', '2004-01-26T20:31:00.000Z'],
    ['Mon, 26 January 2004 16:31:00 ADT', '2004-01-26T19:31:00.000Z'],
    ['Fri, 05 Jan 2024 10:00:00 HST', '2024-01-05T20:00:00.000Z'],
    ['Fri, 05 Jan 2024 10:00:00 akst', '2024-01-05T19:00:00.000Z'], // a zone name in lower case
    // Military zones other than Z: RFC 2822 §4.3 reads them as -0000 (RFC 822 had their signs backwards).
    ['Tue, 10 Jun 2003 04:00:00 A', '2003-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 y', '2003-06-10T04:00:00.000Z'],
    ['Fri, 05 Jan 2024 10:00:00 +0200 CEST', '2024-01-05T08:00:00.000Z'], // the zone's name after its offset, no parentheses
    ['2003-12-31T10:14:55,1234Z', '2003-12-31T10:14:55.123Z'], // ISO 8601's comma before a fraction
    ['2003-12-31 10:14:55,5', '2003-12-31T10:14:55.500Z'],
    ['20031231T101455Z', '2003-12-31T10:14:55.000Z'], // ISO 8601 basic form
    ['20031231T1014+0100', '2003-12-31T09:14:00.000Z'],
    ['20031231', '2003-12-31T00:00:00.000Z'],
    ['2003-012-31T10:14:55+00:00', '2003-12-31T10:14:55.000Z'], // feedparser: Google's extra zero in the month
    ['2003-12-31T10:14:55+01', '2003-12-31T09:14:55.000Z'], // an offset of whole hours
    ['03-12-31', '2003-12-31T00:00:00.000Z'], // feedparser: ISO 8601 two-digit year
    ['031231', '2003-12-31T00:00:00.000Z'],
    ['2003-12-31T10:14:55 +0100', '2003-12-31T09:14:55.000Z'], // a zone after a space, as PHP's 'Y-m-d\\TH:i:s O' writes it
    ['2003-12-31T10:14:55.5 -05:00', '2003-12-31T15:14:55.500Z'],
    ['2003-12-31T10:14:55 UTC', '2003-12-31T10:14:55.000Z'],
    ['05.12.2003', '2003-12-05T00:00:00.000Z'], // a day with dots is day first (German, Russian, Polish sites)
    ['5.1.2003 10:14', '2003-01-05T10:14:00.000Z'],
    ['05.12.2003 10:14:55 +0100', '2003-12-05T09:14:55.000Z'],
    ['2003-12-31T10:14 CET', '2003-12-31T09:14:00.000Z'],
    ['Tue, 10 Jun 49 04:00:00 GMT', '2049-06-10T04:00:00.000Z'], // RFC 2822 §4.3: 00-49 are 2000-2049
    ['Tue, 10 Jun 50 04:00:00 GMT', '1950-06-10T04:00:00.000Z'], // and 50-99 are 1950-1999
    ['TUE, 10 JUN 2003 04:00:00 GMT', '2003-06-10T04:00:00.000Z'], // day and month names in any case
    ['tuesday, 10 june 2003 04:00:00 gmt', '2003-06-10T04:00:00.000Z'],
  ])('%s', (raw, iso) => {
    expect(feedDate(raw)?.toISOString()).toBe(iso);
  });

  // An offset written without its sign was dropped, and the time read in the host's zone.
  it('reads an offset written without its sign as east of UTC, on any host; a year after the time stays a year', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      expect(feedDate('Tue, 10 Jun 2003 04:00:00 0200')?.toISOString()).toBe('2003-06-10T02:00:00.000Z');
      expect(feedDate('Tue, 10 Jun 03 04:00 0530')?.toISOString()).toBe('2003-06-09T22:30:00.000Z');
      expect(feedDate('Sun Jan  4 16:29:06 2004')?.toISOString()).toBe('2004-01-04T16:29:06.000Z');
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  // The JavaScript parser rolls a day that does not exist into the next month, and reads digits
  // that are no year as one: such a date was never written, so there is none.
  it('gives nothing for a day that does not exist or a year past 9999, where the parser would make one up', () => {
    for (const raw of ['Mon, 31 Feb 2024 10:00:00 GMT', '2024-02-31', '31.02.2024', '05.13.2024', '2024-02-30T10:00:00Z', 'Apr 31, 2024', '2023-02-29', '12-31-03', '22013', 'Sun, 31 Dec 9999 23:59:59 -9999', 'Wed, 19 Aug 2009 18:28:00 Etc/GMT+5', 'Tue, 10 Jun 2003 04:00:00 J']) {
      expect(feedDate(raw), raw).toBeUndefined();
    }
    expect(feedDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('gives nothing for what is not a date', () => {
    expect(feedDate('')).toBeUndefined();
    expect(feedDate('sometime soon')).toBeUndefined();
    // Out-of-range day and hour (feedparser's invalid cases).
    expect(feedDate('Sun, 99 Jun 2009 12:00:00 GMT')).toBeUndefined();
    expect(feedDate('2003-12-31T25:14:55Z')).toBeUndefined();
  });

  // A quarterly's issue named by its season, and other words around a year: the parser skipped
  // the words it did not know and gave 1 January; a bare number gave 1 December 2001.
  it('gives nothing for a season, other words around a year, or a bare number', () => {
    for (const raw of ['Spring 2026', 'Winter 2025', 'Online first 2026', 'Issue 3, 2026', 'Published Tue Jan 02, 2024', '12']) expect(feedDate(raw), raw).toBeUndefined();
    // Days of the week, months and zones in any case are still date words.
    expect(feedDate('tuesday, june 10, 2003 04:00 AKST')?.toISOString()).toBe('2003-06-10T13:00:00.000Z');
  });
});

describe('a zone named in brackets after the offset (RFC 9557; Java\'s ZonedDateTime.toString())', () => {
  it('is read by its offset', () => {
    expect(feedDate('2024-01-05T10:00+01:00[Europe/Paris]')?.toISOString()).toBe('2024-01-05T09:00:00.000Z');
    expect(feedDate('2024-01-05T10:00:00.5Z[UTC]')?.toISOString()).toBe('2024-01-05T10:00:00.500Z');
    expect(feedDate('2024-01-05T10:00:00-05:00[!America/New_York][u-ca=iso8601]')?.toISOString()).toBe('2024-01-05T15:00:00.000Z');
  });
});

describe('a range of months or days (a journal issue, a conference)', () => {
  // Read as its first day: when the issue or the meeting begins, as "July 2026" is 1 July.
  it.each([
    ['July-August 2026', '2026-07-01'],
    ['Jul–Aug 2026', '2026-07-01'],
    ['Jul-Aug 2026', '2026-07-01'],
    ['July/August 2026', '2026-07-01'],
    ['May - June 2026', '2026-05-01'],
    ['Sept.–Oct. 2026', '2026-09-01'],
    ['Dec 2025–Jan 2026', '2025-12-01'],
    ['December 2025 - January 2026', '2025-12-01'],
    ['1-7 July 2026', '2026-07-01'],
    ['28 June–4 July 2026', '2026-06-28'],
    ['July 1-7, 2026', '2026-07-01'],
    ['June 28 – July 4, 2026', '2026-06-28'],
  ])('%s is %s', (raw, day) => {
    expect(feedDate(raw)?.toISOString()).toBe(`${day}T00:00:00.000Z`);
  });

  it('a season, or a range of them, stays no date: where it starts depends on the hemisphere', () => {
    for (const raw of ['Spring–Summer 2026', 'Summer 2026', 'Winter 2025/2026']) expect(feedDate(raw), raw).toBeUndefined();
    // A day written with hyphens is no range.
    expect(feedDate('5-Jan-24')?.toISOString()).toBe('2024-01-05T00:00:00.000Z');
  });

  it('a range of days beside a weekday or a time is no date, not a day in the wrong year', () => {
    // The parser read both as 2007 and 2002: years that pass every plausibility check after it.
    for (const raw of ['Mon, 1-7 July 2026', '1-2 Jan 2024 10:00 GMT', 'Tue, July 1-7, 2026']) expect(feedDate(raw), raw).toBeUndefined();
    expect(feedDate('Mon, 06 Jul 2026 10:00:00 GMT')?.toISOString()).toBe('2026-07-06T10:00:00.000Z');
  });
});

describe('entryDate', () => {
  it('leaves out a date no feed entry can have: before 1991, or days ahead', async () => {
    const { entryDate } = await import('../../../src/sources/feed-date.js');
    const now = new Date('2026-12-05T10:00:00Z');
    expect(entryDate('9999-12-31', now)).toBeUndefined();
    expect(entryDate('0001-01-01T00:00:00Z', now)).toBeUndefined();
    expect(entryDate('2026-12-31', now)).toBeUndefined();
    // A fresh entry from a zone ahead, and an old post, are kept.
    expect(entryDate('Sat, 06 Dec 2026 08:00:00 +1400', now)?.toISOString()).toBe('2026-12-05T18:00:00.000Z');
    expect(entryDate('1999-03-01', now)?.toISOString()).toBe('1999-03-01T00:00:00.000Z');
  });
});

// feedparser's own date table (kurtmckee/feedparser tests/test_date_parsers.py), expected values
// from its tuples: what it reads and we read too must stay read the same way, what it refuses stays refused.
describe("feedparser's date table", () => {
  it.each([
    ['Fri, 2006/09/15 08:19:53 EDT', '2006-09-15T12:19:53.000Z'],
    ['Thu, 30 Apr 2015 08:57:00 MET', '2015-04-30T07:57:00.000Z'],
    ['Thu, 30 Apr 2015 08:57:00 MEST', '2015-04-30T06:57:00.000Z'],
    ['Thu, 01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
    ['Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
    ['Thu,  5 Apr 2012 10:00:00 GMT', '2012-04-05T10:00:00.000Z'],
    ['Wed, 19 Aug 2009 18:28:00 Etc/GMT', '2009-08-19T18:28:00.000Z'],
    ['Wed, 19 Feb 2012 22:40:00 GMT-01:01', '2012-02-19T23:41:00.000Z'],
    ['Wed, 19 Feb 2012 22:40:00 -01:01', '2012-02-19T23:41:00.000Z'],
    ['Mon, 13 Feb, 2012 06:28:00 UTC', '2012-02-13T06:28:00.000Z'],
    ['Thu, 01 Jan 2004 00:00 GMT', '2004-01-01T00:00:00.000Z'],
    ['Thu, 01 Jan 2004', '2004-01-01T00:00:00.000Z'],
    ['Mon, 26 January 2004 16:31:00 AT', '2004-01-26T20:31:00.000Z'],
    ['Mon, 26 January 2004 16:31:00 ET', '2004-01-26T21:31:00.000Z'],
    ['Mon, 26 January 2004 16:31:00 CT', '2004-01-26T22:31:00.000Z'],
    ['Mon, 26 January 2004 16:31:00 MT', '2004-01-26T23:31:00.000Z'],
    ['Mon, 26 January 2004 16:31:00 PT', '2004-01-27T00:31:00.000Z'],
    ['Thu Aug 30 2012 17:26:16 +0200', '2012-08-30T15:26:16.000Z'],
    ['Sun Jan  4 16:29:06 2004', '2004-01-04T16:29:06.000Z'],
    ['Sun Jul 15 01:16:00 +0000 2012', '2012-07-15T01:16:00.000Z'],
    ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55.000Z'],
    ['2003-12-31T10:14:55-08:00', '2003-12-31T18:14:55.000Z'],
    ['2003-12-31T18:14:55+08:00', '2003-12-31T10:14:55.000Z'],
    ['2007-04-23T23:25:47.538+10:00', '2007-04-23T13:25:47.538Z'],
    ['2003-12-31', '2003-12-31T00:00:00.000Z'],
    ['2003-12', '2003-12-01T00:00:00.000Z'],
    ['2003', '2003-01-01T00:00:00.000Z'],
    ['2004-02-28T18:14:55-08:00', '2004-02-29T02:14:55.000Z'],
    ['2003-02-28T18:14:55-08:00', '2003-03-01T02:14:55.000Z'],
    ['2000-02-28T18:14:55-08:00', '2000-02-29T02:14:55.000Z'],
    ['2004-07-08 23:56:58 -00:20', '2004-07-09T00:16:58.000Z'],
    ['2004-07-08 23:56:58', '2004-07-08T23:56:58.000Z'],
    ['2004-07-08 23:56:58.0', '2004-07-08T23:56:58.000Z'],
    ['031231', '2003-12-31T00:00:00.000Z'],
    ['03-12-31', '2003-12-31T00:00:00.000Z'],
    ['2003-12-31T10:14:55.1234Z', '2003-12-31T10:14:55.123Z'],
    ['2003-012-31T10:14:55+00:00', '2003-12-31T10:14:55.000Z'],
    // Its Greek and Hungarian handlers' cases.
    ['\u039a\u03c5\u03c1, 11 \u0399\u03bf\u03cd\u03bb 2004 12:00:00 EST', '2004-07-11T17:00:00.000Z'],
    ['2004-j\u00falius-13T9:15-05:00', '2004-07-13T14:15:00.000Z'],
    // Its Korean handlers' cases (nate, onblog). feedparser takes them as Korea's time (+09:00);
    // they name no zone, so here they are UTC as every date without a zone is.
    ['2004-05-25 \uc624\ud6c4 11:23:17', '2004-05-25T23:23:17.000Z'],
    ['2004\ub144 05\uc6d4 28\uc77c  01:31:15', '2004-05-28T01:31:15.000Z'],
  ])('%s', (raw, iso) => {
    expect(feedDate(raw)?.toISOString()).toBe(iso);
  });

  it('refuses what it refuses', () => {
    for (const raw of [
      'Sun, 16 Dec 2012 1:2:3:4 GMT', 'Sun, 16 zzz 2012 11:47:32 GMT', 'Sun, Dec x 2012 11:47:32 GMT', 'Sun, 16 Dec zz 11:47:32 GMT',
      'Sun, 16 Dec 2012 11:47:32 +zz:00', 'Sun, 16 Dec 2012 11:47:32 +00:zz', 'Sun, 99 Jun 2009 12:00:00 GMT', '9999-12-31T23:59:59-99:99',
      '2003-12-31T25:14:55Z', '2003-12-31T10:61:55Z', '2003-12-31T10:14:61Z', '22013', '013', '2013-01-27-01', '2013-01-28T11:30:00-06:00Textra',
      '2013-xx-27', '2013-01-28T09:xx:00Z', '2013-01-28T09:00:00+00:xx', 'Sun, 31 Dec 9999 23:59:59 -9999',
    ]) expect(feedDate(raw), raw).toBeUndefined();
  });
});

describe('dates written in other languages', () => {
  // Month and weekday names as the languages' own locales write them (long, short, and the
  // genitive a day takes: 'lipca', 'июля', 'Ιουλίου'), accents or none.
  it.each([
    ['3 juillet 2025', '2025-07-03T00:00:00.000Z'],
    ['1er juillet 2025', '2025-07-01T00:00:00.000Z'],
    ['jeudi 3 juillet 2025', '2025-07-03T00:00:00.000Z'],
    ['jeu., 03 juil. 2025 10:00:00 +0200', '2025-07-03T08:00:00.000Z'],
    ['3 févr. 2025', '2025-02-03T00:00:00.000Z'],
    ['Do., 03. Juli 2025 10:00:00 +0200', '2025-07-03T08:00:00.000Z'],
    ['3. März 2025', '2025-03-03T00:00:00.000Z'],
    ['3 de julio de 2025', '2025-07-03T00:00:00.000Z'],
    ['mié, 02 jul 2025 10:00:00 +0200', '2025-07-02T08:00:00.000Z'],
    ['3 luglio 2025', '2025-07-03T00:00:00.000Z'],
    ['gio, 03 lug 2025 10:00:00 GMT', '2025-07-03T10:00:00.000Z'],
    ['3 de julho de 2025', '2025-07-03T00:00:00.000Z'],
    ['qua., 02 jul. 2025 10:00:00 -0300', '2025-07-02T13:00:00.000Z'],
    ['3 juli 2025', '2025-07-03T00:00:00.000Z'],
    ['3 mrt 2025', '2025-03-03T00:00:00.000Z'],
    ['3 lipca 2025', '2025-07-03T00:00:00.000Z'],
    ['3 października 2025 10:00', '2025-10-03T10:00:00.000Z'],
    ['3 июля 2025 г.', '2025-07-03T00:00:00.000Z'],
    ['Чт, 03 июл. 2025 10:00:00 +0300', '2025-07-03T07:00:00.000Z'],
    ['Κυρ, 13 Ιουλ 2025 12:00:00 +0300', '2025-07-13T09:00:00.000Z'],
    ['13 Ιουλίου 2025', '2025-07-13T00:00:00.000Z'],
    ['2025-július-13T9:15-05:00', '2025-07-13T14:15:00.000Z'],
    ['2025. július 13.', '2025-07-13T00:00:00.000Z'],
    ['2025. júl. 13. 9:15', '2025-07-13T09:15:00.000Z'],
    // A journal issue's range of months, as English ones are read: its first month.
    ['julio-agosto 2025', '2025-07-01T00:00:00.000Z'],
    ['juillet–août 2025', '2025-07-01T00:00:00.000Z'],
  ])('%s', (raw, iso) => {
    expect(feedDate(raw)?.toISOString()).toBe(iso);
  });

  it('reads Korean, Japanese and Chinese year/month/day and their AM/PM marks', () => {
    for (const [raw, iso] of [
      ['2025-05-25 오후 11:23:17', '2025-05-25T23:23:17.000Z'],
      ['2025-05-25 오전 11:23:17', '2025-05-25T11:23:17.000Z'],
      ['2025-05-25 오전 12:05:00', '2025-05-25T00:05:00.000Z'],
      ['2025-05-25 오후 12:05:00', '2025-05-25T12:05:00.000Z'],
      ['2025년 5월 25일 오후 3:15', '2025-05-25T15:15:00.000Z'],
      ['2025年7月3日', '2025-07-03T00:00:00.000Z'],
      ['2025年7月', '2025-07-01T00:00:00.000Z'],
      ['2025년 7월', '2025-07-01T00:00:00.000Z'],
      ['2025年7月3日 午後3:15', '2025-07-03T15:15:00.000Z'],
      ['2025年7月3日(木) 15:15', '2025-07-03T15:15:00.000Z'],
      ['2025年07月03日 下午 3:15:00', '2025-07-03T15:15:00.000Z'],
      ['2025年7月3日 上午9:05 +0800', '2025-07-03T01:05:00.000Z'],
    ]) expect(feedDate(raw!)?.toISOString(), raw).toBe(iso);
  });

  it('gives nothing for a season or other words in any script', () => {
    for (const raw of ['Άνοιξη 2026', 'Осень 2025', 'printemps 2026', 'Frühjahr 2026', '2025年 春']) expect(feedDate(raw), raw).toBeUndefined();
  });
});

describe('Unix timestamps', () => {
  // Seconds since 1970 as the whole text, from 1991 (before any feed entry) to 2100; nine or ten
  // digits. Other bare numbers (an issue number, a year with its month) are no date.
  it('reads seconds since the epoch in the years a feed entry can have', () => {
    expect(feedDate('1751500800')?.toISOString()).toBe('2025-07-03T00:00:00.000Z');
    expect(feedDate(' 700000000 ')?.toISOString()).toBe('1992-03-07T20:26:40.000Z');
    for (const raw of ['123456789', '4102444800', '17515008001', '1751500800000', '-1751500800', '1751500800.5', '12']) expect(feedDate(raw), raw).toBeUndefined();
  });
});

/**
 * Dates as feeds write them. RFC 822 dates name their zone, often by an abbreviation the
 * JavaScript parser knows only for the US; ISO 8601 dates sometimes name none, which the
 * parser reads in the host's zone, so the same feed gave different dates on different
 * servers. A date without a zone is read as UTC (a day alone as that day), and the
 * abbreviations feeds use most are read as their offsets.
 *
 * The rarer forms feedparser's date tests cover are rewritten into ones the parser reads
 * (military and `Etc/GMT` zones, US zone names without S/D, ISO 8601 with a comma fraction, the
 * basic form, an hours-only offset, two-digit years); a day that does not exist ('31 Feb') or a
 * year past 9999 is no date, where the parser would roll it into another. Dates in other
 * languages and Unix timestamps are rewritten first (feed-date-local.ts).
 */
import { MONTHS } from '../core/months.js';
import { localForms } from './feed-date-local.js';

/** Zone abbreviations seen in feeds beyond the US ones the parser knows (IST as India's). */
const ZONES: Record<string, string> = {
  CET: '+0100', CEST: '+0200', MET: '+0100', MEST: '+0200', WET: '+0000', WEST: '+0100', EET: '+0200', EEST: '+0300',
  BST: '+0100', IST: '+0530', MSK: '+0300', JST: '+0900', KST: '+0900', HKT: '+0800', SGT: '+0800', AWST: '+0800',
  ACST: '+0930', ACDT: '+1030', AEST: '+1000', AEDT: '+1100', NZST: '+1200', NZDT: '+1300', UTC: '+0000',
  // feedparser's rfc822 names: Atlantic, and the US zones written without standard/daylight.
  AST: '-0400', ADT: '-0300', AT: '-0400', ET: '-0500', CT: '-0600', MT: '-0700', PT: '-0800',
  HST: '-1000', AKST: '-0900', AKDT: '-0800',
};

const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
/** A time and no zone ('10:00:00', '10:00 PM'). */
const TIME_WITHOUT_ZONE = /\s\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M)?$/i;
/** C's asctime ('Sun Jan  4 16:29:06 2004'): the year after the time, and no zone. */
const ASCTIME = /^[A-Za-z]{3},? [A-Za-z]{3} +\d{1,2} \d{1,2}:\d{2}(?::\d{2})? \d{4}$/;
const NAMED_ZONE = /\s([A-Za-z]{2,4})$/;
/**
 * RFC 822's military zones after a time. RFC 2822 §4.3: RFC 822 gave their signs the wrong way
 * round, so any but Z "SHOULD all be considered equivalent to '-0000'": the time as written, in
 * UTC. (J names no zone.)
 */
const MILITARY_ZONE = /(\d:\d{2}(?::\d{2})?)\s+[A-IK-Ya-ik-y]$/;
/** `Etc/GMT` (tz database names in some generators' output). `Etc/GMT+5` means UTC-5 there and is left alone. */
const ETC_ZONE = /\sEtc\/(?:GMT|UTC|UCT)$/i;
/** A numeric offset followed by the zone's name without the parentheses RFC 2822 would give it. */
const OFFSET_THEN_NAME = /([+-]\d{2}:?\d{2})\s+[A-Za-z]{2,5}$/;
/** An offset written without its sign after a time ('04:00:00 0200'): a minus is seldom the one dropped. */
const UNSIGNED_OFFSET = /(\s\d{1,2}:\d{2}(?::\d{2})?)\s+(\d{2})(\d{2})$/;

/** ISO 8601 forms the parser does not read, rewritten into the extended form. */
function isoForms(s: string): string {
  return (
    s
      // A day written with dots ('05.12.2024', '5.1.2024 10:00'), as German, Russian, Polish and
      // other sites write it, is day first in every such locale; the parser read it month first
      // (5 December became 12 May).
      .replace(/^(\d{1,2})\.(\d{1,2})\.(\d{4})(?=$|[\s,T])/, (_m, d: string, mo: string, y: string) => `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`)
      // RFC 9557's bracketed zone name and tags after an offset ('…+01:00[Europe/Paris]', as
      // Java's ZonedDateTime prints itself): the offset already says the instant.
      .replace(/^(\d{4}-\d{2}-\d{2}T[\d:.,]+(?:Z|[+-]\d{2}(?::?\d{2})?))(?:\[!?[^\][\s]+\])+$/i, '$1')
      // A comma before the fraction of a second (ISO 8601 prefers it).
      .replace(/^(\d{4}-?\d{2}-?\d{2}[T ]\d{2}:?\d{2}:?\d{2}),(\d+)/i, '$1.$2')
      // Google's extra zero in the month (feedparser: '2003-012-31').
      .replace(/^(\d{4})-0(\d{2})-(\d{2})(?=$|[T ])/, '$1-$2-$3')
      // The basic form: '20031231', '20031231T101455Z'.
      .replace(/^(\d{4})(\d{2})(\d{2})(?:T(\d{2}):?(\d{2})(?::?(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i, (_m, y: string, mo: string, d: string, h?: string, mi?: string, sec?: string, frac?: string, zone?: string) =>
        h === undefined ? `${y}-${mo}-${d}` : `${y}-${mo}-${d}T${h}:${mi}${sec ? `:${sec}${frac ?? ''}` : ''}${zone ?? ''}`,
      )
      // An offset of whole hours: '+01' is '+01:00'.
      .replace(/^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([+-]\d{2})$/i, '$1$2:00')
      // A zone after a space ('2024-01-05T10:00:00 +0100', '… UTC', as PHP's 'Y-m-d\TH:i:s O'
      // writes it): the parser reads that only without the T, and gave no date.
      .replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s+[-+A-Z])/i, '$1 $2')
  );
}

/** A two-digit year as ISO 8601 writes one ('03-12-31', '031231'): this century, as feedparser reads it. */
const ISO_TWO_DIGIT_YEAR = /^(\d{2})(-?)(\d{2})\2(\d{2})$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A month's name or abbreviation ('Jun', 'June', 'Sept.'), its abbreviation captured. */
const MONTH = `(${MONTHS.join('|')})[a-z]*\\.?`;
/** '05 Jan 2024', '5-Jan-24': day, month, year. */
const DAY_FIRST = new RegExp(`(?:^|[\\s,])(\\d{1,2})[\\s-]+${MONTH},?[\\s-]+(\\d{4}|\\d{2})\\b`, 'i');
/** 'January 5, 2024', 'Jan 5 10:00:00 UTC 2024': month, day, year. */
const MONTH_FIRST = new RegExp(`(?:^|[\\s,])${MONTH}\\s+(\\d{1,2}),?\\s+(?:\\d{1,2}:\\d{2}(?::\\d{2})?\\s+(?:\\S+\\s+)?)?(\\d{4})\\b`, 'i');

/** A dash or slash between the ends of a range ('July–August', '1-7', 'July/August'). */
const TO = '\\s*[-\u2010-\u2015/]\\s*';
const RANGE_MONTH = `(?:${MONTHS.join('|')})[a-z]*\\.?`;
/**
 * Ranges a journal issue or a meeting is dated by, each rewritten as its first day: the first
 * month of 'July-August 2026' and 'Dec 2025–Jan 2026', the first day of '1-7 July 2026' and
 * 'June 28 – July 4, 2026'. The parser took the last month ('July-August' was 1 August) or read
 * '1-7 July 2026' as 2007. A season is left alone (namesADate): when it starts depends on the hemisphere.
 */
const RANGES: readonly [RegExp, string][] = [
  // Months sharing a year; months each with a year.
  [new RegExp(`^(${RANGE_MONTH})${TO}${RANGE_MONTH},?\\s+(\\d{4})$`, 'i'), '$1 $2'],
  [new RegExp(`^(${RANGE_MONTH}\\s+\\d{4})${TO}${RANGE_MONTH}\\s+\\d{4}$`, 'i'), '$1'],
  // Days before their month ('1-7 July', '28 June–4 July').
  [new RegExp(`^(\\d{1,2})${TO}\\d{1,2}(\\s+${RANGE_MONTH},?\\s+\\d{4})$`, 'i'), '$1$2'],
  [new RegExp(`^(\\d{1,2}\\s+${RANGE_MONTH})${TO}\\d{1,2}\\s+${RANGE_MONTH}(,?\\s+\\d{4})$`, 'i'), '$1$2'],
  // Days after their month ('July 1-7, 2026', 'June 28 – July 4, 2026').
  [new RegExp(`^(${RANGE_MONTH}\\s+\\d{1,2})${TO}(?:${RANGE_MONTH}\\s+)?\\d{1,2}(,?\\s+\\d{4})$`, 'i'), '$1$2'],
];

/** A range of days left inside other text ('Mon, 1-7 July 2026', '1-2 Jan 2024 10:00 GMT'). */
const DAY_RANGE_INSIDE = new RegExp(`\\b\\d{1,2}${TO}\\d{1,2}\\s+${RANGE_MONTH}|${RANGE_MONTH}\\s+\\d{1,2}${TO}\\d{1,2}\\b`, 'i');

/**
 * A range of months or days as its first day; any other text as it is. Null for a range of days
 * the forms above do not take (with a weekday or a time beside it): the parser read '1-7 July
 * 2026' with a weekday as 2007, a wrong year that passes every check after, so it is no date.
 */
function rangeStart(s: string): string | null {
  for (const [range, start] of RANGES) if (range.test(s)) return s.replace(range, start);
  return DAY_RANGE_INSIDE.test(s) ? null : s;
}

/**
 * Does the day the text writes exist? The parser rolls '31 Feb' into March and '2024-02-30'
 * into 1 March: a date the feed never said. Texts it cannot find a day in pass.
 */
function dayExists(s: string): boolean {
  const iso = /^(\d{4})[-/](\d{2})[-/](\d{2})(?!\d)/.exec(s);
  if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = DAY_FIRST.exec(s);
  if (dayFirst) return validDay(fullYear(dayFirst[3]!), MONTHS.indexOf(dayFirst[2]!.toLowerCase()) + 1, Number(dayFirst[1]));
  const monthFirst = MONTH_FIRST.exec(s);
  if (monthFirst) return validDay(Number(monthFirst[3]), MONTHS.indexOf(monthFirst[1]!.toLowerCase()) + 1, Number(monthFirst[2]));
  return true;
}

/** The words a date is written with: months, days of the week, the zones read above, and the tz database's Etc/. */
const DATE_WORDS = new Set([
  ...MONTHS,
  ...['january', 'february', 'march', 'april', 'june', 'july', 'august', 'sept', 'september', 'october', 'november', 'december'],
  ...['mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  ...Object.keys(ZONES).map((z) => z.toLowerCase()),
  ...['gmt', 'uct', 'est', 'edt', 'cst', 'cdt', 'mst', 'mdt', 'pst', 'pdt', 'etc'],
]);

/** Words never read as another language's: English ones and zones, RFC 822's UT and Z among them. */
const KEEP: ReadonlySet<string> = new Set([...DATE_WORDS, 'ut', 'z']);

/**
 * Does the text name a date at all? The parser skips words it does not know and takes what is
 * left: "Spring 2026" or "Online first 2026" became 1 January, "12" 1 December 2001. A date
 * writes its year in four digits or its month by name (a two-digit year comes with one), and no
 * word but months, days and zones.
 */
function namesADate(s: string): boolean {
  // A time of four parts ('1:2:3:4', the parser read the fourth as milliseconds), or a lone letter
  // where the day should be ('Dec x 2012', read as 1 December): feedparser's invalid dates. A
  // letter at the end is a military zone.
  if (/\d:\d{1,2}:\d{1,2}:\d/.test(s) || /(?:^|[\s,])[a-z](?=[\s,])/i.test(s)) return false;
  // Words in any script: 'Осень 2025' (autumn) is no more a date than 'Fall 2025'.
  const words = s.toLowerCase().match(/\p{L}{3,}/gu) ?? [];
  if (!words.every((w) => DATE_WORDS.has(w))) return false;
  return /\d{4}/.test(s) || words.some((w) => MONTHS.includes(w.slice(0, 3)));
}

/** RFC 2822 §4.3: a two-digit year 00-49 is 2000-2049, 50-99 is 1950-1999 (as the parser reads it). */
const fullYear = (y: string) => (y.length === 2 ? Number(y) + (Number(y) < 50 ? 2000 : 1900) : Number(y));
const validDay = (year: number, month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);

export function feedDate(raw: string): Date | undefined {
  const local = localForms(raw.trim(), KEEP);
  if (local instanceof Date) return local;
  let s = local;
  if (!s) return undefined;
  const twoDigit = ISO_TWO_DIGIT_YEAR.exec(s);
  if (twoDigit) s = `20${twoDigit[1]}-${twoDigit[3]}-${twoDigit[4]}`;
  const start = rangeStart(isoForms(s));
  if (start === null) return undefined;
  s = start;
  if (!namesADate(s) || !dayExists(s)) return undefined;
  s = s.replace(ETC_ZONE, ' GMT').replace(MILITARY_ZONE, '$1 -0000').replace(OFFSET_THEN_NAME, '$1');
  const unsigned = UNSIGNED_OFFSET.exec(s);
  // Only where the year came before the time (in asctime, '16:29:06 2004' is the year), and only an offset that exists.
  if (unsigned && /\d{4}|\d[\s-]+[A-Za-z]{3,9}\.?,?[\s-]+\d{2}$/.test(s.slice(0, unsigned.index)) && Number(unsigned[2]) <= 14 && Number(unsigned[3]) < 60) {
    s = `${s.slice(0, unsigned.index)}${unsigned[1]} +${unsigned[2]}${unsigned[3]}`;
  }
  if (ISO_WITHOUT_ZONE.test(s)) s = `${s.replace(' ', 'T')}Z`;
  else if (TIME_WITHOUT_ZONE.test(s) || ASCTIME.test(s)) s = `${s} +0000`;
  else {
    const zone = NAMED_ZONE.exec(s)?.[1];
    if (zone && ZONES[zone.toUpperCase()]) s = `${s.slice(0, -zone.length)}${ZONES[zone.toUpperCase()]}`;
  }
  // A day with no time and no zone ('Fri, 05 Jan 2024', '2024/01/05') would be read at the
  // host's midnight: it is read as that day in UTC. (ISO forms without a time, '2024-01' or
  // '2024-01-05', are UTC already.)
  if (!/\d:\d/.test(s) && !ISO_WITHOUT_TIME.test(s) && !/(?:[+-]\d{4}|\b(?:GMT|UTC?|[A-Z]{3,4}))\s*$/.test(s)) {
    const utc = new Date(`${s} UTC`);
    if (!Number.isNaN(utc.getTime())) return plausible(utc);
  }
  return plausible(new Date(s));
}

const ISO_WITHOUT_TIME = /^[+-]?\d{4,6}(?:-\d{2}){0,2}Z?$/;

/** A date, unless the parser made one past year 9999 of digits that were no year ('22013', an offset of -9999). */
function plausible(d: Date): Date | undefined {
  const t = d.getTime();
  return Number.isNaN(t) || d.getUTCFullYear() > 9999 ? undefined : d;
}

/** Before the web and arXiv (1991) no entry of a feed was written. */
const EARLIEST = Date.UTC(1991, 0, 1);
/** Clocks and time zones put a fresh entry up to about a day ahead; more is no date of this world. */
const AHEAD_MS = 2 * 86_400_000;

/**
 * A feed entry's date when it can be one: '9999-12-31' would top every list for good and
 * '0001-01-01' sink an entry below all others; such a date is left out (the entry is dated
 * when it was first seen, as one without a date is).
 */
export function entryDate(raw: string, now: Date = new Date()): Date | undefined {
  const d = feedDate(raw);
  return d && d.getTime() >= EARLIEST && d.getTime() <= now.getTime() + AHEAD_MS ? d : undefined;
}

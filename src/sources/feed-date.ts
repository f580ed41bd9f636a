/**
 * Dates as feeds write them. RFC 822 dates name their zone, often by an abbreviation the
 * JavaScript parser knows only for the US; ISO 8601 dates sometimes name none, which the
 * parser reads in the host's zone, so the same feed gave different dates on different
 * servers. A date without a zone is read as UTC (a day alone as that day), and the
 * abbreviations feeds use most are read as their offsets.
 */

/** Zone abbreviations seen in feeds beyond the US ones the parser knows (IST as India's). */
const ZONES: Record<string, string> = {
  CET: '+0100', CEST: '+0200', MET: '+0100', MEST: '+0200', WET: '+0000', WEST: '+0100', EET: '+0200', EEST: '+0300',
  BST: '+0100', IST: '+0530', MSK: '+0300', JST: '+0900', KST: '+0900', HKT: '+0800', SGT: '+0800', AWST: '+0800',
  ACST: '+0930', ACDT: '+1030', AEST: '+1000', AEDT: '+1100', NZST: '+1200', NZDT: '+1300', UTC: '+0000',
};

const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const TIME_WITHOUT_ZONE = /\s\d{1,2}:\d{2}(?::\d{2})?$/;
/** C's asctime ('Sun Jan  4 16:29:06 2004'): the year after the time, and no zone. */
const ASCTIME = /^[A-Za-z]{3},? [A-Za-z]{3} +\d{1,2} \d{1,2}:\d{2}(?::\d{2})? \d{4}$/;
const NAMED_ZONE = /\s([A-Z]{3,4})$/;

export function feedDate(raw: string): Date | undefined {
  let s = raw.trim();
  if (!s) return undefined;
  if (ISO_WITHOUT_ZONE.test(s)) s = `${s.replace(' ', 'T')}Z`;
  else if (TIME_WITHOUT_ZONE.test(s) || ASCTIME.test(s)) s = `${s} +0000`;
  else {
    const zone = NAMED_ZONE.exec(s)?.[1];
    if (zone && ZONES[zone]) s = `${s.slice(0, -zone.length)}${ZONES[zone]}`;
  }
  // A day with no time and no zone ('Fri, 05 Jan 2024', '2024/01/05') would be read at the
  // host's midnight: it is read as that day in UTC. (ISO forms without a time, '2024-01' or
  // '2024-01-05', are UTC already.)
  if (!/\d:\d/.test(s) && !ISO_WITHOUT_TIME.test(s) && !/(?:[+-]\d{4}|\b(?:GMT|UTC?|[A-Z]{3,4}))\s*$/.test(s)) {
    const utc = new Date(`${s} UTC`);
    if (!Number.isNaN(utc.getTime())) return utc;
  }
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const ISO_WITHOUT_TIME = /^[+-]?\d{4,6}(?:-\d{2}){0,2}Z?$/;

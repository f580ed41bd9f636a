/** Calendar days (YYYY-MM-DD, UTC) for ingest windows: validation and expansion into units. */
import { cleanText } from './normalize.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export type DayParse = { ok: true; day: string } | { ok: false; error: string };

/**
 * Validate a YYYY-MM-DD day that exists on the calendar (no 2026-02-30). A refused value is
 * echoed cleaned and cut short, so callers read the whole of what was typed and need not cut it.
 */
export function parseDay(raw: string): DayParse {
  const s = raw.trim();
  const m = DAY.exec(s);
  if (!m) return { ok: false, error: `"${cleanText(raw, 40)}" is not a date in the form YYYY-MM-DD` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC reads years 0–99 as 1900–1999 ("0001-01-01" was no real day): the year is set apart.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return { ok: false, error: `"${s}" is not a real calendar day` };
  }
  return { ok: true, day: s };
}

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** Every day from `from` to `to` inclusive; empty if `from` is after `to`. */
export function daysInRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = dayStart(from).getTime(); t <= dayStart(to).getTime(); t += MS_PER_DAY) {
    out.push(dayOf(new Date(t)));
  }
  return out;
}

/** '2026-11-27' for one day, '2026-11-01..2026-11-27' for a range. */
export function windowLabel(from: string, to: string): string {
  return from === to ? from : `${from}..${to}`;
}

/** A day option (`--since`, `--date`, …) as every command reads it: the day, or why not, naming the flag. */
export function parseDayOption(raw: string, flag: string): DayParse {
  const d = parseDay(raw);
  return d.ok ? d : { ok: false, error: `${flag}: ${d.error}` };
}

/**
 * A day option that cannot be a day to come (UTC), refused in one message wherever it is typed:
 * no source has papers for it and none was stored since it, so an empty answer would only hide
 * a typo in the year (match --since 2027 answered "0 matches among 0 papers").
 */
export function parsePastDayOption(raw: string, flag: string, now: Date): DayParse {
  const d = parseDayOption(raw, flag);
  const today = dayOf(now);
  return d.ok && d.day > today ? { ok: false, error: `${flag}: ${d.day} is after today (${today}, UTC): there are no papers for it yet` } : d;
}

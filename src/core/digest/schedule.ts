/**
 * Per-target schedules: a local time of day in an IANA zone, optionally weekdays only.
 * A target is due when its latest slot is after its last digest (and after the instant it waits
 * from: see dueAfter). Because the comparison is
 * against the *latest* slot only, a bot that was down for a week sends one digest (covering
 * the whole gap) on its next start, not seven.
 */
import type { DeliveryTarget } from '../ports.js';

/** When a target's digests come: its time, zone, weekdays-only and weekly day, as DeliveryTarget defines them. */
export type Schedule = Pick<DeliveryTarget, 'time' | 'timeZone' | 'weekdaysOnly' | 'weeklyOn'>;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** `mon`, `Monday`, `MON` … -> 1; anything else null. Three letters at least. */
export function parseWeekday(word: string): number | null {
  const w = word.trim().toLowerCase();
  if (w.length < 3) return null;
  const i = WEEKDAYS.findIndex((d) => d.startsWith(w));
  return i < 0 ? null : i;
}

/** 1 -> 'Monday'. */
export function weekdayName(day: number): string {
  const name = WEEKDAYS[day] ?? 'sunday';
  return name[0]!.toUpperCase() + name.slice(1);
}

/** How often a target gets a digest, in words: 'every day', 'weekdays', 'weekly on Monday'. */
export function cadenceText(schedule: Pick<Schedule, 'weekdaysOnly' | 'weeklyOn'>): string {
  if (schedule.weeklyOn !== undefined && schedule.weeklyOn !== null) return `weekly on ${weekdayName(schedule.weeklyOn)}`;
  return schedule.weekdaysOnly ? 'weekdays' : 'every day';
}

export type DueCheck =
  | { status: 'due'; slot: Date }
  | { status: 'not-due'; lastSlot: Date; nextSlot: Date }
  | { status: 'broken'; reason: string };

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(instant: Date, timeZone: string): LocalParts & { second: number } {
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** Offset of `timeZone` from UTC at `instant`, in ms (Berlin in winter: +3600000). */
function offsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given local time. In a DST gap
 * (a local time that does not exist) this lands just after the gap, which is what people expect
 * from "09:00 every day" style schedules.
 */
export function zonedTimeToInstant(local: LocalParts, timeZone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  let result = guess - offsetMs(new Date(guess), timeZone);
  // A second pass settles the offset when the guess and the result straddle a DST change.
  result = guess - offsetMs(new Date(result), timeZone);
  return new Date(result);
}

const TIME_OF_DAY = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/**
 * The one rule for a time of day a person types (chat, CLI, configuration): `H:MM` or `HH:MM`,
 * 24 h. Returns it as stored and shown (`09:00`), or null when it is not a time of day.
 */
export function parseTimeOfDay(raw: string): string | null {
  const m = TIME_OF_DAY.exec(raw.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}

/** The one time-zone check: whether this runtime knows `tz` as an IANA zone. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A zone as its IANA name is written ("europe/berlin" → "Europe/Berlin"); any other spelling the
 * runtime resolves differently ("Asia/Kolkata" against ICU's "Asia/Calcutta") stays as typed.
 */
export function zoneAsWritten(tz: string): string {
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === tz.toLowerCase() ? resolved : tz;
}

function parseTime(time: string): { hour: number; minute: number } {
  const normal = parseTimeOfDay(time);
  if (!normal) throw new RangeError(`invalid time of day "${time}" (expected HH:MM, 24 h)`);
  return { hour: Number(normal.slice(0, 2)), minute: Number(normal.slice(3)) };
}

/**
 * An instant in UTC to the minute, as the notes and errors that name a window's edge say it
 * ("2026-12-04 20:48 UTC"): the digest's empty notes, a preview's "since", a held lease, `--since`.
 */
export function utcMinuteText(instant: Date): string {
  return `${instant.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** An instant as people in `timeZone` read it: "Fri 2026-12-04 20:48 Europe/Berlin". */
export function localTimeText(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  const weekday = weekdayName(shiftDate(p.year, p.month, p.day, 0).weekday).slice(0, 3);
  return `${weekday} ${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)} ${timeZone}`;
}

/** Calendar date `days` after (y, m, d), and its weekday (0 = Sunday). */
function shiftDate(y: number, m: number, d: number, days: number): { year: number; month: number; day: number; weekday: number } {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), weekday: t.getUTCDay() };
}

function slotOnDay(schedule: Schedule, today: LocalParts, dayOffset: number): Date | null {
  const { hour, minute } = parseTime(schedule.time);
  const date = shiftDate(today.year, today.month, today.day, dayOffset);
  if (schedule.weeklyOn !== undefined && schedule.weeklyOn !== null) {
    if (date.weekday !== schedule.weeklyOn) return null;
  } else if (schedule.weekdaysOnly && (date.weekday === 0 || date.weekday === 6)) return null;
  return zonedTimeToInstant({ year: date.year, month: date.month, day: date.day, hour, minute }, schedule.timeZone);
}

/** The most recent slot at or before `now`. */
export function latestSlot(schedule: Schedule, now: Date): Date {
  const today = localParts(now, schedule.timeZone);
  for (let back = 0; back <= 8; back++) {
    const slot = slotOnDay(schedule, today, -back);
    if (slot && slot.getTime() <= now.getTime()) return slot;
  }
  throw new Error('unreachable: no slot within 8 days');
}

/** The first slot strictly after `now`. */
export function nextSlot(schedule: Schedule, now: Date): Date {
  const today = localParts(now, schedule.timeZone);
  for (let ahead = 0; ahead <= 8; ahead++) {
    const slot = slotOnDay(schedule, today, ahead);
    if (slot && slot.getTime() > now.getTime()) return slot;
  }
  throw new Error('unreachable: no slot within 8 days');
}

/**
 * Whether `target` should get a digest at `now`, and for which slot. The slot (not `now`)
 * becomes the digest's window end, so planning the same slot twice (a crash, two replicas)
 * lands on the same frozen plan.
 */
export function checkDue(target: DueTarget, now: Date): DueCheck {
  return dueChecker(now)(target);
}

type DueTarget = Pick<DeliveryTarget, 'status' | 'brokenReason' | 'lastDigestAt' | 'digestFrom' | 'rescheduledAt'> & Schedule;

/**
 * The instant a target's next slot must come after: the latest of its last digest, where its
 * first window starts (a target added by a person) and its last schedule change; null (none of
 * them): due at once.
 */
export function dueAfter(target: Pick<DeliveryTarget, 'lastDigestAt' | 'digestFrom' | 'rescheduledAt'>): Date | null {
  let latest: Date | null = null;
  for (const t of [target.lastDigestAt, target.digestFrom, target.rescheduledAt]) if (t && (!latest || t.getTime() > latest.getTime())) latest = t;
  return latest;
}

/**
 * checkDue for many targets at one `now`: slots are worked out once per distinct schedule
 * (time, zone, weekdays) — most targets share a few — instead of once per target.
 */
export function dueChecker(now: Date): (target: DueTarget) => DueCheck {
  const latest = new Map<string, Date>();
  const next = new Map<string, Date>();
  const memo = (cache: Map<string, Date>, schedule: Schedule, fn: typeof latestSlot) => {
    const key = `${schedule.time}|${schedule.timeZone}|${schedule.weekdaysOnly}|${schedule.weeklyOn ?? ''}`;
    let slot = cache.get(key);
    if (!slot) cache.set(key, (slot = fn(schedule, now)));
    return slot;
  };
  return (target) => {
    if (target.status === 'broken') return { status: 'broken', reason: target.brokenReason ?? 'marked broken' };
    const slot = memo(latest, target, latestSlot);
    const after = dueAfter(target);
    if (after === null || after.getTime() < slot.getTime()) return { status: 'due', slot };
    return { status: 'not-due', lastSlot: slot, nextSlot: memo(next, target, nextSlot) };
  };
}

export function isDue(target: DueTarget, now: Date): boolean {
  return checkDue(target, now).status === 'due';
}

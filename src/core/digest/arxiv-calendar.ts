/**
 * arXiv's announcement calendar: new papers are announced Sunday to Thursday at 20:00 US
 * Eastern, never Friday or Saturday, and not on the holidays arXiv publishes in advance
 * (https://info.arxiv.org/help/availability.html, "On Deferred Mailings"). Pure: the holiday
 * list is data, extended by configuration (PAPERBOY_ARXIV_HOLIDAYS) without a release.
 */
import { digestWords } from '../i18n/catalog.js';
import { zonedTimeToInstant } from './schedule.js';
import { dayOf } from '../papers/ingest-dates.js';

export const ARXIV_TIME_ZONE = 'America/New_York';
const ANNOUNCE_HOUR = 20;

/**
 * Evenings (US Eastern date) on which arXiv announced that it would not announce. Copied from
 * arXiv's availability page; add each year's list when arXiv publishes it (or set
 * PAPERBOY_ARXIV_HOLIDAYS meanwhile).
 */
export const ARXIV_HOLIDAYS: readonly string[] = [
  // 2023
  '2023-01-16',
  '2023-06-14',
  '2023-06-19',
  '2023-07-04',
  '2023-09-04',
  '2023-11-23',
  '2023-12-25',
  '2023-12-27',
];

export type NoAnnouncementReason = 'weekend' | 'holiday';

export interface ArxivCalendar {
  /** Whether arXiv announces on the evening of this US Eastern date (YYYY-MM-DD), and if not why. */
  announces(easternDate: string): true | NoAnnouncementReason;
  /** Announcement instants in (start, end], oldest first. */
  announcementsIn(start: Date, end: Date): Date[];
  /**
   * Why no announcement fell in (start, end] — 'holiday' when any skipped evening in it was a
   * holiday — or null when one did.
   */
  silenceIn(start: Date, end: Date): NoAnnouncementReason | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The US Eastern calendar date of `instant`. */
function easternDateOf(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ARXIV_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export function createArxivCalendar(extraHolidays: readonly string[] = []): ArxivCalendar {
  const holidays = new Set([...ARXIV_HOLIDAYS, ...extraHolidays]);
  const announces = (date: string): true | NoAnnouncementReason => {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 5 || weekday === 6) return 'weekend';
    return holidays.has(date) ? 'holiday' : true;
  };
  const announcementAt = (date: string) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    return zonedTimeToInstant({ year, month, day, hour: ANNOUNCE_HOUR, minute: 0 }, ARXIV_TIME_ZONE);
  };
  /** Each Eastern evening whose 20:00 lies in (start, end], with that instant. */
  const eveningsIn = (start: Date, end: Date): Array<{ date: string; at: Date }> => {
    const out: Array<{ date: string; at: Date }> = [];
    // From the Eastern date of `start` (its 20:00 may still be ahead) to that of `end`.
    for (let t = Date.parse(`${easternDateOf(start)}T12:00:00Z`); t <= Date.parse(`${easternDateOf(end)}T12:00:00Z`); t += DAY_MS) {
      const date = dayOf(new Date(t));
      const at = announcementAt(date);
      if (at.getTime() > start.getTime() && at.getTime() <= end.getTime()) out.push({ date, at });
    }
    return out;
  };
  return {
    announces,
    announcementsIn(start, end) {
      return eveningsIn(start, end)
        .filter((e) => announces(e.date) === true)
        .map((e) => e.at);
    },
    silenceIn(start, end) {
      const evenings = eveningsIn(start, end);
      // A window with no 20:00 in it (a manual run minutes after the last) says nothing.
      if (!evenings.length || evenings.some((e) => announces(e.date) === true)) return null;
      return evenings.some((e) => announces(e.date) === 'holiday') ? 'holiday' : 'weekend';
    },
  };
}

/** The one line an empty digest carries when arXiv announced nothing in its window. */
export function noAnnouncementNote(reason: NoAnnouncementReason, language?: string | null): string {
  return digestWords(language).noAnnouncement(reason === 'holiday');
}

/**
 * Dates written in other languages than English, rewritten into the English forms feedDate reads:
 * month and weekday names of the European languages feeds are written in ('3 juillet 2025',
 * 'Κυρ, 11 Ιούλ 2004 12:00:00 EST', '2004-július-13T9:15-05:00'), Korean, Japanese and Chinese
 * year/month/day and AM/PM marks ('2004-05-25 오후 11:23:17', '2025年7月3日 午後3:15'), and Unix
 * timestamps. The names come from the locales' own data (Intl), not from tables typed here; a
 * Node built without full ICU gives English names for every locale, and such dates stay unread.
 */

/** Languages whose month and weekday names are read. */
const LOCALES = ['fr', 'de', 'es', 'it', 'pt', 'nl', 'el', 'hu', 'pl', 'ru', 'uk', 'cs', 'sv', 'da', 'nb', 'fi', 'ro', 'tr'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A name as it is compared: lower case, without accents or a trailing dot ('Févr.' is 'fevr', 'Ιούλ' 'ιουλ'). */
export const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ς/g, 'σ').replace(/\.$/, '');

/** English names: left as they are, whatever they mean elsewhere ('mar' is Tuesday in Spanish, 'PT' Friday in Polish). */
const ENGLISH = new Set(
  [
    ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'sept'],
    ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'tues', 'thur', 'thurs'],
  ].flatMap((w) => [w, w.slice(0, 3)]),
);

/**
 * Each folded name to its month (0-11) or, for a weekday, -1. A name two languages give
 * different months is left out; a name that is a month in one and a weekday in another is
 * taken as the month (a weekday says nothing a date needs).
 */
function buildNames(): Map<string, number> {
  const months = new Map<string, Set<number>>();
  const weekdays = new Set<string>();
  const add = (name: string, month: number) => {
    const key = fold(name);
    if (!/^\p{L}{2,}(?:-\p{L}+)*$/u.test(key) || ENGLISH.has(key)) return;
    if (month < 0) weekdays.add(key);
    else months.set(key, (months.get(key) ?? new Set()).add(month));
  };
  for (const locale of LOCALES) {
    const formats = [{ month: 'long' }, { month: 'short' }, { day: 'numeric', month: 'long' }, { day: 'numeric', month: 'short' }] as const;
    for (const options of formats) {
      const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
      for (let m = 0; m < 12; m++) {
        const part = format.formatToParts(new Date(Date.UTC(2025, m, 3))).find((p) => p.type === 'month');
        if (part) add(part.value, m);
      }
    }
    for (const weekday of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(locale, { weekday, timeZone: 'UTC' });
      for (let d = 0; d < 7; d++) add(format.format(new Date(Date.UTC(2025, 5, 1 + d))), -1);
    }
  }
  const names = new Map<string, number>();
  for (const [name, ms] of months) if (ms.size === 1) names.set(name, [...ms][0]!);
  for (const name of weekdays) if (!months.has(name)) names.set(name, -1);
  return names;
}

let NAMES: Map<string, number> | undefined;
/** The names read, built once. */
export const localNames = () => (NAMES ??= buildNames());

const EN_MONTH_KEYS = new Map(
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].flatMap((m, i) => [
    [m, i],
    [m.slice(0, 3), i],
  ]),
);
const EN_MONTH = `(?:${EN_MONTHS.join('|')})`;

/** Month and weekday names of other languages as English ones; words around them the languages date with. */
function europeanForms(s: string, keep: ReadonlySet<string>): string {
  const names = localNames();
  const toEnglish = (word: string): string => {
    const key = fold(word);
    // An English month with an accent ('júl.', Hungarian) is that month.
    if (!/^[a-z.]+$/i.test(word) && EN_MONTH_KEYS.has(key)) return EN_MONTHS[EN_MONTH_KEYS.get(key)!]!;
    const n = keep.has(key) ? undefined : names.get(key);
    if (n !== undefined) return n < 0 ? '' : EN_MONTHS[n]!;
    // Names joined by a hyphen that is no part of either ('julio-agosto'), each on its own.
    return word.includes('-') ? word.split('-').map((part) => toEnglish(part) || part).join('-') : word;
  };
  let out = s.replace(/\p{L}+(?:-\p{L}+)*\.?/gu, toEnglish);
  if (out === s) return s;
  out = out
    // The weekday's place: a comma or space left at the start.
    .replace(/^[\s,.]+/, '')
    // French '1er' (premier), Spanish and Portuguese 'de' ('3 de julio de 2025'), Russian 'г.' (year).
    .replace(/\b1er\b/i, '1')
    .replace(new RegExp(`(\\d|${EN_MONTH})\\s+del?\\s+(?=\\d|${EN_MONTH})`, 'gi'), '$1 ')
    .replace(new RegExp(`(\\d{4})\\s*(?:г\\.?|года)(?=\\s|$)`, 'u'), '$1')
    // A day with a dot ('3. Juli 2025', German and others).
    .replace(new RegExp(`(^|[\\s,])(\\d{1,2})\\.\\s*(?=${EN_MONTH}\\b)`), '$1$2 ')
    // Year first, as Hungarian writes it ('2025. július 13.', '2004-július-13T9:15-05:00'): ISO 8601.
    .replace(
      new RegExp(`^(\\d{4})\\.?[\\s-]*(${EN_MONTH})\\.?[\\s-]*(\\d{1,2})\\.?(?:(?:T|\\s+)(\\d{1,2}):(\\d{2}))?`),
      (_m, y: string, mon: string, d: string, h?: string, mi?: string) =>
        `${y}-${String(EN_MONTHS.indexOf(mon) + 1).padStart(2, '0')}-${d.padStart(2, '0')}${h === undefined ? '' : `T${h.padStart(2, '0')}:${mi}`}`,
    )
    .replace(/\s{2,}/g, ' ')
    .trim();
  return out;
}

const MERIDIEM: Record<string, 'am' | 'pm'> = { 오전: 'am', 午前: 'am', 上午: 'am', 오후: 'pm', 午後: 'pm', 下午: 'pm' };

/** Korean, Japanese and Chinese dates: '2025년 5월 25일', '2025年7月3日(木)', and AM/PM before the time. */
function eastAsianForms(s: string): string {
  if (!/[\p{Script=Han}\p{Script=Hangul}]/u.test(s)) return s;
  let out = s
    .replace(/(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/u, (_m, y: string, mo: string, d: string) => `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`)
    // A month alone ('2025年7月', a journal issue).
    .replace(/^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]$/u, (_m, y: string, mo: string) => `${y}-${mo.padStart(2, '0')}`)
    // The weekday after the day: '(木)', '(화)', '星期四', '周四'.
    .replace(/\s*[(（][月火水木金土日월화수목금토일][)）]/u, '')
    .replace(/\s*(?:星期|周|週)[一二三四五六日天]/u, '');
  out = out.replace(/(오전|오후|午前|午後|上午|下午)\s*(\d{1,2}):(\d{2})/u, (_m, mark: string, h: string, mi: string) => {
    const hour = Number(h) % 12 + (MERIDIEM[mark] === 'pm' ? 12 : 0);
    return Number(h) > 12 ? `${h}:${mi}` : `${String(hour).padStart(2, '0')}:${mi}`;
  });
  // ISO 8601 wants the hour in two digits ('2025-07-03 3:15').
  return out.replace(/^(\d{4}-\d{2}-\d{2})\s+(\d):/, '$1 0$2:').replace(/\s{2,}/g, ' ');
}

/** Unix time from 1991 (before which no feed entry was written) to 2100, in seconds: nine or ten digits. */
const EARLIEST_S = 662_688_000;
const LATEST_S = 4_102_444_800;

/**
 * The text in forms feedDate reads, or the date itself for a Unix timestamp. Text in English
 * comes back as it was; the words in `keep` (zones: Czech 'čt' is Thursday, 'CT' a US zone) are
 * never taken as another language's.
 */
export function localForms(s: string, keep: ReadonlySet<string>): string | Date {
  if (/^\d{9,10}$/.test(s)) {
    const seconds = Number(s);
    return seconds >= EARLIEST_S && seconds < LATEST_S ? new Date(seconds * 1000) : s;
  }
  // Most dates: English words only, nothing to look up.
  if (/^[\x00-\x7f]*$/.test(s) && (s.match(/[a-z]{2,}/gi) ?? []).every((w) => keep.has(w.toLowerCase()))) return s;
  return europeanForms(eastAsianForms(s), keep);
}

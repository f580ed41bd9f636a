/**
 * Why a digest is empty, when "no new papers" alone would mislead. Each reason is said only
 * when it is the reason: "arXiv announced nothing" only when nothing was stored in the window
 * (papers from a file, a feed or Hugging Face arrive on weekends too, and blaming the weekend
 * then hides that the topics matched none of them).
 */
import type { Stores, DeliveryTarget } from '../ports.js';
import { lastRunOfEach } from '../papers/last-runs.js';
import { SOURCE_NAMES } from '../papers/paper.js';
import type { ArxivCalendar } from './arxiv-calendar.js';
import { noAnnouncementNote } from './arxiv-calendar.js';
import { digestWords, whoseTopics } from '../i18n/catalog.js';
import { utcMinuteText } from './schedule.js';

/** What planning found out about the target's window, that the notes explain. */
export interface EmptyWindow {
  start: Date;
  end: Date;
  /** When the target's next digest comes, for the papers that arrive after this window. */
  next: Date;
  /** The digest's language (null: English). */
  language: string | null;
  kind: DeliveryTarget['kind'];
  /** The names of the topics the target follows, and of its followed authors. */
  topics: readonly string[];
  authors: readonly string[];
  /** Papers of the window that matched a topic or are by a followed author, new to the target or not. */
  matched: number;
  /** Of those, the ones waiting in an earlier digest of the target that is not yet all sent, by that digest's window end. */
  unsent?: ReadonlyArray<{ end: Date; papers: number }>;
}

const at = utcMinuteText;

export async function emptyDigestNotes(stores: Pick<Stores, 'papers'> & Partial<Pick<Stores, 'ingestRuns'>>, calendar: ArxivCalendar, win: EmptyWindow): Promise<string[]> {
  // In the digest's language, as its other words are (the ingest's own error stays as it was).
  const words = digestWords(win.language);
  // Nothing followed is the whole reason: the calendar and the ingests say nothing more.
  if (!win.topics.length && !win.authors.length) return [words.followsNothing];
  const notes: string[] = [];
  // One indexed count, the same window the matching read.
  const stored = await stores.papers.count({ since: win.start, before: win.end });
  const whose = whoseTopics(win.kind);
  if (stored === 0) {
    const silence = calendar.silenceIn(win.start, win.end);
    notes.push(silence ? noAnnouncementNote(silence, win.language) : words.nothingStored);
  } else if (win.matched === 0) {
    notes.push(words.noneMatched(stored, at(win.start), whose, win.authors.length > 0, [...win.topics, ...win.authors].join(', ')));
  } else {
    notes.push(words.matchedNotNew(stored, at(win.start), whose, win.matched));
    // "In earlier digests" read as posted, while a digest the platform refused or never got waits to be tried again.
    for (const u of win.unsent ?? []) notes.push(words.unsentDigest(u.papers, at(u.end)));
  }
  // Each source by its own last run (the newest failure among them is said).
  const lastRuns = stores.ingestRuns ? await lastRunOfEach(stores.ingestRuns, SOURCE_NAMES) : [];
  const last = lastRuns
    .flatMap(([, run]) => (run && (run.status === 'failed' || run.status === 'partial' || run.status === 'abandoned') && run.startedAt.getTime() >= win.start.getTime() ? [run] : []))
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
  if (last) {
    const why = last.error ? `: ${last.error.split('\n')[0]!.slice(0, 160)}` : '';
    notes.push(words.ingestFailed(last.source, at(last.startedAt), last.status === 'partial', why));
  }
  const late = await stores.papers.list({ since: win.end, limit: 1000 });
  if (late.length) notes.push(words.lateArrivals(late.length, late.length >= 1000, at(win.end), at(win.next)));
  return notes;
}

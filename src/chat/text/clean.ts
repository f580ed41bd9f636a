/**
 * Shared text hygiene for everything a paper's text passes through on its way to a chat
 * platform or a terminal: ingest's cleaning (control characters such as ANSI escapes and NUL,
 * bidi overrides that can visually reorder a message), and truncation that never splits a
 * character; and for a command's arguments on their way in.
 */
import { truncate } from '../../core/truncate.js';
import { cleanText } from '../../core/papers/normalize.js';
import { controlsToSpaces } from '../../core/controls.js';
import { CODE_MARKS } from '../../core/topics/names.js';

// The one truncation (src/core/truncate.ts), where the chat code has always found it.
export { BACKSLASH_TAIL, SLACK_ENTITY_TAIL, truncate, type TruncateOptions } from '../../core/truncate.js';

// The cleaning ingest applies (core/papers/normalize.ts), so a title reads the same in a
// message, an export and the database.
export { stripControls } from '../../core/papers/normalize.js';

/**
 * A command's argument as typed: NFC, control characters and bidi overrides as spaces (they can
 * reorder or hide text in the echo of an argument, and never belong in a query or a name),
 * whitespace collapsed, trimmed.
 */
export function cleanArgument(raw: string): string {
  return controlsToSpaces(raw.normalize('NFC')).replace(/\s+/g, ' ').trim();
}

/**
 * A topic's name as chat shows it: without backticks (plain or fullwidth), as a name typed today
 * loses them (core/topics/names.ts). One stored before that made code of part of itself, or ended
 * the code span of a command hint naming it; typed back as shown, it finds the same topic.
 */
export function shownTopicName(name: string): string {
  return name.replace(CODE_MARKS, '').replace(/\s+/g, ' ').trim();
}

/**
 * Outside text (a paper's title, words as typed) as a reply that names commands in code spans
 * may hold it: each backtick (plain or fullwidth) as the look-alike Slack's lists show a title's
 * (ˋ). Left as typed, the escapers' code-span rule paired one with a hint's own backtick, and
 * the hint after it showed broken (“Don`t stop pretraining” ended `/papers saved export`'s span).
 */
export function spliced(text: string): string {
  return text.replace(CODE_MARKS, '\u02CB');
}

/** One line: controls removed, whitespace runs (newlines included) collapsed. */
export function oneLine(text: string): string {
  return cleanText(text);
}

// Something a reader sees: not whitespace, and not a character that draws nothing (a bidi
// mark, a zero-width space, a soft hyphen).
const VISIBLE = /[^\s\p{Default_Ignorable_Code_Point}]/u;

/**
 * A paper's title on one line, or its arXiv id when the title shows nothing once cleaned (empty,
 * or only control, bidi and zero-width characters): a link needs a label, and Discord refuses an
 * empty embed title.
 */
export function titleOf(title: string, arxivId: string): string {
  const line = oneLine(title);
  return VISIBLE.test(line) ? line : oneLine(arxivId);
}

/** "A, B, C et al." within `max` characters and at most `most` names. */
export function authorLine(authors: readonly string[], max = 200, most = Infinity): string {
  const names = authors.map(oneLine).filter(Boolean);
  if (names.length === 0) return '';
  let line = '';
  for (let i = 0; i < names.length; i++) {
    if (i >= most) return `${line} et al.`;
    const next = line ? `${line}, ${names[i]}` : (names[i] as string);
    const rest = names.length - i - 1;
    const suffix = rest > 0 ? ' et al.' : '';
    if (next.length + suffix.length > max) return line ? `${line} et al.` : truncate(names[i] as string, max);
    line = next;
  }
  return line;
}

/** Only http(s) URLs reach a link or a button; anything else is dropped. */
export function safeUrl(raw: string | null | undefined, max = 2000): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const s = u.toString();
    return s.length <= max ? s : null;
  } catch {
    return null;
  }
}

/**
 * How slackText and discordText escape: `code: false` for text that holds no hint of the bot's,
 * only names (a digest's headline), so a backtick in it starts no code span.
 */
export interface EscapeOptions {
  code?: boolean;
}

/**
 * Shared text hygiene for everything a paper's text passes through on its way to a chat
 * platform or a terminal: control characters (ANSI escapes, NUL), bidi overrides that can
 * visually reorder a message, and clean truncation that never splits a character.
 */
import { truncate } from '../../core/truncate.js';

// The one truncation (src/core/truncate.ts), where the chat code has always found it.
export { BACKSLASH_TAIL, SLACK_ENTITY_TAIL, truncate, type TruncateOptions } from '../../core/truncate.js';

// C0/C1 controls except \n and \t; ESC is among them, so no terminal escape sequence survives.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Explicit bidi embeddings/overrides/isolates: RTL text itself is kept, only the controls go.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Remove control and bidi-override characters; keep newlines. */
export function stripControls(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(BIDI_CONTROL, '');
}

/** One line: controls removed, whitespace runs (newlines included) collapsed. */
export function oneLine(text: string): string {
  return stripControls(text).replace(/\s+/g, ' ').trim();
}

/**
 * A paper's title on one line, or its arXiv id when the title is blank once cleaned (empty, or
 * only control and bidi characters): a link needs a label, and Discord refuses an empty embed title.
 */
export function titleOf(title: string, arxivId: string): string {
  return oneLine(title) || oneLine(arxivId);
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

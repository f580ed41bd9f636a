/**
 * Plain-text digests: the console output and the Slack `text` fallback. Controls are stripped
 * so a paper can't smuggle terminal escape sequences into a console digest.
 */
import type { Digest, DigestItem } from '../../core/digest/digest.js';
import { digestWords, untranslatedNote } from '../../core/i18n/catalog.js';
import type { ReplyButton } from '../commands/reply.js';
import { authorLine, oneLine, stripControls, titleOf, truncate } from './clean.js';

/** To the minute, or to the second when that is all that tells two times apart (a window of one run). */
function fmtDate(d: Date, seconds = false): string {
  return d.toISOString().slice(0, seconds ? 19 : 16).replace('T', ' ') + ' UTC';
}

export function digestHeadline(digest: Digest): string {
  const words = digestWords(digest.language);
  if (digest.totalItems === 0) {
    const none = words.nothingNew(fmtDate(digest.windowStart ?? digest.windowEnd), digest.whose);
    return [none, ...(digest.notes ?? []).map((n) => oneLine(n))].join(' ');
  }
  return words.headline(digest.totalItems, digest.sections.map((s) => oneLine(s.topicName)).join(', '));
}

/**
 * How a renderer escapes the headline: a digest's is its count and its topics' names, where a
 * backtick is a name's (a topic named before backticks were dropped from names) and no code; an
 * empty digest's carries notes, which may hold the bot's own hints in code.
 */
export function headlineEscape(digest: Digest): { code: boolean } {
  return { code: digest.totalItems === 0 };
}

/** Said once per digest (its first message): papers the cap left out, summaries left in the papers' own language. */
export function digestNote(digest: Digest): string | null {
  const notes: string[] = [];
  if (digest.moreMatched) notes.push(digestWords(digest.language).moreMatched(digest.moreMatched, digest.totalItems, digest.whose));
  if (digest.summariesUntranslated && digest.language) notes.push(untranslatedNote(digest.language));
  return notes.length ? notes.join(' ') : null;
}

/** A paper's buttons with their labels in the digest's language (ids and values unchanged). */
export function localButtons(buttons: readonly ReplyButton[], language: string | undefined): ReplyButton[] {
  if (!language) return [...buttons];
  const words = digestWords(language);
  const labels: Record<string, string> = { Open: words.open, PDF: words.pdf, '🔖 Save': words.save };
  return buttons.map((b) => ({ ...b, label: labels[b.label] ?? b.label }));
}

/** One paper as plain text lines (the console digest). */
export function paperText(item: DigestItem, index?: number, language?: string): string {
  const lines = [
    `${index !== undefined ? `${index}. ` : ''}${truncate(titleOf(item.title, item.arxivId), 300)}`,
    authorLine(item.authors),
    item.summary ? truncate(oneLine(item.summary), 600) : '',
    `${digestWords(language).why}: ${truncate(oneLine(item.why), 200)}${item.upvotes !== null ? ` · ▲ ${item.upvotes}` : ''}`,
    [item.absUrl, item.pdfUrl ? `PDF: ${item.pdfUrl}` : ''].filter(Boolean).map((u) => oneLine(u)).join('  '),
  ];
  return lines
    .filter(Boolean)
    .map((l, i) => (i === 0 ? l : `   ${l}`))
    .join('\n');
}

/** The whole digest for a terminal. */
export function renderDigestText(digest: Digest): string {
  const out = [digestHeadline(digest)];
  const note = digestNote(digest);
  if (note) out.push(note);
  if (digest.windowStart) {
    const seconds = fmtDate(digest.windowStart) === fmtDate(digest.windowEnd);
    const [from, to] = [fmtDate(digest.windowStart, seconds), fmtDate(digest.windowEnd, seconds)];
    // A window within one second (a demo's run) is a moment, not a span from a time to itself.
    out.push(from === to ? `(papers stored ${from})` : `(${from} → ${to})`);
  }
  let i = 1;
  for (const section of digest.sections) {
    out.push('', `## ${truncate(oneLine(section.topicName), 150)}`);
    for (const item of section.items) out.push(paperText(item, i++, digest.language));
  }
  return stripControls(out.join('\n')) + '\n';
}

/** Short notification text for one message part: headline plus the titles it carries. */
export function partFallbackText(digest: Digest, items: readonly DigestItem[], part: number, totalParts: number, max = 3000): string {
  const head = `${digestHeadline(digest)}${totalParts > 1 ? ` (part ${part}/${totalParts})` : ''}`;
  const titles = items.map((it) => `• ${truncate(titleOf(it.title, it.arxivId), 150)}`);
  return truncate([head, ...titles].join('\n'), max);
}

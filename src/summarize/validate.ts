/**
 * Checks a summary before it is stored and shown to every target: one plain sentence or two,
 * no links, no mentions, no markup, no control characters. LLM output and Hugging Face
 * `ai_summary` both pass through here.
 */
import { TEXT_CONTROL } from '../core/controls.js';
import { TYPOGRAPHIC_DOUBLE_QUOTES } from '../core/quotes.js';

export const SUMMARY_MAX_CHARS = 300;

export type SummaryCheck = { ok: true; summary: string } | { ok: false; reason: string };

/**
 * The controls no text of lines may hold (controls.ts): an escape sequence recolours or clears a
 * terminal, a bidi override reorders what is read. Line endings are kept out of that: LF, CR LF
 * (Windows, as some OpenAI-compatible servers answer) and a lone CR (old Mac, as others do) are
 * all line breaks, and the summary is made one line before it is checked further, so a CR can no
 * more send a cursor back over what a line showed than hide a link or a mention from the checks.
 */
const hasSummaryControl = (text: string): boolean => TEXT_CONTROL.test(text);
const LINK = /(https?:\/\/|www\.|\]\(|<https?:|\b[a-z0-9-]+\.(com|net|org|io|ai|xyz|ru|cn)\b)/i;
const MENTION = /(@(everyone|here|channel)\b|<[@#!]|@[A-Za-z0-9_]{2,})/i;
/** Quotes a model wraps an answer in: straight, backticks, and every typographic double quote (quotes.ts), German „…“ too. */
const QUOTE_MARKS = `["'‘’\`${TYPOGRAPHIC_DOUBLE_QUOTES}]+`;
const WRAPPING_QUOTES = new RegExp(`^${QUOTE_MARKS}|${QUOTE_MARKS}$`, 'g');
// The model talking about itself or the prompt instead of the paper.
const META = /(as an ai|language model|i cannot|i can't|ignore (all|previous|the above)|system prompt|<\/?paper>|<\/?abstract>)/i;

export function validateSummary(raw: string | null | undefined, maxChars = SUMMARY_MAX_CHARS): SummaryCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'not text' };
  if (hasSummaryControl(raw)) return { ok: false, reason: 'control characters' };
  let s = raw.replace(/\s+/g, ' ').trim();
  // Models like to wrap answers in quotes or prefix a label.
  s = s.replace(/^(summary|tl;?dr)\s*[:\-–]\s*/i, '').replace(WRAPPING_QUOTES, '').trim();
  if (s.length < 20) return { ok: false, reason: 'empty or too short' };
  if (s.length > maxChars) return { ok: false, reason: `too long (${s.length} > ${maxChars})` };
  if (LINK.test(s)) return { ok: false, reason: 'contains a link' };
  if (MENTION.test(s)) return { ok: false, reason: 'contains a mention' };
  if (/[*_`#>|~]{2,}|^[-*#>]\s/.test(s)) return { ok: false, reason: 'contains markup' };
  if (META.test(s)) return { ok: false, reason: 'talks about itself or the prompt' };
  return { ok: true, summary: s };
}

/**
 * The no-network fallback: a summary picked from the abstract's own sentences, within a length
 * limit. It prefers the sentence that states the contribution ("we propose …") and never
 * invents text, so it needs no validation beyond hygiene.
 */
import { SUMMARY_MAX_CHARS } from './validate.js';
import { truncateAtWord } from '../core/truncate.js';
import { controlsToSpaces } from '../core/controls.js';

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
const CONTRIBUTION = /\b(we|this (paper|work|study))\s+(propose|present|introduce|show|develop|design|describe|release|demonstrate|find)/i;

function clean(text: string): string {
  return controlsToSpaces(text)
    .replace(/https?:\/\/\S+|www\.\S+/gi, '')
    // Mentions and chat markup never survive, even in the fallback.
    .replace(/<[^>]{0,200}>/g, '')
    // A ping is no word of the paper's: "@everyone" goes whole, another handle keeps its name.
    .replace(/(?<![\w.])@(?:everyone|here|channel)\b/gi, '')
    .replace(/@(?=\w)/g, '')
    .replace(/\s+/g, ' ')
    // What went leaves no space before the punctuation after it ("a draft model ." read oddly).
    .replace(/ (?=[.,;:!?](?:\s|$))/g, '')
    .trim();
}

export function extractiveSummary(abstract: string, title = '', maxChars = SUMMARY_MAX_CHARS): string {
  const text = clean(abstract);
  if (!text) return truncateAtWord(clean(title), maxChars);
  const all = [...sentences.segment(text)].map((s) => s.segment.trim()).filter((s) => s.length > 0);
  const firstIdx = all.findIndex((s) => CONTRIBUTION.test(s));
  const start = firstIdx >= 0 ? firstIdx : 0;
  let out = all[start] ?? text;
  // Add the next sentence when it fits: often the result or the method.
  const next = all[start + 1];
  if (next && out.length + 1 + next.length <= maxChars) out = `${out} ${next}`;
  return truncateAtWord(out, maxChars);
}

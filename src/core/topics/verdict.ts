/** A 👍 / 👎 verdict as people type it: the one reading every way a mark comes in shares. */
import type { FeedbackVerdict } from '../ports.js';

const VERDICTS = new Map<string, FeedbackVerdict>([
  ['up', 'up'],
  ['down', 'down'],
  ['👍', 'up'],
  ['👎', 'down'],
  // Slack's and Discord's names for the emoji: what a 👍 pasted from chat or typed from habit reads as.
  [':+1:', 'up'],
  [':-1:', 'down'],
  [':thumbsup:', 'up'],
  [':thumbsdown:', 'down'],
]);

// A skin tone says nothing about the verdict: the emoji's modifier (👍🏽) and presentation
// selector, Slack's `:+1::skin-tone-3:` and Discord's `:thumbsup_tone3:`.
const SKIN_TONE = /[\u{1F3FB}-\u{1F3FF}]|\uFE0F|(?<=:):skin-tone-[1-6]:$|_tone[1-5](?=:$)/gu;

/** 'up' or 'down' for what was typed (any letter case, any skin tone), null for anything else. */
export function parseVerdict(typed: string): FeedbackVerdict | null {
  return VERDICTS.get(typed.trim().toLowerCase().replace(SKIN_TONE, '')) ?? null;
}

/** What a mark command asks for: set a verdict, or take the mark back ('clear', any letter case). */
export function parseMarkAction(typed: string): FeedbackVerdict | 'clear' | null {
  return typed.trim().toLowerCase() === 'clear' ? 'clear' : parseVerdict(typed);
}

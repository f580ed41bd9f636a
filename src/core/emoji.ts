/**
 * Emoji in typed text, which are no words. Slack sends an emoji typed in a slash command as its
 * code (`:rocket:`, `:wave::skin-tone-3:`), Discord as the emoji itself (🚀), and on the command
 * line either comes pasted from chat. Read as a word, the code made ":rocket: agents" a topic of
 * its own matched on "rocket", beside the "🚀 agents" whose name kept an emoji papers never hold.
 */

/**
 * One or more codes run together, standing alone: a code is Slack's emoji name (lower-case
 * letters, digits, `_`, `-`, `+`, `'`) between colons. Touching other text it is left as
 * typed: `":memory:"` in quotes, `since:2024`, `09:00`. Any name, not a list of known ones: a
 * workspace names emoji of its own (`:partyparrot:`), and Slack sends those as codes too.
 */
const CODES = /(?<!\S)(?::[a-z0-9_+'-]+:)+(?!\S)/g;

/**
 * An emoji as drawn: one shown as an emoji by default (🚀, 👍, flags' letters, skin tones) or
 * a symbol asked to be one (❤️, ☺️), with its skin tone, variation selector and tags, the
 * sequences joined into one (👩🏽‍🚀, 🏳️‍🌈), and keycaps (1️⃣). Symbols shown as text (©, ™, ↔)
 * are left as typed; a joiner outside an emoji (Persian, Indic scripts) too.
 */
const ONE = String.raw`(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F)(?:[\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]|\uFE0F)*`;
const GLYPHS = new RegExp(String.raw`${ONE}(?:\u200D(?:${ONE}|\p{Extended_Pictographic}\uFE0F?))*|[0-9#*]\uFE0F?\u20E3`, 'gu');

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `text` without its emoji codes, spaces tidied: a search's words (an emoji as drawn is left to the search). */
export function withoutEmojiCodes(text: string): string {
  return tidy(text.replace(CODES, ' '));
}

/** `text` without its emoji, codes and drawn alike, spaces tidied (an emoji between two words parts them). */
export function withoutEmoji(text: string): string {
  return withoutEmojiCodes(text.replace(GLYPHS, ' '));
}

/**
 * Emoji codes in typed text. Slack sends an emoji typed in a slash command as its code
 * (`:rocket:`, `:wave::skin-tone-3:`), Discord as the emoji itself (🚀). Topic names and
 * searches skip an emoji, which is no word; its code read as one made ":rocket: agents" a topic
 * of its own, matched on the word "rocket", beside Discord's "🚀 agents".
 */

/**
 * One or more codes run together, standing alone: a code is Slack's emoji name (lower-case
 * letters, digits, `_`, `-`, `+`, `'`) between colons. Touching other text it is left as
 * typed: `":memory:"` in quotes, `since:2024`, `09:00`.
 */
const CODES = /(?<!\S)(?::[a-z0-9_+'-]+:)+(?!\S)/g;

/** `text` without its emoji codes, spaces tidied. */
export function withoutEmojiCodes(text: string): string {
  return text.replace(CODES, ' ').replace(/\s+/g, ' ').trim();
}

/** Whether `text` holds an emoji code. */
export function hasEmojiCode(text: string): boolean {
  return new RegExp(CODES.source).test(text);
}

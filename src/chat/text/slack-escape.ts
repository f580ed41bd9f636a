/**
 * Slack mrkdwn escaping. Text from outside must escape `&`, `<` and `>` (Slack's own rule):
 * then `<!channel>`, `<!here>`, `<@U123>` or `<https://evil|Click>` cannot form.
 */
import { safeUrl, SLACK_ENTITY_TAIL, stripControls, truncate, type EscapeOptions } from './clean.js';

/**
 * Look-alikes for mrkdwn's markers. Slack has no escape for `*`, `_`, `~` or a backtick, so a
 * name that holds them ("*urgent* ideas") was shown bold, or broke the bold around it; shown
 * with characters that look the same, it formats nothing.
 */
const MARKER_LOOKALIKES: Record<string, string> = {
  '*': '\u2217',
  _: '\u02CD',
  '~': '\u223C',
  '`': '\u02CB',
  // Slack formats with the fullwidth forms too (as jsx-slack, which escapes them, documents):
  // `＿`, once the look-alike for `_`, still made italics.
  '＊': '\uFE61',
  '＿': '\u2E0F',
  '｀': '\u02CB',
};
const lookalike = (c: string) => MARKER_LOOKALIKES[c]!;

/**
 * Kept as typed: a code span as the bot's own hints write one ("`/papers topics`"), in which Slack
 * formats nothing, and a web address, whose `~` or `_` as a look-alike was another address when
 * copied (a project page `https://…/~ada/` in a summary).
 */
const KEPT = /`[^`\n]+`|\bhttps?:\/\/[^\s`]+/g;
const KEPT_ADDRESSES = /\bhttps?:\/\/[^\s`]+/g;

/**
 * Outside code and addresses: `*`, `~` and stray backticks as look-alikes, and `_` where it can
 * open or close italics (inside a word, as in snake_case, Slack leaves it alone, and so do we).
 */
function neutraliseMarkup(text: string): string {
  return text.replace(/[*~`＊＿｀]/g, lookalike).replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, lookalike);
}

/**
 * Text for a mrkdwn object: `&<>` escaped and no markup from outside (neutraliseMarkup), except
 * in code spans and addresses (KEPT). A line starting with `&gt;` (or a fullwidth `＞`) is a quote
 * to Slack as `>` is, so an invisible soft hyphen goes first (jsx-slack's documented workaround:
 * Slack has no escape for it), at the start of a line only.
 */
export function escapeSlack(text: string, options: EscapeOptions = {}): string {
  const escaped = stripControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\s*)(&gt;|\uFF1E)/gm, '$1\u00AD$2');
  let out = '';
  let last = 0;
  for (const m of escaped.matchAll(options.code === false ? KEPT_ADDRESSES : KEPT)) {
    out += neutraliseMarkup(escaped.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + neutraliseMarkup(escaped.slice(last));
}

/**
 * Text a person typed, as Slack delivers it: Slack escapes `&`, `<` and `>` in every text it
 * sends (a slash command's too), so "R&D agents" arrives as "R&amp;D agents". Read back, the
 * topic is the one the same words make on Discord or the CLI. `&amp;` goes last, so
 * "&amp;lt;" (a typed "&lt;") stays "&lt;".
 */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The app's own user in a workspace (auth.test `user` and `user_id`): what the bot's hints name. */
export interface SlackBotUser {
  name: string;
  userId: string;
}

/**
 * Escaped mrkdwn with the bot's `@name` as a real mention, `<@U…>`: Slack draws it with the app's
 * current name and a link to it. Not inside a code span, where Slack shows the syntax as typed.
 * A user id is letters and digits, so nothing else can form there.
 */
export function withBotMention(escaped: string, bot: SlackBotUser | undefined): string {
  if (!bot || !/^[A-Z0-9]+$/.test(bot.userId)) return escaped;
  const name = escapeSlack(`@${bot.name}`).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const mention = new RegExp(`(?<![\\p{L}\\p{N}_@.-])${name}(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}_-])`, 'gu');
  return escaped
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(mention, `<@${bot.userId}>`)))
    .join('');
}

/** Escaped and cut to `max` without leaving half an entity. */
export function slackText(text: string, max: number, options: EscapeOptions = {}): string {
  // Escaping only lengthens text: cutting the raw text first bounds the work.
  return truncate(escapeSlack(truncate(text, max), options), max, { unfinishedTail: [SLACK_ENTITY_TAIL] });
}

/**
 * A URL inside `<url|label>`: `|` and `>` would end it early. Our URLs come from safeUrl(),
 * so percent-encoding those is enough.
 */
function slackLinkUrl(url: string): string {
  return url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
}

/** A name inside mrkdwn formatting (`*name*`, a link's label): escaped, cut to `max`, every marker a look-alike, a backtick too. */
export function slackName(text: string, max: number): string {
  return slackText(text.replace(/[*_~`＊＿｀]/g, lookalike), max);
}

/**
 * A paper's title in bold, linked to its page when the URL is safe: `*<url|title>*`. A `|` in the
 * title would end the link's label, so it is shown as `¦`.
 */
export function slackTitleLink(title: string, url: string | null | undefined, max: number): string {
  const label = slackName(title, max).replace(/\|/g, '¦');
  // The URL is capped so a section can never be cut inside `<url|title>`.
  const link = safeUrl(url, 900);
  return link ? `*<${slackLinkUrl(link)}|${label}>*` : `*${label}*`;
}

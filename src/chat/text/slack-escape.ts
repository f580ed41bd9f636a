/**
 * Slack mrkdwn escaping. Text from outside must escape `&`, `<` and `>` (Slack's own rule):
 * then `<!channel>`, `<!here>`, `<@U123>` or `<https://evil|Click>` cannot form.
 */
import { SLACK_ENTITY_TAIL, stripControls, truncate } from './clean.js';

export function escapeSlack(text: string): string {
  return stripControls(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
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

/** Escaped and cut to `max` without leaving half an entity. */
export function slackText(text: string, max: number): string {
  // Escaping only lengthens text: cutting the raw text first bounds the work.
  return truncate(escapeSlack(truncate(text, max)), max, { unfinishedTail: [SLACK_ENTITY_TAIL] });
}

/**
 * A URL inside `<url|label>`: `|` and `>` would end it early. Our URLs come from safeUrl(),
 * so percent-encoding those is enough.
 */
export function slackLinkUrl(url: string): string {
  return url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
}

/**
 * Look-alikes for mrkdwn's markers. Slack has no escape for `*`, `_`, `~` or a backtick, so a
 * name shown in bold (`*name*`) that holds one broke the bold and formatted the rest; a topic
 * name is for reading, so it is shown with characters that look the same and format nothing.
 */
const MARKER_LOOKALIKES: Record<string, string> = { '*': '\u2217', _: '\uFF3F', '~': '\u223C', '`': '\u02CB' };

/** A name for inside mrkdwn formatting: escaped, cut to `max`, its markers shown as look-alikes. */
export function slackName(text: string, max: number): string {
  return slackText(text.replace(/[*_~`]/g, (c) => MARKER_LOOKALIKES[c]!), max);
}

/**
 * Discord text neutralisation. Markdown is escaped (bold, links, headings …) and every mention
 * form is broken with a zero-width space, so nothing pings even if `allowed_mentions` were
 * forgotten: `@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&role>`, `<#channel>`, `</cmd:id>`.
 */
import { escapeMarkdown } from '@discordjs/formatters';
import { BACKSLASH_TAIL, stripControls, truncate, type EscapeOptions } from './clean.js';

const ZWSP = '\u200b';

/**
 * `<` opens Discord's markup only as `<@`, `<#`, `</`, `<:`, `<!`, `<&`, `<a:` (animated emoji),
 * `<t:` (timestamp) or `<id:` (server guide): any `<a…` or `<t…` broken put an invisible character
 * into the hints' `<arXiv id>` and `<topic>`, copied with them.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(?=[@#/:!&]|[at]:|id:)/gi, `<${ZWSP}`);
}

/**
 * An inline code span on one line, shown as code as Slack shows it (the bot's own hints are
 * written so). Spans holding emphasis characters, parentheses, `||` or backslashes are escaped
 * like any text: what a span keeps must never read as a masked link or a spoiler where code is
 * not rendered (previews, notifications). Brackets and a lone `|` make neither without those,
 * and hints need them (`[weekly:<day>]`, `True|False`): escaped, they showed their backticks.
 */
const CODE_SPAN = /`(?:[^`\n\\()*_~|]|\|(?!\|))+`/g;

/**
 * Markdown escaped outside inline code spans; inside one nothing is markdown to Discord, so it
 * is kept (mentions still broken). Without this the bot's own "`/papers saved list`" showed its
 * backticks on Discord while Slack showed code.
 */
export function escapeDiscord(text: string, options: EscapeOptions = {}): string {
  const clean = stripControls(text);
  if (options.code === false) return escapeOutsideCode(clean);
  let out = '';
  let last = 0;
  for (const m of clean.matchAll(CODE_SPAN)) {
    out += escapeOutsideCode(clean.slice(last, m.index)) + neutraliseMentions(m[0]);
    last = m.index + m[0].length;
  }
  return out + escapeOutsideCode(clean.slice(last));
}

function escapeOutsideCode(text: string): string {
  const escaped = escapeMarkdown(text, {
    maskedLink: true,
    heading: true,
    bulletedList: true,
    numberedList: true,
  });
  // escapeMarkdown leaves a bare `[label](url)` alone unless it is a full masked link; escape brackets
  // always. It doubles backslashes, so a bracket is escaped only after an odd run of them:
  // `\\](` is an escaped backslash and a live `]`.
  const bracketed = escaped.replace(/(?<!\\)((?:\\\\)*)([[\]])/g, '$1\\$2');
  // A line starting with `>` is a quote and one with `-# ` subtext, which escapeMarkdown leaves alone.
  return neutraliseMentions(bracketed.replace(/^(\s*)(>|-#)/gm, '$1\\$2'));
}

/** Escaped and cut to `max` without leaving a dangling backslash. */
export function discordText(text: string, max: number, options: EscapeOptions = {}): string {
  // Escaping only lengthens text: cutting the raw text first bounds the (slow) escaping work.
  return truncate(escapeDiscord(truncate(text, max), options), max, { unfinishedTail: [BACKSLASH_TAIL] });
}

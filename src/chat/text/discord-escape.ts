/**
 * Discord text neutralisation. Markdown is escaped (bold, links, headings …) and every mention
 * form is broken with a zero-width space, so nothing pings even if `allowed_mentions` were
 * forgotten: `@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&role>`, `<#channel>`, `</cmd:id>`.
 */
import { escapeMarkdown } from '@discordjs/formatters';
import { BACKSLASH_TAIL, stripControls, truncate } from './clean.js';

const ZWSP = '\u200b';

export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(?=[@#/:a!&t])/gi, `<${ZWSP}`);
}

export function escapeDiscord(text: string): string {
  const escaped = escapeMarkdown(stripControls(text), {
    maskedLink: true,
    heading: true,
    bulletedList: true,
    numberedList: true,
  });
  // escapeMarkdown leaves a bare `[label](url)` alone unless it is a full masked link; escape brackets
  // always. It doubles backslashes, so a bracket is escaped only after an odd run of them:
  // `\\](` is an escaped backslash and a live `]`.
  return neutraliseMentions(escaped.replace(/(?<!\\)((?:\\\\)*)([[\]])/g, '$1\\$2'));
}

/** Escaped and cut to `max` without leaving a dangling backslash. */
export function discordText(text: string, max: number): string {
  // Escaping only lengthens text: cutting the raw text first bounds the (slow) escaping work.
  return truncate(escapeDiscord(truncate(text, max)), max, { unfinishedTail: [BACKSLASH_TAIL] });
}

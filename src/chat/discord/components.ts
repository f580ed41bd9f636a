/**
 * The Discord message pieces digests and command replies share: the payload types, the size
 * Discord counts for embeds, and the one button renderer (custom_ids from
 * `commands/custom-ids.ts`), so a digest's buttons and a reply's are the same buttons.
 */
import type { ReplyButton } from '../commands/reply.js';
import { BACKSLASH_TAIL, oneLine, safeUrl, truncate } from '../text/clean.js';
import { encodeCustomId } from './commands/custom-ids.js';
import { DISCORD_LIMITS } from './render-limits.js';

export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  author?: { name: string };
  footer?: { text: string };
  timestamp?: string;
}

export type DiscordButton =
  | { type: 2; style: 5; label: string; url: string }
  | { type: 2; style: 1 | 2 | 3 | 4; label?: string; emoji?: { name: string }; custom_id: string };

export interface DiscordActionRow {
  type: 1;
  components: DiscordButton[];
}

export interface DiscordMessage {
  content: string;
  embeds: DiscordEmbed[];
  components: DiscordActionRow[];
  allowed_mentions: { parse: [] };
  /** 64 = ephemeral (command replies only). */
  flags?: number;
  /** Files to attach: sent as multipart `files[n]` beside `payload_json`, never in the JSON. */
  files?: DiscordFile[];
}

export interface DiscordFile {
  name: string;
  contentType: string;
  data: Buffer;
}

/** Characters Discord counts against the 6000-character embed total. */
export function embedChars(e: DiscordEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.author?.name.length ?? 0) + (e.footer?.text.length ?? 0);
}

/** One button; null when its URL is unsafe, its custom_id would be too long, or its label is blank once cleaned (Discord wants a label or an emoji). */
export function discordButton(button: ReplyButton): DiscordButton | null {
  const label = truncate(oneLine(button.label), DISCORD_LIMITS.buttonLabel);
  if (!label) return null;
  const a = button.action;
  if (a.kind === 'open' || a.kind === 'pdf') {
    const url = safeUrl(a.url, DISCORD_LIMITS.linkUrl);
    return url ? { type: 2, style: 5, label, url } : null;
  }
  const customId = encodeCustomId(a);
  if (!customId) return null;
  // 👍 / 👎 are shown as the button's emoji, as Discord draws them best.
  if (a.kind === 'feedback' && a.verdict !== 'clear') return { type: 2, style: 2, emoji: { name: label }, custom_id: customId };
  return { type: 2, style: button.style === 'primary' ? 1 : button.style === 'danger' ? 4 : 2, label, custom_id: customId };
}

/** The buttons that can be drawn; feedback only as a pair (👍 without 👎 would mislead). */
export function discordButtons(buttons: readonly ReplyButton[]): DiscordButton[] {
  const drawn = buttons.map((b) => ({ b, d: discordButton(b) }));
  const feedback = drawn.filter(({ b }) => b.action.kind === 'feedback' && b.action.verdict !== 'clear');
  const pairOk = feedback.every(({ d }) => d !== null);
  return drawn.filter(({ b, d }) => d !== null && (!feedback.some((f) => f.b === b) || pairOk)).map(({ d }) => d as DiscordButton);
}

/**
 * Discord draws every button row of a message under all its embeds, so with several papers a
 * row's 👍 was anyone's guess: each paper's row starts with its number, as its embed's title does
 * (numberedTitle).
 */
export function numberedRow(buttons: DiscordButton[], n: number): DiscordButton[] {
  const [first, ...rest] = buttons;
  if (!first) return buttons;
  const label = truncate(`${n}. ${first.label ?? ''}`.trimEnd(), DISCORD_LIMITS.buttonLabel);
  return [{ ...first, label }, ...rest];
}

/** An escaped embed title with its paper's number in front, within the title limit. */
export function numberedTitle(escapedTitle: string, n: number): string {
  const prefix = `${n}. `;
  return prefix + truncate(escapedTitle, DISCORD_LIMITS.embedTitle - prefix.length, { unfinishedTail: [BACKSLASH_TAIL] });
}

/**
 * A threaded digest for Discord, pure: part 1 is the header message that opens the thread (or,
 * in a forum channel, the forum post's first message), every later part one paper posted in
 * that thread. One embed per message keeps each far inside Discord's limits.
 */
import { dedupeKeyOf } from '../../core/digest/dedupe-key.js';
import { digestItems, type Digest } from '../../core/digest/digest.js';
import type { RenderedPart } from '../../core/ports.js';
import { titleOf, truncate } from '../text/clean.js';
import { digestHeadline, digestNote, headlineEscape } from '../text/plain.js';
import { discordText } from '../text/discord-escape.js';
import { threadName } from '../text/thread-name.js';
import type { DiscordMessage } from './components.js';
import { DISCORD_LIMITS } from './render-limits.js';
import { discordPaperEmbed, discordPaperRow, renderDiscordParts } from './render.js';

export function renderDiscordThreadParts(digest: Digest): RenderedPart[] {
  const items = digestItems(digest);
  const total = items.length + 1;
  const ref = (part: number) => dedupeKeyOf(digest.targetId, digest.windowKey, part);
  const footer = (part: number) => `paperboy · ${part}/${total} · ref ${ref(part)}`;
  const headline = discordText(digestHeadline(digest), 1500, headlineEscape(digest));
  const note = digestNote(digest);
  const rootMessage: DiscordMessage = { content: truncate(`📚 ${headline}${note ? `\n-# ${discordText(note, 300)}` : ''}\n-# ${footer(1)}`, DISCORD_LIMITS.content), embeds: [], components: [], allowed_mentions: { parse: [] } };
  const root: RenderedPart = { part: 1, totalParts: total, text: truncate(digestHeadline(digest), 2000), payload: rootMessage, dedupeKey: ref(1), thread: 'root', threadName: threadName(digest) };
  const replies = items.map((item, i): RenderedPart => {
    const part = i + 2;
    const embed = { ...discordPaperEmbed(item, digest.language), footer: { text: footer(part) } };
    const row = discordPaperRow(item, digest.language);
    const message: DiscordMessage = { content: '', embeds: [embed], components: row ? [row] : [], allowed_mentions: { parse: [] } };
    return { part, totalParts: total, text: truncate(`${i + 1}. ${titleOf(item.title, item.arxivId)}`, 2000), payload: message, dedupeKey: ref(part), thread: 'reply' };
  });
  return [root, ...replies];
}

/** The digest's parts in the shape its plan froze: threaded, or packed messages (render.ts). */
export function renderDiscordDigestParts(digest: Digest): RenderedPart[] {
  return digest.threads ? renderDiscordThreadParts(digest) : renderDiscordParts(digest);
}

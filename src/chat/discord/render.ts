/**
 * Digest -> Discord messages (embeds + buttons), pure. One embed per paper with its topic as
 * the embed author, and one button row per paper, both numbered when there are several: Open / PDF (links) and 👍 / 👎
 * (custom_id `fb:up:<topic>:<arxivId>`, drawn by components.ts). Split within embed and component limits; every
 * message carries `allowed_mentions: { parse: [] }`.
 */
import { dedupeKeyOf } from '../../core/digest/dedupe-key.js';
import type { Digest, DigestItem } from '../../core/digest/digest.js';
import type { RenderedPart } from '../../core/ports.js';
import { authorLine, oneLine, safeUrl, titleOf, truncate } from '../text/clean.js';
import { digestHeadline, digestNote, headlineEscape, localButtons, partFallbackText } from '../text/plain.js';
import { digestWords } from '../../core/i18n/catalog.js';
import { discordText, neutraliseMentions } from '../text/discord-escape.js';
import { paperButtons } from '../commands/reply.js';
import { discordButtons, embedChars, numberedRow, numberedTitle, type DiscordActionRow, type DiscordEmbed, type DiscordMessage } from './components.js';
import { DISCORD_LIMITS } from './render-limits.js';

const COLOR = 0xf5a623;

/** The embed for one digest paper (its topic as the author); `number`: its place in a digest of several papers. */
export function discordPaperEmbed(item: DigestItem, language?: string, number?: number): DiscordEmbed {
  const lines: string[] = [];
  const authors = authorLine(item.authors, 300);
  if (authors) lines.push(`*${discordText(authors, 350)}*`);
  if (item.summary) lines.push(discordText(oneLine(item.summary), 1500));
  const meta = [`**${digestWords(language).why}:** ${discordText(oneLine(item.why), 400)}`];
  if (item.upvotes !== null) meta.push(`▲ ${item.upvotes}`);
  lines.push(meta.join(' · '));
  const title = discordText(titleOf(item.title, item.arxivId), DISCORD_LIMITS.embedTitle);
  const embed: DiscordEmbed = {
    title: number === undefined ? title : numberedTitle(title, number),
    description: truncate(lines.join('\n'), DISCORD_LIMITS.embedDescription),
    color: COLOR,
  };
  // A field sent empty is refused: a topic name that cleans to nothing makes no author line.
  const topic = truncate(neutraliseMentions(oneLine(item.topicName)), DISCORD_LIMITS.embedAuthor);
  if (topic) embed.author = { name: topic };
  const url = safeUrl(item.absUrl, DISCORD_LIMITS.linkUrl);
  if (url) embed.url = url;
  return embed;
}

/** The button row for one paper (null when it would be empty): the same buttons as a reply's paper; `number` as the embed's. */
export function discordPaperRow(item: DigestItem, language?: string, number?: number): DiscordActionRow | null {
  const buttons = discordButtons(localButtons(paperButtons(item, item.topicSlug), language));
  return buttons.length ? { type: 1, components: number === undefined ? buttons : numberedRow(buttons, number) } : null;
}

// Footer (part and ref) added after packing; kept out of the budget up front.
const FOOTER_RESERVE = 120;

interface Chunk {
  embeds: DiscordEmbed[];
  rows: DiscordActionRow[];
  items: DigestItem[];
  chars: number;
}

function pack(digest: Digest): Chunk[] {
  const chunks: Chunk[] = [];
  let cur: Chunk = { embeds: [], rows: [], items: [], chars: 0 };
  const items = digest.sections.flatMap((s) => s.items);
  // Numbered through the whole digest, as the text digest numbers them, when there are several.
  for (const [i, item] of items.entries()) {
    const number = items.length > 1 ? i + 1 : undefined;
    const embed = discordPaperEmbed(item, digest.language, number);
    const row = discordPaperRow(item, digest.language, number);
    // Sized with a fixed-width upvote count so a resume after upvotes moved splits the same way.
    const size = embedChars(discordPaperEmbed({ ...item, upvotes: 9_999_999 }, digest.language, number));
    const full =
      cur.embeds.length + 1 > DISCORD_LIMITS.embedsPerMessage ||
      cur.rows.length + (row ? 1 : 0) > DISCORD_LIMITS.actionRows ||
      cur.chars + size + FOOTER_RESERVE > DISCORD_LIMITS.embedTotal;
    if (full && cur.items.length) {
      chunks.push(cur);
      cur = { embeds: [], rows: [], items: [], chars: 0 };
    }
    cur.embeds.push(embed);
    if (row) cur.rows.push(row);
    cur.items.push(item);
    cur.chars += size;
  }
  if (cur.items.length || chunks.length === 0) chunks.push(cur);
  return chunks;
}

/** The digest as Discord messages; each fits Discord's limits. */
export function renderDiscordDigest(digest: Digest): Array<DiscordMessage & { dedupeKey: string }> {
  return renderMessages(digest).map((m) => m.message);
}

/** Each message with the papers it carries. */
function renderMessages(digest: Digest): Array<{ message: DiscordMessage & { dedupeKey: string }; items: Chunk['items'] }> {
  const chunks = pack(digest);
  const total = chunks.length;
  return chunks.map((chunk, i) => {
    const part = i + 1;
    const dedupeKey = dedupeKeyOf(digest.targetId, digest.windowKey, part);
    const footer = `paperboy · part ${part}/${total} · ref ${dedupeKey}`;
    const embeds = chunk.embeds.map((e, j) => (j === chunk.embeds.length - 1 ? { ...e, footer: { text: footer } } : e));
    const note = part === 1 ? digestNote(digest) : null;
    const head = `📚 ${discordText(digestHeadline(digest), 1500, headlineEscape(digest))}${total > 1 ? ` (${part}/${total})` : ''}${note ? `\n-# ${discordText(note, 300)}` : ''}`;
    // With no embed (an empty digest) the ref rides in the content instead.
    const content = truncate(embeds.length ? head : `${head}\n-# ${footer}`, DISCORD_LIMITS.content);
    return { message: { content, embeds, components: chunk.rows, allowed_mentions: { parse: [] }, dedupeKey }, items: chunk.items };
  });
}

/** Parts for the delivery loop; each part's text (dry runs, logs) names the papers of that part only. */
export function renderDiscordParts(digest: Digest): RenderedPart[] {
  const messages = renderMessages(digest);
  return messages.map(({ message: { dedupeKey, ...payload }, items }, i) => ({
    part: i + 1,
    totalParts: messages.length,
    text: partFallbackText(digest, items, i + 1, messages.length, 2000),
    payload,
    dedupeKey,
  }));
}

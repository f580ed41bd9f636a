/**
 * Neutral Reply → a Discord message body (API shape, snake_case), pure. It renders through the
 * digest's stack: `text/discord-escape.ts` for every outside string (markdown escaped, mentions
 * broken), `render-limits.ts` for every limit, `components.ts` for types and buttons; and
 * `allowed_mentions` forbids pings anyway.
 */
import { MessageFlags } from 'discord.js';
import type { Reply, ReplyButton } from '../../commands/reply.js';
import type { PaperCard } from '../../commands/services.js';
import { authorLine, BACKSLASH_TAIL, oneLine, safeUrl, titleOf, truncate } from '../../text/clean.js';
import { discordText } from '../../text/discord-escape.js';
import { discordButtons, embedChars, numberedRow, numberedTitle, type DiscordActionRow, type DiscordEmbed, type DiscordMessage } from '../components.js';
import { DISCORD_LIMITS } from '../render-limits.js';
import { count } from '../../../core/count.js';
import { formatBytes } from '../../../core/bytes.js';
import { splitReply } from '../../commands/split-reply.js';

/** One paper of a reply: escaped title linking to its page, authors and the note, id in the footer. */
export function replyPaperEmbed(p: PaperCard, note: string | null): DiscordEmbed {
  const authors = authorLine(p.authors, 200, 3);
  const description = discordText([authors, note ?? ''].filter(Boolean).join('\n'), 700);
  const embed: DiscordEmbed = {
    title: discordText(titleOf(p.title, p.arxivId), DISCORD_LIMITS.embedTitle),
    // A field sent empty is refused: no authors and no note make no description.
    ...(description.trim() ? { description } : {}),
    // Footers show no markdown and ping no one: only control characters need to go.
    footer: { text: truncate(oneLine([p.arxivId, p.upvotes ? `▲ ${p.upvotes}` : ''].filter(Boolean).join(' · ')), 100) },
  };
  const url = safeUrl(p.absUrl, DISCORD_LIMITS.linkUrl);
  if (url) embed.url = url;
  return embed;
}

export function renderDiscordReply(reply: Reply): DiscordMessage {
  return layout(reply).message;
}

/** True when every paper of `reply` is shown, each with its row of buttons, in one message. */
export function discordFits(reply: Reply): boolean {
  const { leftOut, withoutRow } = layout(reply);
  return leftOut === 0 && withoutRow === 0;
}

/** `reply` as the messages it takes (splitReply): the first answers the interaction, the rest are its follow-ups. */
export function renderDiscordReplies(reply: Reply): DiscordMessage[] {
  return splitReply(reply, discordFits).map(renderDiscordReply);
}

function layout(reply: Reply): { message: DiscordMessage; leftOut: number; withoutRow: number } {
  const lines: string[] = [];
  const embeds: DiscordEmbed[] = [];
  const rows: DiscordActionRow[] = [];
  let embedTotal = 0;
  // Rows for the reply's own buttons ("Subscribe to the built-in topic") are kept for them
  // until they are drawn: papers take what is left, and those left out are counted.
  const rowsOf = (buttons: ReplyButton[]) => Math.ceil(discordButtons(buttons).length / DISCORD_LIMITS.buttonsPerRow);
  let reserved = reply.blocks.reduce((n, b) => n + (b.type === 'buttons' ? rowsOf(b.buttons) : 0), 0);
  let leftOut = 0;
  // Embeds of sections (help's parts) before papers: papers are numbered and counted apart.
  let sections = 0;
  // Papers shown past the rows: their titles still open them, but they have no buttons.
  let withoutRow = 0;
  // Several papers' rows all come under their embeds: each paper is numbered (numberedRow).
  // So are the papers of a message that goes on from an earlier one (paperOffset).
  const offset = reply.paperOffset ?? 0;
  const numbered = offset > 0 || reply.blocks.filter((b) => b.type === 'paper').length > 1;
  const addRow = (buttons: ReplyButton[], paperNumber?: number) => {
    const drawn = discordButtons(buttons);
    const components = paperNumber === undefined ? drawn : numberedRow(drawn, paperNumber);
    for (let i = 0; i < components.length && rows.length < DISCORD_LIMITS.actionRows; i += DISCORD_LIMITS.buttonsPerRow) {
      rows.push({ type: 1, components: components.slice(i, i + DISCORD_LIMITS.buttonsPerRow) });
    }
  };
  // Text that cleaning leaves blank makes no line: an empty `**…**` or `-# ` shows as stray marks.
  const line = (text: string, max: number, wrap: (t: string) => string = (t) => t) => {
    const escaped = discordText(text, max);
    if (escaped.trim()) lines.push(wrap(escaped));
  };
  for (const block of reply.blocks) {
    switch (block.type) {
      case 'header':
        line(block.text, 200, (t) => `**${t}**`);
        break;
      case 'text':
        line(block.text, DISCORD_LIMITS.content);
        break;
      case 'context':
        line(block.text, 500, (t) => `-# ${t}`);
        break;
      case 'section': {
        const description = discordText(block.text, DISCORD_LIMITS.embedDescription);
        const title = discordText(oneLine(block.title), DISCORD_LIMITS.embedTitle);
        if (!description.trim()) break;
        const embed: DiscordEmbed = { ...(title.trim() ? { title } : {}), description };
        const size = embedChars(embed);
        // Past the message's embed limits a section is lines of the content, cut there if it must be.
        if (embeds.length >= DISCORD_LIMITS.embedsPerMessage || embedTotal + size > DISCORD_LIMITS.embedTotal) {
          line(`${block.title}\n${block.text}`, DISCORD_LIMITS.content);
          break;
        }
        embeds.push(embed);
        embedTotal += size;
        sections++;
        break;
      }
      case 'paper': {
        const n = offset + embeds.length - sections + 1;
        const plain = replyPaperEmbed(block.paper, block.note);
        const embed = numbered ? { ...plain, title: numberedTitle(plain.title!, n) } : plain;
        const size = embedChars(embed);
        // Papers past the message's embed limits are left out rather than failing the whole reply;
        // past its five rows they are still shown, without buttons (a preview of 7 showed 5 here and 7 on Slack).
        if (embeds.length >= DISCORD_LIMITS.embedsPerMessage || embedTotal + size > DISCORD_LIMITS.embedTotal) {
          leftOut++;
          break;
        }
        embeds.push(embed);
        embedTotal += size;
        if (rows.length + reserved < DISCORD_LIMITS.actionRows && withoutRow === 0) addRow(block.buttons, numbered ? n : undefined);
        else withoutRow++;
        break;
      }
      case 'buttons':
        reserved -= rowsOf(block.buttons);
        addRow(block.buttons);
        break;
    }
  }
  // "4 of 5", not "1 more left out": said under the header it qualifies ("Best matches …").
  const papersShown = embeds.length - sections;
  if (leftOut > 0) lines.push(`-# Showing ${papersShown} of ${count(papersShown + leftOut, 'paper', 'papers')}: a Discord message has no room for more.${reply.overflow ? ` ${discordText(reply.overflow, 300)}` : ''}`);
  if (withoutRow > 0) {
    const buttoned = papersShown - withoutRow;
    // Every row can go to the reply's own buttons: then no paper has any ("papers 1–0" before).
    const which = buttoned === 0 ? 'No paper has buttons here' : `Buttons for ${buttoned === 1 ? 'paper 1' : `papers 1–${buttoned}`}`;
    lines.push(`-# ${which} (a Discord message takes five rows); every title opens its paper.`);
  }
  const file = reply.file ? Buffer.from(reply.file.content, 'utf8') : null;
  // Discord refuses a larger upload outright; say so instead of leaving the reply pending.
  if (reply.file && file && file.length > DISCORD_LIMITS.attachmentBytes) {
    // A file just over the limit rounds to it ("10 MB, more than the 10 MB"): say "just over".
    const [size, limit] = [formatBytes(file.length), formatBytes(DISCORD_LIMITS.attachmentBytes)];
    const over = size === limit ? `just over the ${limit}` : `${size}, more than the ${limit}`;
    lines.push(discordText(`${reply.file.filename} is ${over} Discord takes: remove some papers, or export from the command line (paperboy saved export).`, 500));
  }
  const attach = reply.file && file && file.length <= DISCORD_LIMITS.attachmentBytes ? [{ name: reply.file.filename, contentType: reply.file.mime, data: file }] : null;
  // Discord refuses an empty message (50006): an answer of only blank text still says something.
  if (!lines.length && !embeds.length && !attach) lines.push(discordText(reply.text, DISCORD_LIMITS.content).trim() || '…');
  const message: DiscordMessage = {
    // Lines are escaped already: the cut must not leave a lone backslash escaping the ellipsis.
    content: truncate(lines.join('\n'), DISCORD_LIMITS.content, { unfinishedTail: [BACKSLASH_TAIL] }),
    embeds,
    components: rows,
    allowed_mentions: { parse: [] },
    ...(reply.visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {}),
    ...(attach ? { files: attach } : {}),
  };
  return { message, leftOut, withoutRow };
}

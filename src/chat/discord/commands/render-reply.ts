/**
 * Neutral Reply → a Discord message body (API shape, snake_case), pure. Markdown from outside
 * is escaped, `@` can't form a mention, `allowed_mentions` forbids pings anyway, and every
 * limit (content 2000, 10 embeds, 6000 embed characters, 5 rows of 5 buttons) is kept.
 */
import { ButtonStyle, ComponentType, escapeMarkdown, MessageFlags, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { Reply, ReplyButton } from '../../commands/reply.js';
import { encodeCustomId } from './custom-ids.js';
import { truncate } from '../../text/clean.js';

export const DISCORD_LIMITS = { content: 2000, embeds: 10, embedTotal: 6000, title: 256, description: 4096, rows: 5, perRow: 5, label: 80 };

export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponent>>;
  allowed_mentions: { parse: [] };
  /** 64 = ephemeral. */
  flags?: number;
}


/** Escape, then fit; cutting first keeps escaping cheap on 10,000-character input. */
function escapeFit(text: string, max: number): string {
  const escaped = escapeDiscord(truncate(text, max));
  // Never end on a lone backslash or a half-neutralised mention.
  return escaped.length <= max ? escaped : truncate(escaped, max).replace(/\\…$/, '…');
}

/** Plain text → safe Discord markdown: no formatting, no mention syntax. */
export function escapeDiscord(text: string): string {
  // Brackets too: `[label](url)` would otherwise be a masked link hiding where it goes.
  return escapeMarkdown(text).replace(/[[\]]/g, '\\$&').replace(/@/g, '@\u200b').replace(/<(#|@|:|t:)/g, '<\u200b$1');
}

function safeUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function discordButton(button: ReplyButton): APIButtonComponent | null {
  const label = truncate(button.label, DISCORD_LIMITS.label);
  const a = button.action;
  if (a.kind === 'open' || a.kind === 'pdf') {
    const url = safeUrl(a.url);
    return url ? { type: ComponentType.Button, style: ButtonStyle.Link, label, url } : null;
  }
  const customId = encodeCustomId(a);
  if (!customId) return null;
  const style = button.style === 'primary' ? ButtonStyle.Primary : button.style === 'danger' ? ButtonStyle.Danger : ButtonStyle.Secondary;
  return { type: ComponentType.Button, style, label, custom_id: customId };
}

function embedSize(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
}

export function renderDiscordReply(reply: Reply): DiscordMessage {
  const lines: string[] = [];
  const embeds: APIEmbed[] = [];
  const rows: Array<APIActionRowComponent<APIButtonComponent>> = [];
  let embedChars = 0;
  const addRow = (buttons: ReplyButton[]) => {
    const components = buttons.map(discordButton).filter((b): b is APIButtonComponent => b !== null);
    for (let i = 0; i < components.length && rows.length < DISCORD_LIMITS.rows; i += DISCORD_LIMITS.perRow) {
      rows.push({ type: ComponentType.ActionRow, components: components.slice(i, i + DISCORD_LIMITS.perRow) });
    }
  };
  for (const block of reply.blocks) {
    switch (block.type) {
      case 'header':
        lines.push(`**${escapeFit(block.text, 200)}**`);
        break;
      case 'text':
        lines.push(escapeFit(block.text, DISCORD_LIMITS.content));
        break;
      case 'context':
        lines.push(`-# ${escapeFit(block.text, 500)}`);
        break;
      case 'paper': {
        const p = block.paper;
        const authors = p.authors.length > 3 ? `${p.authors.slice(0, 3).join(', ')} et al.` : p.authors.join(', ');
        const embed: APIEmbed = {
          title: truncate(p.title.replace(/\s+/g, ' '), DISCORD_LIMITS.title),
          url: safeUrl(p.absUrl),
          description: escapeFit([truncate(authors, 200), block.note ?? ''].filter(Boolean).join('\n'), 700),
          footer: { text: truncate([p.arxivId, p.upvotes ? `▲ ${p.upvotes}` : ''].filter(Boolean).join(' · '), 100) },
        };
        // Papers past the message's limits are left out rather than failing the whole reply.
        if (embeds.length >= DISCORD_LIMITS.embeds || embedChars + embedSize(embed) > DISCORD_LIMITS.embedTotal || rows.length >= DISCORD_LIMITS.rows) break;
        embeds.push(embed);
        embedChars += embedSize(embed);
        addRow(block.buttons);
        break;
      }
      case 'buttons':
        addRow(block.buttons);
        break;
    }
  }
  return {
    content: truncate(lines.join('\n'), DISCORD_LIMITS.content),
    embeds,
    components: rows,
    allowed_mentions: { parse: [] },
    ...(reply.visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

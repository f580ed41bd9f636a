/**
 * `/papers help` on both platforms, every form of it (asked, empty input, a word that is no
 * command): within what Slack and Discord take (the fakes' own checks), every command's line
 * whole, and room for the help to grow: on Discord it filled 1,927 of a message's 2,000
 * characters, and one more command would have cut its last lines.
 */
import { describe, expect, it } from 'vitest';
import { helpReply, helpSections } from '../../../src/chat/commands/help.js';
import { renderDiscordReply } from '../../../src/chat/discord/commands/render-reply.js';
import { renderSlackReply } from '../../../src/chat/slack/commands/render-reply.js';
import { DISCORD_LIMITS } from '../../../src/chat/discord/render-limits.js';
import { SLACK_LIMITS } from '../../../src/chat/slack/render-limits.js';
import { checkMessage } from '../../helpers/fake-discord.js';
import { checkBlocks } from '../../helpers/fake-slack.js';

const VARIANTS: Array<[string, string | undefined]> = [['asked', undefined], ['a word that is no command', 'x'.repeat(100)]];

/** What a reader sees of escaped text: Discord's backslashes and Slack's entities undone. */
const discordShown = (s: string) => s.replace(/\\(.)/g, '$1');
const slackShown = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('help within the platforms’ limits', () => {
  it.each(VARIANTS)('Discord (%s): accepted, every line whole, room to double', (_name, unknown) => {
    const body = renderDiscordReply(helpReply('discord', unknown));
    expect(checkMessage(body as unknown as Record<string, unknown>)).toBeNull();
    const shown = discordShown([body.content, ...body.embeds.flatMap((e) => [e.title ?? '', e.description ?? ''])].join('\n'));
    for (const { lines } of helpSections('discord')) for (const line of lines) expect(shown).toContain(line);
    // Room for as much again: the content and each part of the help under half its limit.
    expect(body.content.length * 2).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    for (const e of body.embeds) expect((e.description ?? '').length * 2).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    const embedTotal = body.embeds.reduce((n, e) => n + (e.title ?? '').length + (e.description ?? '').length, 0);
    expect(embedTotal * 2).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  });

  it.each(VARIANTS)('Slack (%s): accepted, every line whole, room to double', (_name, unknown) => {
    const body = renderSlackReply(helpReply('slack', unknown));
    expect(checkBlocks(body.blocks as Array<Record<string, unknown>>)).toBeNull();
    const texts = body.blocks.map((b) => String((b as { text?: { text?: string } }).text?.text ?? ''));
    const shown = slackShown(texts.join('\n'));
    for (const { lines } of helpSections('slack')) for (const line of lines) expect(shown).toContain(line);
    for (const t of texts) expect(t.length * 2).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  });

  it('a slip of one command is still one short question on both platforms', () => {
    expect(renderDiscordReply(helpReply('discord', 'topcs', 'topics')).content).toContain('did you mean');
    expect(renderSlackReply(helpReply('slack', 'topcs', 'topics')).text).toContain('did you mean');
  });
});

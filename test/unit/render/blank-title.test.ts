/**
 * A paper whose title is blank once cleaned (empty, as a feed entry can come, or only control and
 * bidi characters) and a topic whose name is: the paper still has a label to click (its arXiv id),
 * and no field goes out empty (Discord refuses an empty embed title or author name; a Slack link
 * with no label shows nothing to click).
 */
import { describe, expect, it } from 'vitest';
import { renderDiscordDigest } from '../../../src/chat/discord/render.js';
import { renderDiscordReply } from '../../../src/chat/discord/commands/render-reply.js';
import { renderSlackDigest } from '../../../src/chat/slack/render.js';
import { renderSlackReply } from '../../../src/chat/slack/commands/render-reply.js';
import { paperButtons } from '../../../src/chat/commands/reply.js';
import { renderDiscordThreadParts } from '../../../src/chat/discord/render-thread.js';
import { renderSlackThreadParts } from '../../../src/chat/slack/render-thread.js';
import { renderDigestText } from '../../../src/chat/text/plain.js';
import { checkMessage } from '../../helpers/fake-discord.js';
import { digestOf, item } from './digest-fixture.js';

const BLANK = '\u0000 \u202e\u001b ';

describe('a paper with a blank title', () => {
  const blank = item(1, { title: BLANK, summary: '', authors: [], topicName: BLANK });

  it('Slack digest: the link is labelled with the arXiv id', () => {
    const [msg] = renderSlackDigest(digestOf([blank]));
    expect(JSON.stringify(msg!.blocks)).toContain('<https://arxiv.org/abs/2611.10001|2611.10001>');
  });

  it('Discord digest: the embed is titled with the arXiv id, with no empty author', () => {
    const [msg] = renderDiscordDigest(digestOf([blank], { platform: 'discord', targetId: 'discord:1' }));
    // Escaped as all text is ("2611." would read as a numbered list): Discord shows 2611.10001.
    expect(msg!.embeds[0]!.title).toBe('2611\\.10001');
    expect(msg!.embeds[0]!.author).toBeUndefined();
    expect(checkMessage(msg as unknown as Record<string, unknown>)).toBeNull();
  });

  it('command replies: the same label on both platforms, and no empty embed description', () => {
    const paper = { arxivId: '2501.10001', title: BLANK, authors: [], absUrl: 'https://arxiv.org/abs/2501.10001', pdfUrl: null, summary: '', upvotes: null, publishedAt: null };
    const reply = { visibility: 'ephemeral' as const, text: 'Papers', blocks: [{ type: 'paper' as const, paper, note: null, buttons: paperButtons(paper, null) }] };
    expect(JSON.stringify(renderSlackReply(reply).blocks)).toContain('<https://arxiv.org/abs/2501.10001|2501.10001>');
    const discord = renderDiscordReply(reply);
    expect(discord.embeds[0]).toMatchObject({ title: '2501\\.10001' });
    expect(discord.embeds[0]!.description).toBeUndefined();
    expect(checkMessage(discord as unknown as Record<string, unknown>)).toBeNull();
  });
});

describe('the plain texts of a paper with a blank title (notifications, the console, threaded replies)', () => {
  const blank = item(1, { title: BLANK });

  it('name it by its arXiv id', () => {
    expect(renderSlackDigest(digestOf([blank]))[0]!.text).toContain('• 2611.10001');
    expect(renderDigestText(digestOf([blank], { platform: 'console', targetId: 'console' }))).toContain('1. 2611.10001');
    expect(renderSlackThreadParts(digestOf([blank], { threads: true }))[1]!.text).toBe('1. 2611.10001');
    expect(renderDiscordThreadParts(digestOf([blank], { platform: 'discord', targetId: 'discord:1', threads: true }))[1]!.text).toBe('1. 2611.10001');
  });
});

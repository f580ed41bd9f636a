/**
 * An answer with more papers than one message holds (Discord: 10 embeds, 6,000 characters, five
 * rows of buttons; Slack: 50 blocks, ~13k characters) said "Showing 4 of 12" and dropped the
 * rest. It is now carried over several messages (the Discord follow-ups, Slack's response_url
 * again), each within its platform's limits and each paper with its buttons, up to five messages
 * (Slack takes five uses of a response_url); only past those is a count of the rest said.
 */
import { describe, expect, it } from 'vitest';
import { paperButtons, type Reply } from '../../../src/chat/commands/reply.js';
import { REPLY_MESSAGES } from '../../../src/chat/commands/split-reply.js';
import { renderDiscordReplies, renderDiscordReply } from '../../../src/chat/discord/commands/render-reply.js';
import { renderSlackReplies, renderSlackReply } from '../../../src/chat/slack/commands/render-reply.js';
import { slackBlockChars } from '../../../src/chat/slack/block-kit.js';
import { SLACK_LIMITS } from '../../../src/chat/slack/render-limits.js';
import { checkMessage } from '../../helpers/fake-discord.js';
import { checkBlocks } from '../../helpers/fake-slack.js';
import { paper } from './fake-services.js';

function digestLike(n: number, titleLength = 40): Reply {
  return {
    visibility: 'ephemeral',
    text: 'Your digest preview',
    blocks: [
      { type: 'header', text: `Your digest preview: ${n} papers` },
      ...Array.from({ length: n }, (_, i) => {
        const p = { ...paper(i, `Paper ${i} ${'t'.repeat(titleLength)}`), summary: 's'.repeat(1500) };
        return { type: 'paper' as const, paper: p, note: `audio: ${'why '.repeat(150)}`, buttons: paperButtons(p, 'audio') };
      }),
      { type: 'context', text: 'These are the best; more papers match.' },
      { type: 'buttons', buttons: [{ label: 'Subscribe to Audio', action: { kind: 'subscribe', topicSlug: 'audio' } }] },
    ],
    overflow: 'Your digest itself carries them all, over several messages.',
  };
}

const discordIds = (m: { embeds: Array<{ footer?: { text: string } }> }) => m.embeds.map((e) => e.footer!.text.split(' · ')[0]);
const slackIds = (m: { blocks: Array<{ type: string; text?: { text: string } }> }) =>
  m.blocks.flatMap((b) => (b.type === 'section' ? [...(b.text!.text.matchAll(/arxiv\.org\/abs\/([\d.]+)/g))].map((x) => x[1]!) : []));
const ids = (n: number) => Array.from({ length: n }, (_, i) => `2501.${10000 + i}`);

describe('Discord: papers past one message go on in follow-up messages', () => {
  it('12 papers: three messages, every paper once, in order, numbered on, each with its row of buttons', () => {
    const messages = renderDiscordReplies(digestLike(12));
    expect(messages.length).toBe(3);
    for (const m of messages) {
      expect(checkMessage(m)).toBeNull();
      expect(m.components.length).toBeLessThanOrEqual(5);
      expect(m.content).not.toContain('Showing');
      expect(m.flags).toBe(64);
    }
    expect(messages.flatMap(discordIds)).toEqual(ids(12));
    expect(messages.flatMap((m) => m.embeds.map((e) => Number(e.title!.split('.')[0])))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // Each paper's row is numbered as its embed; the reply's own button comes last, once.
    const rows = messages.flatMap((m) => m.components);
    expect(rows.filter((r) => r.components.some((b) => 'label' in b && b.label === 'Subscribe to Audio')).length).toBe(1);
    expect(messages.at(-1)!.components.at(-1)!.components.map((b) => ('label' in b ? b.label : ''))).toEqual(['Subscribe to Audio']);
    expect(messages[1]!.content).toMatch(/^-# Papers 6–10 of 12/);
    expect(messages[2]!.content).toContain('These are the best; more papers match.');
    expect(messages[0]!.content).not.toContain('These are the best');
  });

  it(`past ${REPLY_MESSAGES} messages, the last says how many were shown and where the rest are`, () => {
    const messages = renderDiscordReplies(digestLike(40));
    expect(messages.length).toBe(REPLY_MESSAGES);
    for (const m of messages) expect(checkMessage(m)).toBeNull();
    const shown = messages.flatMap(discordIds);
    expect(shown).toEqual(ids(shown.length));
    expect(messages.at(-1)!.content).toContain(`Showing ${shown.length} of 40 papers`);
    expect(messages.at(-1)!.content).toContain('Your digest itself carries them all');
  });

  it('an answer that fits is the one message it always was', () => {
    const reply = digestLike(3);
    expect(renderDiscordReplies(reply)).toEqual([renderDiscordReply(reply)]);
  });
});

describe('Slack: papers past one message go on in further messages to the response_url', () => {
  it('60 papers with long titles: every one once, in order, each message within Block Kit limits', () => {
    const messages = renderSlackReplies(digestLike(60, 250));
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThanOrEqual(REPLY_MESSAGES);
    for (const m of messages) {
      expect(checkBlocks(m.blocks)).toBeNull();
      expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(slackBlockChars(m.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
      expect(m.response_type).toBe('ephemeral');
    }
    const shown = messages.flatMap(slackIds);
    expect(shown).toEqual(ids(shown.length));
    const all = JSON.stringify(messages);
    if (shown.length < 60) expect(all).toContain(`Showing ${shown.length} of 60 papers`);
    else expect(all).not.toContain('Showing');
    expect(JSON.stringify(messages.at(-1))).toContain('Subscribe to Audio');
  });

  it('an answer that fits is the one message it always was', () => {
    const reply = digestLike(3);
    expect(renderSlackReplies(reply)).toEqual([renderSlackReply(reply)]);
  });
});

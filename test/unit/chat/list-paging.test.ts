/**
 * Long lists' pages: what a page button carries (within Discord's 100-character custom_id and
 * Slack's value), the words read as the filter reads them, the typed "page 3", and a page past the
 * end shown as the last. The walk through pages on both platforms is in
 * test/integration/list-paging-chat.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { listPage, PAGE_FILTER_CHARS, pageFilter } from '../../../src/chat/commands/handlers/paging.js';
import { subscriptions } from '../../../src/chat/commands/handlers/subscriptions.js';
import { decodeCustomId, encodeCustomId } from '../../../src/chat/discord/commands/custom-ids.js';
import { slackButton } from '../../../src/chat/slack/block-kit.js';
import { parsePageValue } from '../../../src/chat/slack/actions/index.js';
import { parseCommandOptions, parseCommandText } from '../../../src/chat/commands/parse.js';
import type { ChatActor, CommandServices } from '../../../src/chat/commands/services.js';
import type { PressedButton } from '../../../src/chat/commands/actions.js';

const actor: ChatActor = { platform: 'discord', userId: 'discord:1', channelId: null, mayManageChannel: async () => false };

describe('list pages', () => {
  it('carries the words as typed (page 2 says “Speech Codec”, not “speech codec”), spaces collapsed', () => {
    expect(pageFilter('Speech  Codec')).toBe('Speech Codec');
    expect(pageFilter('Graph  GRAPHS graph network  net')).toBe('Graph GRAPHS graph network net');
    expect(pageFilter(undefined)).toBe('');
  });

  it('words too long to carry as typed are carried as the filter reads them, in fewer characters, in the case typed', () => {
    const typed = `Graph GRAPHS graph Network net ${'Speech '.repeat(12)}`;
    expect(typed.trim().length).toBeGreaterThan(PAGE_FILTER_CHARS);
    expect(pageFilter(typed)).toBe('GRAPHS Network Speech');
  });

  it('clamps the page to those there are: a list that shrank shows its last page', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `• topic ${i}`);
    expect(listPage(lines, 99, 20)).toEqual({ page: 3, pages: 3, start: 40, end: 50 });
    expect(listPage(lines, 0, 20)).toMatchObject({ page: 1, start: 0, end: 20 });
    expect(listPage([], 5)).toEqual({ page: 1, pages: 1, start: 0, end: 0 });
    // A line longer than a page still makes one: paging never stops short.
    expect(listPage(['x'.repeat(5000), '• b'], 2)).toMatchObject({ page: 2, pages: 2, start: 1, end: 2 });
  });

  it('a page button round-trips on both platforms with the longest words it carries', () => {
    const words = 'w'.repeat(PAGE_FILTER_CHARS);
    const pressed: PressedButton = { kind: 'page', list: 'channel-list', page: 9999, filter: words };
    const id = encodeCustomId(pressed);
    expect(id!.length).toBeLessThanOrEqual(100);
    expect(decodeCustomId(id!)).toEqual(pressed);
    const slack = slackButton({ label: 'Next ›', action: pressed })!;
    expect(slack.action_id.length).toBeLessThanOrEqual(255);
    expect(parsePageValue(slack.value)).toEqual(pressed);
    expect(decodeCustomId('pg:s:2:')).toEqual({ kind: 'page', list: 'subscriptions', page: 2 });
  });

  it('typed: a trailing "page N" is the page, on Slack and in Discord\'s words option', () => {
    expect(parseCommandText('subscriptions page 3')).toMatchObject({ status: 'ok', command: { kind: 'subscriptions', page: 3 } });
    expect(parseCommandText('topics audio Page 2')).toMatchObject({ status: 'ok', command: { kind: 'topics', filter: 'audio', page: 2 } });
    expect(parseCommandText('channel list speech page 4')).toMatchObject({ status: 'ok', command: { kind: 'channel-list', filter: 'speech', page: 4 } });
    expect(parseCommandOptions(null, 'subscriptions', { words: 'codec page 2' })).toMatchObject({ status: 'ok', command: { kind: 'subscriptions', filter: 'codec', page: 2 } });
    // Only a trailing page number is a page: "page" among the words is a word.
    expect(parseCommandText('topics page layout')).toMatchObject({ status: 'ok', command: { kind: 'topics', filter: 'page layout' } });
    expect((parseCommandText('topics page layout') as { command: object }).command).not.toHaveProperty('page');
  });

  it('typed: any page number is a page (one past the end shows the last page), zero or below the first', () => {
    expect(parseCommandText('subscriptions page 99999999999')).toEqual({ status: 'ok', command: { kind: 'subscriptions', page: 99999999999 } });
    expect(parseCommandText('topics audio page 12345')).toEqual({ status: 'ok', command: { kind: 'topics', filter: 'audio', page: 12345 } });
    expect(parseCommandText('subscriptions page -1')).toEqual({ status: 'ok', command: { kind: 'subscriptions', page: 1 } });
    expect(parseCommandText('channel list page 0')).toEqual({ status: 'ok', command: { kind: 'channel-list', page: 1 } });
    expect(listPage(['a', 'b'], 99999999999, 1)).toMatchObject({ page: 2, pages: 2 });
  });

  it('words too long for a page button: no page buttons, and the reply says how to type the next page', async () => {
    const words = Array.from({ length: 12 }, (_, i) => `longword${String.fromCharCode(97 + i)}x`).join(' ');
    expect(pageFilter(words).length).toBeGreaterThan(PAGE_FILTER_CHARS);
    const subs = Array.from({ length: 30 }, (_, i) => ({ topic: { slug: `t-${i}`, name: `Topic ${i}`, description: words }, createdAt: new Date() }));
    const services = { channelInfo: async () => ({ subscriptions: subs, schedule: null }) } as unknown as CommandServices;
    const reply = await subscriptions({ filter: words }, actor, { services });
    const buttons = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(buttons.filter((b) => b.action.kind === 'page')).toEqual([]);
    expect(buttons).toHaveLength(20);
    expect(reply.text).toContain('Add “page 2” to the command for the next ones.');
    const second = await subscriptions({ filter: words, page: 2 }, actor, { services });
    expect(second.text).toContain('(page 2 of 2)');
    expect(second.text).toContain('“page 1” in the command shows the ones before.');
  });
});

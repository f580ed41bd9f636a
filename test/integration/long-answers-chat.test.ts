/**
 * An answer with more papers than one message holds (a digest preview of 12 on Discord, where a
 * message shows five papers with their buttons; 100 on Slack) said "Showing 5 of 12" and the rest
 * were never sent. They now come in the messages after it, over the platforms' real paths: Discord
 * follow-ups (`POST /webhooks/{app}/{token}`), Slack's response_url again, within its five uses.
 * The platforms' refusals are played too: a token past its 15 minutes ends the answer there.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startChatHarness, RESPONSE_URL_USES, type ChatHarness, type DiscordOption } from '../helpers/chat-harness.js';
import type { Stores } from '../../src/core/ports.js';

const DISCORD_USER = '123456789012345678';
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}.${String(10000 + i)}`);

async function seedPapers(stores: Stores): Promise<void> {
  const at = new Date(Date.now() - 3_600_000);
  const papers = (prefix: string, n: number, author: string) =>
    ids(prefix, n).map((arxivId, i) => ({ arxivId, source: 'arxiv' as const, title: `${author} paper ${i} on ${'long words '.repeat(20)}`, abstract: 'About engines.', authors: [author], publishedAt: at }));
  await stores.papers.upsertMany([...papers('2611', 100, 'Ada Lovelace'), ...papers('2612', 12, 'Alan Turing')], at);
}

const follow = (name: string): DiscordOption[] => [{ type: 2, name: 'follow', options: [{ type: 1, name: 'author', options: [{ type: 3, name: 'name', value: name }] }] }];
const digest: DiscordOption[] = [{ type: 1, name: 'digest', options: [] }];
const discordIds = (m: Record<string, unknown>) => (m.embeds as Array<{ footer: { text: string } }>).map((e) => e.footer.text.split(' · ')[0]);
const slackIds = (m: Record<string, unknown>) => (m.blocks as Array<{ type: string; text?: { text: string } }>).flatMap((b) => (b.type === 'section' ? [...b.text!.text.matchAll(/arxiv\.org\/abs\/([\d.]+)/g)].map((x) => x[1]!) : []));

describe('answers longer than one message', () => {
  let chat: ChatHarness;
  beforeAll(async () => {
    chat = await startChatHarness({ env: { PAPERBOY_DIGEST_MAX_PAPERS: '100' }, seed: seedPapers });
  });
  afterAll(async () => {
    await chat?.close();
  });

  it('Discord: a digest preview of 12 comes as the answer and two follow-ups, every paper once with its buttons', async () => {
    expect(await chat.discord(follow('Alan Turing'), '0', { dm: true, userId: DISCORD_USER })).toContain('You follow Alan Turing');
    const first = JSON.parse(await chat.discord(digest, '0', { dm: true, userId: DISCORD_USER })) as Record<string, unknown>;
    expect(first.content).not.toContain('Showing');
    const messages = await chat.answerMessages(3);
    expect(messages[0]).toEqual(first);
    expect(messages.flatMap(discordIds).sort()).toEqual(ids('2612', 12));
    for (const m of messages.slice(1)) {
      // Follow-ups are their own messages: ephemeral as the answer, no pings.
      expect(m.flags).toBe(64);
      expect(m.allowed_mentions).toEqual({ parse: [] });
    }
    for (const m of messages) expect((m.components as unknown[]).length).toBe((m.embeds as unknown[]).length);
    expect(messages[1]!.content).toContain('Papers 6–10 of 12, continued.');
    expect(chat.refused).toEqual([]);
  });

  it(`Slack: a digest preview of 100 comes over more posts to the response_url, within its ${RESPONSE_URL_USES} uses, every paper once`, async () => {
    expect(await chat.slack('follow author "Ada Lovelace"', 'U0ADA', 'D0ADA')).toContain('You follow Ada Lovelace');
    await chat.slack('digest', 'U0ADA', 'D0ADA');
    const messages = await vi.waitFor(async () => {
      const sofar = await chat.answerMessages(1);
      expect(sofar.flatMap(slackIds)).toHaveLength(100);
      return sofar;
    });
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThanOrEqual(RESPONSE_URL_USES);
    expect(messages.flatMap(slackIds).sort()).toEqual(ids('2611', 100));
    expect(JSON.stringify(messages)).not.toContain('Showing');
    expect(JSON.stringify(messages[1])).toMatch(/Papers \d+–\d+ of 100, continued\./);
    for (const m of messages) expect(m.response_type).toBe('ephemeral');
    expect(chat.refused).toEqual([]);
    expect(chat.hookRefusals).toEqual([]);
  });
});

describe('an answer whose interaction token runs out partway', () => {
  let chat: ChatHarness;
  beforeAll(async () => {
    // Ten minutes pass with each message the platform takes: the third comes 20 minutes in.
    chat = await startChatHarness({ env: { PAPERBOY_DIGEST_MAX_PAPERS: '100' }, seed: seedPapers, hookMinutesPerMessage: 10 });
  });
  afterAll(async () => {
    await chat?.close();
  });

  it('stops at the first refused follow-up instead of trying each one left', async () => {
    await chat.discord(follow('Ada Lovelace'), '0', { dm: true, userId: DISCORD_USER });
    await chat.discord(digest, '0', { dm: true, userId: DISCORD_USER });
    const delivered = await chat.answerMessages(2);
    await vi.waitFor(() => expect(chat.hookRefusals.length).toBeGreaterThan(0));
    const refusedKey = chat.hookRefusals[0]!.key;
    // Another answer round trip: a loop that went on would have met more refusals by then.
    await chat.discord(follow('Alan Turing'), '0', { dm: true, userId: DISCORD_USER });
    expect(chat.hookRefusals.filter((r) => r.key === refusedKey)).toEqual([{ key: refusedKey, why: 'Invalid Webhook Token' }]);
    expect(new Set(delivered.flatMap(discordIds)).size).toBe(10);
  });
});

describe('an answer whose interaction token runs out partway, with a bot token to open DMs', () => {
  const env = { PAPERBOY_DIGEST_MAX_PAPERS: '100', DISCORD_TOKEN: 'discord-test-token', DISCORD_APPLICATION_ID: '42' };

  it('the rest comes to the person\'s DM, led by what it continues, every paper once', async () => {
    const chat = await startChatHarness({ env, discordBotName: 'paperboy', seed: seedPapers, hookMinutesPerMessage: 10 });
    try {
      await chat.discord(follow('Ada Lovelace'), '0', { userId: DISCORD_USER });
      await chat.discord(digest, '0', { userId: DISCORD_USER });
      const delivered = await chat.answerMessages(2);
      await vi.waitFor(() => expect(chat.hookRefusals).toHaveLength(1));
      await vi.waitFor(() => expect(chat.discordDms.length).toBeGreaterThan(1));
      const [note, ...rest] = chat.discordDms.map((d) => d.body);
      expect(note!.content).toContain('This continues your answer to `/papers digest`');
      expect(note!.allowed_mentions).toEqual({ parse: [] });
      for (const m of rest) expect(m.flags).toBeUndefined();
      const shown = [...delivered, ...rest].flatMap(discordIds);
      expect(new Set(shown).size).toBe(shown.length);
      expect(rest.flatMap(discordIds).length).toBeGreaterThan(0);
      // The answer's messages are five at most, the DM'd ones among them.
      expect(delivered.length + rest.length).toBeLessThanOrEqual(RESPONSE_URL_USES);
      expect(new Set(chat.discordDms.map((d) => d.channelId)).size).toBe(1);
      expect(chat.refused).toEqual([]);
    } finally {
      await chat.close();
    }
  });

  it('with the person\'s DMs closed, the loss is logged once with what was asked', async () => {
    const lines: Array<{ fields: Record<string, unknown>; msg: string }> = [];
    const log = (fields: object | string, msg?: string) => void lines.push({ fields: typeof fields === 'string' ? {} : (fields as Record<string, unknown>), msg: msg ?? String(fields) });
    const chat = await startChatHarness({ env, discordBotName: 'paperboy', seed: seedPapers, hookMinutesPerMessage: 10, discordDmsClosed: true, logger: { info: log, warn: log, error: log, debug: log } });
    try {
      await chat.discord(follow('Ada Lovelace'), '0', { userId: DISCORD_USER });
      await chat.discord(digest, '0', { userId: DISCORD_USER });
      await vi.waitFor(() => expect(lines.filter((l) => /answer was lost/.test(l.msg))).toHaveLength(1));
      const lost = lines.find((l) => /answer was lost/.test(l.msg))!;
      expect(lost.fields).toMatchObject({ asked: '/papers digest', err: expect.stringContaining('Invalid Webhook Token'), dm: expect.stringContaining('Invalid Recipient') });
      expect(chat.discordDms).toEqual([]);
    } finally {
      await chat.close();
    }
  });
});

/**
 * An emoji in a topic typed in chat: Slack sends it as its code (`:rocket:`), Discord as the
 * emoji itself (🚀). Both name the same topic, named and matched by its words alone: the code is
 * no word "rocket" to look for in papers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';
import { freeTextTopic } from '../../src/core/topics/topic-service.js';

let chat: ChatHarness;

beforeAll(async () => {
  chat = await startChatHarness();
});

afterAll(async () => {
  await chat?.close();
});

const discordSubscribe = (topic: string, userId: string) => chat.discord([{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: topic }] }], '0', { dm: true, userId });
const slugs = async () => (await chat.app.stores.topics.list()).map((t) => t.slug);

describe('emoji in topic names from Slack and Discord', () => {
  it('“🚀 agents” from Discord and “:rocket: agents” from Slack are one topic, “agents”, with no word “rocket”', async () => {
    // The emoji is no part of the name either, as on the command line (emoji-topic-cli.test.ts).
    expect(await discordSubscribe('🚀 agents', '101010101010101010')).toContain('You will get “agents”');
    expect(await chat.slack('subscribe :rocket: agents', 'U0BOB', 'D0BOB')).toContain('You will get “agents”');
    // A skin tone is a second code run together with the first.
    expect(await chat.slack('unsubscribe :wave::skin-tone-3: agents', 'U0BOB', 'D0BOB')).toContain('“agents”');
    expect((await slugs()).filter((s) => /agents|rocket|wave/.test(s))).toEqual(['agents']);
  });

  it('a topic stored with its emoji by an earlier release is found by the name it shows and by its words', async () => {
    await chat.app.stores.topics.add(freeTextTopic('🧠 world memory', new Date('2026-11-01T00:00:00Z'), 'slack:U0OLD', 'world-memory'));
    expect(await chat.slack('subscribe :brain: world memory', 'U0BOB', 'D0BOB')).toContain('You will get “🧠 world memory”');
    expect(await discordSubscribe('world memory', '101010101010101010')).toContain('You will get “🧠 world memory”');
    expect((await slugs()).filter((s) => /memory|brain/.test(s))).toEqual(['world-memory']);
  });

  it('an emoji alone names no topic, on either platform', async () => {
    const slack = await chat.slack('subscribe :rocket:', 'U0BOB', 'D0BOB');
    expect(slack).toContain('needs at least one letter or digit');
    expect(await discordSubscribe('🚀', '101010101010101010')).toContain('needs at least one letter or digit');
    expect(await slugs()).not.toContain('rocket');
  });

  it('a search for “:fire: agents” looks for agents, not fire; a quoted “:memory:” stays text', async () => {
    // The answer names the words searched (core/search/empty-hints.ts noMatchText), quoted in JSON here.
    const answer = await chat.slack('search :fire: agents', 'U0BOB', 'D0BOB');
    expect(answer).toContain('No papers match \\"agents\\"');
    expect(answer).not.toContain('fire');
    // Quoted, it is searched: its word is among those the answer names.
    expect(await chat.slack('search ":memory:" sqlite', 'U0BOB', 'D0BOB')).toContain('No papers match \\"memory\\" \\"sqlite\\"');
    expect(chat.refused).toEqual([]);
  });
});

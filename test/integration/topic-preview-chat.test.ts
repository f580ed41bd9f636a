/**
 * Issue 10 in chat, as people meet it, over both platforms' real signed HTTP paths: a phrase
 * narrower than a built-in topic is a topic of its own unless the person picks the built-in
 * (then the built-in is what they follow, not both); a channel is told how to pick it; marks on
 * a preview teach the topic they were given on and no other, whoever gives them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedBuiltinTopics } from '../../src/core/topics/builtin.js';
import { startChatHarness, type ChatHarness, type DiscordOption } from '../helpers/chat-harness.js';

let chat: ChatHarness;
const now = Date.now();
const paper = (n: number, title: string, abstract: string) => ({ arxivId: `2612.0000${n}`, source: 'file' as const, title, abstract, publishedAt: new Date(now - n * 3_600_000) });

beforeAll(async () => {
  chat = await startChatHarness({
    env: { SLACK_CHANNEL_MANAGERS: 'U0ADA' },
    seed: async (stores) => {
      await seedBuiltinTopics(stores.topics, new Date());
      await stores.papers.upsertMany(
        [
          paper(1, 'KV cache compression for long-context LLM inference', 'We compress the key-value cache of transformers by quantization and eviction, reducing memory for long context.'),
          paper(2, 'Token merging for vision transformers', 'We merge redundant visual tokens to reduce compute in ViTs.'),
          paper(3, 'Quantizing the KV cache to 2 bits', 'Key-value cache quantization reduces memory of LLM serving.'),
          paper(4, 'Prompt compression with small models', 'We compress prompts to reduce context length of language models.'),
        ],
        new Date(),
      );
    },
  });
});
afterAll(async () => {
  await chat?.close();
});
afterEach(() => {
  expect(chat.refused).toEqual([]);
});

const followed = async (subscriber: string) => (await chat.app.stores.subscriptions.list({ subscriber })).map((s) => s.topicSlug).sort();
const subscribe = (topic: string): DiscordOption[] => [{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: topic }] }];
/** The buttons of a Slack answer, as [action_id, value]. */
const slackButtons = (answer: string) =>
  (JSON.parse(answer) as { blocks: Array<{ type: string; elements?: Array<{ action_id: string; value?: string }> }> }).blocks.flatMap((b) => (b.type === 'actions' ? b.elements! : [])).map((e) => [e.action_id, e.value ?? ''] as const);
const discordIds = (answer: string) => (JSON.parse(answer) as { components: Array<{ components: Array<{ custom_id?: string }> }> }).components.flatMap((r) => r.components).flatMap((c) => (c.custom_id ? [c.custom_id] : []));

describe('a phrase narrower than a built-in topic', () => {
  it('Slack: the built-in picked from the reply is followed instead of the phrase, not beside it', async () => {
    const reply = await chat.slack('subscribe KV cache compression', 'U0PICK1', 'D0PICK1');
    expect(reply).toContain('narrower than the built-in topic “token compression”');
    expect(await followed('slack:U0PICK1')).toEqual(['kv-cache-compression']);
    const pick = slackButtons(reply).find(([id]) => id.startsWith('topic_subscribe:token-compression'));
    expect(pick).toBeDefined();
    const answer = await chat.slackButton(pick![0], pick![1], 'U0PICK1', 'D0PICK1');
    expect(await followed('slack:U0PICK1')).toEqual(['token-compression']);
    expect(answer).toContain('instead of “KV cache compression”');
  });

  it('Discord: the same, through the button\'s custom_id', async () => {
    const user = '212121212121212121';
    const reply = await chat.discord(subscribe('KV cache compression'), '16', { dm: true, userId: user });
    const pick = discordIds(reply).find((id) => id.startsWith('sub:token-compression'));
    expect(pick).toBeDefined();
    expect(pick!.length).toBeLessThanOrEqual(100);
    const answer = await chat.discordButton(pick!, { dm: true, userId: user });
    expect(await followed(`discord:${user}`)).toEqual(['token-compression']);
    expect(answer).toContain('instead of “KV cache compression”');
  });

  it('a channel is told how to follow the built-in instead, as the platform takes the command', async () => {
    const slack = await chat.slack('channel subscribe KV cache compression', 'U0ADA', 'C0PICK1');
    expect(slack).toContain('/papers channel subscribe token compression');
    expect(slack).toContain('/papers channel unsubscribe KV cache compression');
    expect(slack).not.toContain('your marks');
    const discord = await chat.discord([{ type: 2, name: 'channel', options: [{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: 'KV cache compression' }] }] }]);
    expect(discord).toContain('/papers channel subscribe topic:token compression');
  });
});

describe('marks on a preview', () => {
  it('teach only the topic they were given on, whoever of its followers gives them', async () => {
    await chat.slack('subscribe KV cache compression', 'U0MARK1', 'D0MARK1');
    await chat.slack('subscribe token compression', 'U0MARK2', 'D0MARK2');
    // A second person typing the same words joins the same topic, and is told so.
    const others = (await chat.app.stores.subscriptions.list({ topicSlug: 'kv-cache-compression' })).length;
    expect(others).toBeGreaterThan(1);
    const joined = await chat.discord(subscribe('kv cache compression'), '16', { dm: true, userId: '343434343434343434' });
    expect(joined).toContain(`${others} other people or channels follow “KV cache compression” too: 👍/👎 on it teach it for everyone who follows it.`);
    const second = await chat.slack('subscribe "a phrase typed twice"', 'U0MARK1', 'D0MARK1');
    expect(second).not.toContain('too: 👍/👎');
    expect(await chat.slack('subscribe a phrase typed twice', 'U0MARK2', 'D0MARK2')).toContain('One other person or channel follows “a phrase typed twice” too');
    const down = await chat.discordButton('fb:down:kv-cache-compression:2612.00004', { dm: true, userId: '343434343434343434' });
    expect(down).toContain('will rank papers like this lower, for everyone who follows it');
    await chat.slackButton('feedback_up', 'kv-cache-compression|2612.00001', 'U0MARK1', 'D0MARK1');
    expect((await chat.app.stores.feedback.forTopic('kv-cache-compression')).map((m) => [m.actor, m.arxivId, m.verdict]).sort()).toEqual([
      ['discord:343434343434343434', '2612.00004', 'down'],
      ['slack:U0MARK1', '2612.00001', 'up'],
    ]);
    expect(await chat.app.stores.feedback.forTopic('token-compression')).toEqual([]);
    // The built-in still previews the paper the narrower topic was told is not for it.
    const builtin = await chat.slack('subscribe token compression', 'U0MARK3', 'D0MARK3');
    expect(builtin).toContain('Prompt compression with small models');
  });
});

describe('a topic removed after its preview was shown', () => {
  it('a mark on it is refused plainly, and its Undo says the marks went with the topic', async () => {
    await chat.slack('subscribe "graph things soon removed"', 'U0GONE1', 'D0GONE1');
    expect(await chat.slackButton('feedback_up', 'graph-things-soon-removed|2612.00001', 'U0GONE1', 'D0GONE1')).toContain('Thanks');
    await chat.app.topics.topics.remove('graph-things-soon-removed');
    expect(await chat.discordButton('fb:down:graph-things-soon-removed:2612.00002', { dm: true })).toContain('That topic no longer exists, so the feedback was not kept.');
    const undo = await chat.slackButton('feedback_clear', 'graph-things-soon-removed|2612.00001', 'U0GONE1', 'D0GONE1');
    expect(undo).toContain('That topic no longer exists: its marks, yours too, went with it.');
  });
});

describe('a topic removed after a message offered it', () => {
  it('its Subscribe and Unsubscribe buttons say the topic is gone, not that a slug is no topic', async () => {
    await chat.slack('subscribe "lattice things soon removed"', 'U0GONE2', 'D0GONE2');
    await chat.app.topics.topics.remove('lattice-things-soon-removed');
    const follow = await chat.discordButton('sub:lattice-things-soon-removed', { dm: true });
    expect(follow).toContain('That topic no longer exists, so it cannot be followed.');
    expect(follow).not.toContain('lattice-things-soon-removed');
    const leave = await chat.slackButton('topic_unsubscribe:lattice-things-soon-removed', 'lattice-things-soon-removed', 'U0GONE2', 'D0GONE2');
    expect(leave).toContain('That topic no longer exists: removing it ended every subscription to it, yours too.');
  });
});

describe('the same paper marked twice', () => {
  it('the same mark again changes nothing; the other mark replaces the first, and the answer says so', async () => {
    await chat.slack('subscribe "cache eviction twice marked"', 'U0TWICE', 'D0TWICE');
    const press = (action: string) => chat.slackButton(action, 'cache-eviction-twice-marked|2612.00003', 'U0TWICE', 'D0TWICE');
    expect(await press('feedback_up')).toContain('Thanks');
    expect(await press('feedback_up')).toContain('You had marked this paper 👍 for “cache eviction twice marked” already; it stays so.');
    expect(await press('feedback_down')).toContain('Your 👍 on this paper is now 👎: “cache eviction twice marked” will rank papers like this lower');
    expect((await chat.app.stores.feedback.forTopic('cache-eviction-twice-marked')).map((m) => m.verdict)).toEqual(['down']);
    const discord = (id: string) => chat.discordButton(id, { dm: true, userId: '454545454545454545' });
    expect(await discord('fb:down:cache-eviction-twice-marked:2612.00003')).toContain('Thanks');
    expect(await discord('fb:up:cache-eviction-twice-marked:2612.00003')).toContain('Your 👎 on this paper is now 👍');
  });
});

describe('subscribing for oneself from a channel', () => {
  it("says the digest comes by direct message, and how this channel's would get it", async () => {
    const slack = await chat.slack('subscribe "sparse attention kernels"', 'U0CHAN1', 'C0CHAN1');
    expect(slack).toContain("That is your own digest, sent to you by direct message; for this channel's: /papers channel subscribe sparse attention kernels");
    const discord = await chat.discord(subscribe('sparse attention kernels'), '0', { userId: '565656565656565656' });
    expect(discord).toContain("for this channel's: /papers channel subscribe topic:sparse attention kernels");
    // In the direct message itself there is nothing to tell apart.
    expect(await chat.slack('subscribe "sparse attention kernels"', 'U0CHAN2', 'D0CHAN2')).not.toContain('by direct message');
  });
});

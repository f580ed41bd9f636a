/**
 * "Subscribe to <topic>" under a search, pressed in a channel, says what the command says there:
 * it is the presser's own digest, by direct message, not the channel's.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedBuiltinTopics } from '../../src/core/topics/builtin.js';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;

beforeAll(async () => {
  chat = await startChatHarness({
    seed: async (stores) => {
      await seedBuiltinTopics(stores.topics, new Date());
      for (const subscriber of ['slack:C0001', 'discord:555555555555555555']) {
        await stores.subscriptions.add({ subscriber, kind: 'channel', topicSlug: 'speculative-decoding', minScore: null, maxPapers: null, createdBy: subscriber, createdAt: new Date() });
      }
    },
  });
});
afterAll(async () => {
  await chat?.close();
});
afterEach(() => {
  expect(chat.refused).toEqual([]);
});

describe('the Subscribe button pressed in a channel', () => {
  it('Slack: says the digest is the presser\'s own, by DM, and how the channel gets it', async () => {
    const answer = await chat.slackButton('topic_subscribe:token-compression', 'token-compression', 'U0CHAN', 'C0001');
    expect(answer).toContain('You will get “token compression”');
    expect(answer).toContain('That is your own digest, sent to you by direct message; for this channel\'s: /papers channel subscribe token compression');
  });

  it('Discord: the same, in Discord\'s syntax', async () => {
    const answer = await chat.discordButton('sub:token-compression', { userId: '313131313131313131' });
    expect(answer).toContain('That is your own digest, sent to you by direct message; for this channel\'s: /papers channel subscribe topic:token compression');
  });

  it('in a DM it says nothing of channels', async () => {
    const answer = await chat.slackButton('topic_subscribe:token-compression', 'token-compression', 'U0DM', 'D0DM');
    expect(answer).toContain('You will get “token compression”');
    expect(answer).not.toContain('direct message');
  });
});

describe('unsubscribe in a channel from a topic the channel follows, not the person', () => {
  it('Slack: says the channel follows it, and the channel command', async () => {
    const answer = await chat.slack('unsubscribe speculative decoding', 'U0NOTME', 'C0001');
    expect(answer).toContain("You don't follow “speculative decoding”");
    expect(answer).toContain('This channel does: `/papers channel unsubscribe speculative decoding` (channel managers).');
    // In a DM, or where the channel does not follow it either, nothing of channels.
    expect(await chat.slack('unsubscribe speculative decoding', 'U0NOTME', 'D0NOTME')).not.toContain('channel');
    expect(await chat.slack('unsubscribe token compression', 'U0NOTME', 'C0001')).not.toContain('channel');
  });

  it('Discord: the same, in Discord\'s syntax', async () => {
    const answer = await chat.discord([{ type: 1, name: 'unsubscribe', options: [{ type: 3, name: 'topic', value: 'speculative decoding' }] }], '0', { userId: '323232323232323232' });
    expect(answer).toContain('This channel does: `/papers channel unsubscribe topic:speculative decoding` (channel managers).');
  });
});

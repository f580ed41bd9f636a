/**
 * "Subscribe to <topic>" under a search, pressed in a channel, says what the command says there:
 * it is the presser's own digest, by direct message, not the channel's.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedBuiltinTopics } from '../../src/core/topics/builtin.js';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;

beforeAll(async () => {
  chat = await startChatHarness({ seed: async (stores) => void (await seedBuiltinTopics(stores.topics, new Date())) });
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

/**
 * A busy channel, over the real signed HTTP paths into Bolt (the harness): many people, or one
 * person many times, running `/papers` at once. What the bot asks of Slack for each command must
 * not grow with the crowd past what Slack's limits allow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;
const userInfoCalls: string[] = [];
beforeAll(async () => {
  chat = await startChatHarness({
    slackApi: {
      'users.info': (args: Record<string, string>) => {
        userInfoCalls.push(args.user!);
        return { ok: true, user: { id: args.user, is_admin: args.user === 'U0ADMIN', is_owner: false, is_primary_owner: false, deleted: false } };
      },
    },
  });
});
afterAll(async () => {
  await chat?.close();
});

describe('Slack: the channel-manager check in a burst of commands', () => {
  it('costs one users.info per person, however many of their commands arrive at once (Tier 4: 100 a minute)', async () => {
    // A manager setting up the channel in a hurry, and a member trying the same commands.
    const texts = ['channel schedule 09:00', 'channel threads on', 'channel language de', 'channel subscribe audio codecs', 'channel unsubscribe audio codecs', 'channel schedule 10:00'];
    const answers = await Promise.all([...texts.map((t) => chat.slack(t, 'U0ADMIN')), ...texts.map((t) => chat.slack(t, 'U0MEMBER'))]);
    expect(chat.refused).toEqual([]);
    for (const a of answers.slice(texts.length)) expect(a).toContain('manage');
    expect(userInfoCalls.filter((u) => u === 'U0ADMIN')).toHaveLength(1);
    expect(userInfoCalls.filter((u) => u === 'U0MEMBER')).toHaveLength(1);
  });
});

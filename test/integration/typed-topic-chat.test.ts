/**
 * A topic typed with a slip in chat: "mixture of expers" is asked about as "speculatve decoding"
 * is, on Slack and on Discord, over their real HTTP paths; an inflection of a starter topic's
 * name subscribes to it. (The slip once resolved to "mixture of experts" silently: its initials
 * are MoE's, an alias of that topic.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBuiltinTopics } from '../../src/core/topics/builtin.js';
import { startChatHarness, type ChatHarness, type DiscordOption } from '../helpers/chat-harness.js';

let chat: ChatHarness;

beforeAll(async () => {
  // The starter catalog, as every database the service opens has it.
  chat = await startChatHarness({ seed: (stores) => seedBuiltinTopics(stores.topics, new Date()).then(() => undefined) });
});

afterAll(async () => {
  await chat?.close();
});

const subscribe = (topic: string): DiscordOption[] => [{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: topic }] }];
const followed = async (subscriber: string) => (await chat.app.stores.subscriptions.list({ subscriber })).map((s) => s.topicSlug);

describe('a starter topic typed with a slip, in chat', () => {
  it('Discord asks about "mixture of expers" as it asks about "speculatve decoding", and subscribes to nothing', async () => {
    for (const [typed, meant] of [['mixture of expers', 'mixture-of-experts'], ['speculatve decoding', 'speculative-decoding']] as const) {
      const reply = await chat.discord(subscribe(typed), '16', { dm: true });
      expect(reply, typed).toContain(`There is no topic “${typed}” (to create it as typed, put it in quotes: /papers subscribe topic:\\"${typed}\\"). Did you mean:`);
      // The one topic meant, with its button: the built-in is taken only when picked.
      expect(reply.match(/"custom_id":"sub:[^"]*"/g), typed).toEqual([`"custom_id":"sub:${meant}"`]);
    }
    expect(await followed('discord:123456789012345678')).toEqual([]);
  });

  it('Slack asks the same; in quotes the words are a topic of their own, never the starter topic', async () => {
    const reply = await chat.slack('subscribe mixture of expers', 'U0TYPO');
    expect(reply).toContain('There is no topic “mixture of expers”');
    expect(reply).toContain('Did you mean: mixture of experts?');
    expect(await followed('slack:U0TYPO')).toEqual([]);
    await chat.slack('subscribe "mixture of expers"', 'U0TYPO');
    expect(await followed('slack:U0TYPO')).toEqual(['mixture-of-expers']);
  });

  it('an inflection of the name is the starter topic on both platforms', async () => {
    expect(await chat.discord(subscribe('mixtures of experts'), '16', { dm: true })).toContain('“mixture of experts”');
    expect(await followed('discord:123456789012345678')).toEqual(['mixture-of-experts']);
    expect(await chat.slack('subscribe Mixture-of-Expert', 'U0INFL')).toContain('“mixture of experts”');
    expect(await followed('slack:U0INFL')).toEqual(['mixture-of-experts']);
  });
});

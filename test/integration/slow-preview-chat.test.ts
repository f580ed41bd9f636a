/**
 * A subscription's preview that takes longer than a chat command may wait: the first topic
 * matched after a start builds the reference corpus, seconds on a few thousand papers. The
 * subscription is made either way, and the answer must say so, not that the database is down.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startChatHarness, type ChatHarness, type DiscordOption } from '../helpers/chat-harness.js';

let chat: ChatHarness;
beforeAll(async () => {
  // The service's own bound on a command (start-chat.ts's default).
  chat = await startChatHarness({ timeoutMs: 8000 });
  const forTopic = chat.app.previews.forTopic.bind(chat.app.previews);
  vi.spyOn(chat.app.previews, 'forTopic').mockImplementation(async (slug, opts) => {
    await new Promise((r) => setTimeout(r, 9000));
    return forTopic(slug, opts);
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await chat?.close();
});

const subscribe = (topic: string): DiscordOption[] => [{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: topic }] }];

describe('a preview slower than a command may wait', () => {
  it('Slack: the subscription is answered as made, and the preview named as not ready', async () => {
    // Past the command's 8 s bound the answer would be the "can't reach its database" apology.
    const answer = await chat.slack('subscribe low bitrate speech codecs', 'U0SLOW1', 'D0SLOW1');
    expect(answer).not.toContain("can't reach its database");
    expect(answer).toContain('You will get “low bitrate speech codecs” in your digest');
    expect(answer).toContain('/papers digest');
    expect((await chat.app.stores.subscriptions.list({ subscriber: 'slack:U0SLOW1' })).map((s) => s.topicSlug)).toEqual(['low-bitrate-speech-codecs']);
  }, 20_000);

  it('Discord: the same', async () => {
    const answer = await chat.discord(subscribe('low bitrate speech codecs'), '16', { dm: true });
    expect(answer).toContain('You will get “low bitrate speech codecs” in your digest');
    expect(answer).toContain('/papers digest');
  }, 20_000);
});

/**
 * A Slack button's answer that is late or that its response_url will not take, and an answer
 * that chat.postEphemeral will not take either, over the real signed HTTP path into Bolt (the
 * harness). A press is acknowledged empty, as a command is: Slack shows nothing more, so a slow
 * answer that comes as a message of its own is announced first; a page button redraws the
 * message pressed and is left so. What the response_url refuses goes by chat.postEphemeral; what
 * that refuses too is logged with what was lost and for whom.
 */
import { describe, expect, it, vi } from 'vitest';
import { seedBuiltinTopics } from '../../src/core/topics/builtin.js';
import type { Stores } from '../../src/core/ports.js';
import { slowUserInfo, startChatHarness } from '../helpers/chat-harness.js';
import { pinoLines } from '../helpers/text-sink.js';

/** The built-in topics, one of which the Subscribe buttons name. */
const seed = async (stores: Stores): Promise<void> => {
  await seedBuiltinTopics(stores.topics, new Date());
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Slack: a button whose answer is later than the progress threshold', () => {
  it('is announced once by "Still working on …" beside the message pressed, then answered', async () => {
    const chat = await startChatHarness({ slackProgressAfterMs: 100, slackApi: { 'users.info': slowUserInfo(600) } });
    try {
      // Removing from the channel's list asks Slack who manages the channel: slow here.
      const { path } = await chat.slackPress('paper_unsave', 'channel|2611.10000', 'U0SLOW', 'C0001', 'Remove');
      await vi.waitFor(() => expect(chat.slackPosts(path)).toHaveLength(2), { timeout: 15_000, interval: 20 });
      const [notice, answer] = chat.slackPosts(path);
      // Not replacing the message pressed: its other buttons stay usable.
      expect(notice).toEqual({ response_type: 'ephemeral', replace_original: false, text: 'Still working on “Remove”…' });
      expect(answer).toMatchObject({ replace_original: false });
      expect(JSON.stringify(answer)).toContain('2611.10000');
      expect(chat.slackNotices(path)).toHaveLength(1);
      expect(chat.refused).toEqual([]);
    } finally {
      await chat.close();
    }
  });

  it('a page button queued behind a slow one redraws its list in place, with no notice first', async () => {
    const chat = await startChatHarness({ concurrency: 1, slackProgressAfterMs: 100, slackApi: { 'users.info': slowUserInfo(600) } });
    try {
      const slow = chat.slackPress('paper_unsave', 'channel|2611.10000', 'U0SLOW', 'C0001', 'Remove');
      await sleep(20);
      const { path } = await chat.slackPress('list_page:topics:1', 'topics|1|', 'U0ADA', 'C0001', 'Next ›');
      await slow;
      await vi.waitFor(() => expect(chat.slackPosts(path)).toHaveLength(1), { timeout: 15_000, interval: 20 });
      await sleep(150);
      expect(chat.slackPosts(path)).toHaveLength(1);
      expect(chat.slackPosts(path)[0]).toMatchObject({ replace_original: true });
      expect(chat.slackNotices(path)).toEqual([]);
    } finally {
      await chat.close();
    }
  });
});

describe('Slack: a button whose response_url is rate limited past its own life', () => {
  it('the answer goes to the person by chat.postEphemeral, in the channel pressed in', async () => {
    const ephemeral: Array<Record<string, string>> = [];
    const chat = await startChatHarness({
      seed,
      rateLimitResponseUrl: 3600,
      slackApi: {
        'chat.postEphemeral': (args: Record<string, string>) => {
          ephemeral.push(args);
          return { ok: true, message_ts: '1.000001' };
        },
      },
    });
    try {
      await chat.slackPress('topic_subscribe:token-compression', 'token-compression', 'U0BTN', 'C0001', 'Subscribe');
      await vi.waitFor(() => expect(ephemeral).toHaveLength(1), { timeout: 15_000, interval: 20 });
      expect(ephemeral[0]).toMatchObject({ channel: 'C0001', user: 'U0BTN' });
      expect(ephemeral[0]!.text).toMatch(/You will get/);
      expect(await chat.app.stores.subscriptions.list({ subscriber: 'slack:U0BTN' })).toHaveLength(1);
    } finally {
      await chat.close();
    }
  });
});

describe('Slack: an answer neither the response_url nor chat.postEphemeral will take', () => {
  const refusingEphemeral = { 'chat.postEphemeral': { ok: false, error: 'user_not_in_channel' } };
  const lostLine = (lines: Array<Record<string, unknown>>) => lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('slack: an answer was lost'));

  it('a command: the log names the person, the channel, the command, what the answer said and Slack\'s refusal', async () => {
    const { logger, lines } = pinoLines();
    const chat = await startChatHarness({ logger, rateLimitResponseUrl: 3600, slackApi: refusingEphemeral });
    try {
      await chat.slackSend('subscribe audio codecs', 'U0LOST', 'C0001');
      await vi.waitFor(() => expect(lostLine(lines)).toBeDefined(), { timeout: 15_000, interval: 20 });
      const line = lostLine(lines)!;
      expect(line).toMatchObject({ level: 50, user: 'U0LOST', channel: 'C0001', command: 'subscribe audio codecs', lost: 1 });
      expect(String(line.err)).toContain('user_not_in_channel');
      // What the person never saw, so that an operator can tell them.
      expect(String(line.text)).toContain('You will get “audio codecs”');
      expect(await chat.app.stores.subscriptions.list({ subscriber: 'slack:U0LOST' })).toHaveLength(1);
    } finally {
      await chat.close();
    }
  });

  it('a button: the log names the person, the channel, the button pressed and what the answer said', async () => {
    const { logger, lines } = pinoLines();
    const chat = await startChatHarness({ seed, logger, rateLimitResponseUrl: 3600, slackApi: refusingEphemeral });
    try {
      await chat.slackPress('topic_subscribe:token-compression', 'token-compression', 'U0LOST', 'C0001', 'Subscribe');
      await vi.waitFor(() => expect(lostLine(lines)).toBeDefined(), { timeout: 15_000, interval: 20 });
      const line = lostLine(lines)!;
      expect(line).toMatchObject({ level: 50, user: 'U0LOST', channel: 'C0001', button: 'Subscribe', lost: 1 });
      expect(String(line.text)).toMatch(/You will get/);
    } finally {
      await chat.close();
    }
  });
});

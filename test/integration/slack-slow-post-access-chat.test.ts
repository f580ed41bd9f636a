/**
 * Slack slow to answer whether paperboy can post in a channel (conversations.history taking
 * longer than the answer waits for it, without a rate limit): the answer goes out without the
 * check and says so, and a refusal that arrives later follows as a second private message with
 * what to do; a check that finds all is well adds nothing. Over the real HTTP paths (the
 * harness), tier limits on.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { realSleep } from '../../src/core/sleep.js';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';
import { FULL_SCOPES } from '../helpers/fake-slack.js';

/** Longer than the 2 s the answer waits for the check after the command's work. */
const SLOW_MS = 3500;
const answered: string[] = [];

/** conversations.history as a slow Slack answers it, by whether the bot is in the channel. */
const slowHistory = async (args: Record<string, string>) => {
  await realSleep(SLOW_MS);
  answered.push(args.channel!);
  return args.channel === 'C0SLOWPRIV' ? { ok: false, error: 'channel_not_found' } : { ok: true, messages: [], has_more: false };
};

let chat: ChatHarness;
beforeAll(async () => {
  chat = await startChatHarness({ env: { SLACK_CHANNEL_MANAGERS: 'U0ADA' }, slackApi: { 'conversations.history': slowHistory }, slackScopes: FULL_SCOPES, slackBotName: 'lab-digest' });
});
afterAll(async () => {
  await chat?.close();
});

const isNotice = (m: Record<string, unknown>) => String(m.text).startsWith('Still working on ');
const answersOn = (path: string) => chat.slackPosts(path).filter((m) => !isNotice(m));
const LATE_LINE = 'paperboy could not check in time whether it can post the digest in this channel';

describe('Slack: the post-access check outlasts the answer', () => {
  it('the answer goes out saying the check is late; the refusal follows privately, with the invite', async () => {
    const { path } = await chat.slackSend('channel subscribe audio codecs', 'U0ADA', 'C0SLOWPRIV');
    const first = await vi.waitFor(() => answersOn(path)[0] ?? Promise.reject(new Error('no answer yet')), { timeout: 10_000, interval: 20 });
    expect(first.text).toContain('This channel will get');
    expect(first.text).toContain(LATE_LINE);
    expect(first.text).not.toMatch(/cannot post/);
    const late = await vi.waitFor(() => answersOn(path)[1] ?? Promise.reject(new Error('no second message yet')), { timeout: 10_000, interval: 20 });
    expect(late.response_type ?? 'ephemeral').toBe('ephemeral');
    expect(late.text).toContain('paperboy cannot post the digest in this channel yet');
    expect(late.text).toContain('channel_not_found');
    expect(late.text).toContain('/invite @lab-digest');
    // It names the command it answers: it comes seconds after the first.
    expect(late.text).toContain('channel subscribe audio codecs');
    expect((await chat.app.stores.subscriptions.list({ subscriber: 'slack:C0SLOWPRIV' })).map((s) => s.topicSlug)).toEqual(['audio-codecs']);
    expect(chat.refused).toEqual([]);
  });

  it('a late check that finds paperboy can post adds nothing after the answer', async () => {
    const { path } = await chat.slackSend('channel schedule 08:00', 'U0ADA', 'C0SLOWOK');
    const first = await vi.waitFor(() => answersOn(path)[0] ?? Promise.reject(new Error('no answer yet')), { timeout: 10_000, interval: 20 });
    expect(first.text).toContain(LATE_LINE);
    await vi.waitFor(() => expect(answered).toContain('C0SLOWOK'), { timeout: 10_000, interval: 20 });
    // Time for a message that should not come, had the bot sent one.
    await realSleep(500);
    expect(answersOn(path)).toHaveLength(1);
  });
});

/**
 * Slack answering 429 to a call a command makes (users.info for the channel-manager check) is
 * said to the person at once, as a rate limit, instead of being waited out past the command's
 * answer and then reported as a database outage; a response_url that fails once is tried again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;

beforeAll(async () => {
  chat = await startChatHarness({
    slackHttp: { 'users.info': { status: 429, headers: { 'retry-after': '20' }, body: { ok: false, error: 'ratelimited' } } },
  });
});

afterAll(async () => {
  await chat?.close();
});

it('a rate-limited manager check is answered at once, as what it is', async () => {
  // Waited out, the 20 s would outlast the command's 5 s and end in the catch-all apology.
  const reply = await chat.slack('channel subscribe audio codecs', 'U0BOB');
  expect(reply).toContain('could not check whether you may manage this channel');
  expect(reply).toContain('retry this request in 20 seconds');
  expect(reply).not.toContain('database');
  expect(await chat.app.stores.subscriptions.list({ subscriber: 'slack:C0001' })).toEqual([]);
});

describe('a response_url that fails for a moment', () => {
  it('rate limited (429), is tried again once Retry-After has passed, so a busy channel still gets its answers', async () => {
    // Tried on a fixed 0.5 s and 1.5 s, both within the 3 s Slack asked for, the answer was lost.
    const limited = await startChatHarness({ rateLimitResponseUrl: 3 });
    try {
      expect(await limited.slack('subscribe audio codecs')).toContain('You will get “audio codecs”');
    } finally {
      await limited.close();
    }
  });

  it('is tried again, so the person still gets the answer', async () => {
    const flaky = await startChatHarness({ failResponseUrl: 1 });
    try {
      expect(await flaky.slack('subscribe audio codecs')).toContain('You will get “audio codecs”');
    } finally {
      await flaky.close();
    }
  });
});

it('every channel command that checks the manager says a rate limit as such: threads and language too', async () => {
  for (const text of ['channel threads on', 'channel language de', 'channel schedule 09:00', 'channel unsubscribe audio codecs']) {
    const reply = await chat.slack(text, 'U0BOB');
    expect(reply, text).toContain('could not check whether you may manage this channel');
    expect(reply, text).not.toContain('database');
  }
});

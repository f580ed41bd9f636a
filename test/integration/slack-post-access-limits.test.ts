/**
 * Slack's "can paperboy post here" check at `channel subscribe` and the other channel commands
 * asks conversations.history, a Tier 3 method (50 calls a minute for the workspace, shared with
 * the digest's own history walks). In a busy workspace it met the limit and said nothing, as if
 * all were well. Now: a channel known to take posts is remembered for a while (a busy channel's
 * commands cost one call), a Retry-After of a second is waited out, and a longer one is said
 * plainly, with what to do if the channel is private. Over the real signed path, with the
 * harness's tier limits scaled down so that a test meets them in seconds.
 */
import { describe, expect, it } from 'vitest';
import { startChatHarness } from '../helpers/chat-harness.js';
import { FULL_SCOPES } from '../helpers/fake-slack.js';

/** conversations.history as Slack answers a bot token, counting the calls Slack let through. */
function history() {
  const asked: string[] = [];
  const answer = (args: Record<string, string>) => {
    asked.push(args.channel!);
    return args.channel === 'C0PRIVATE' ? { ok: false, error: 'channel_not_found' } : { ok: true, messages: [], has_more: false };
  };
  return { asked, answer };
}

const LIMITED = /could not check whether it can post the digest in this channel: Slack limited how often it may be asked/;

describe('Slack: the post-access check under conversations.history\'s rate limit', () => {
  it('a channel known to take posts is remembered: a busy channel\'s commands ask Slack once, and none meets the limit', async () => {
    const h = history();
    const chat = await startChatHarness({ env: { SLACK_CHANNEL_MANAGERS: 'U0ADA' }, slackApi: { 'conversations.history': h.answer }, slackScopes: FULL_SCOPES, slackTierScale: { calls: 2, windowMs: 60_000 } });
    try {
      for (const text of ['channel subscribe audio codecs', 'channel subscribe kv cache', 'channel schedule 08:00', 'channel threads on', 'channel language de']) {
        const reply = await chat.slack(text, 'U0ADA', 'C0001');
        expect(reply, text).not.toMatch(/could not check|invite/);
      }
      expect(h.asked).toEqual(['C0001']);
    } finally {
      await chat.close();
    }
  });

  it('a channel the bot cannot post in is asked again each time: once invited, the warning goes at once', async () => {
    const h = history();
    const chat = await startChatHarness({ env: { SLACK_CHANNEL_MANAGERS: 'U0ADA' }, slackApi: { 'conversations.history': h.answer }, slackScopes: FULL_SCOPES });
    try {
      expect(await chat.slack('channel subscribe audio codecs', 'U0ADA', 'C0PRIVATE')).toMatch(/not in this channel.*\/invite/s);
      expect(await chat.slack('channel schedule 08:00', 'U0ADA', 'C0PRIVATE')).toMatch(/not in this channel.*\/invite/s);
      expect(h.asked).toEqual(['C0PRIVATE', 'C0PRIVATE']);
    } finally {
      await chat.close();
    }
  });

  it('past the limit, the answer says plainly that Slack limited the check, with the invite in case the channel is private, and keeps the setting', async () => {
    const h = history();
    const chat = await startChatHarness({ env: { SLACK_CHANNEL_MANAGERS: 'U0ADA' }, slackApi: { 'conversations.history': h.answer }, slackScopes: FULL_SCOPES, slackBotName: 'lab-digest', slackTierScale: { calls: 2, windowMs: 60_000 } });
    try {
      for (const channel of ['C0A', 'C0B']) expect(await chat.slack('channel subscribe audio codecs', 'U0ADA', channel)).not.toMatch(/could not check/);
      const reply = await chat.slack('channel subscribe audio codecs', 'U0ADA', 'C0C');
      expect(reply).toContain('This channel will get');
      expect(reply).toMatch(LIMITED);
      expect(reply).toMatch(/If this is a private channel paperboy is not in, invite it with \/invite/);
      expect(reply).not.toContain('paperboy cannot post');
      expect((await chat.app.stores.subscriptions.list({ subscriber: 'slack:C0C' })).map((s) => s.topicSlug)).toEqual(['audio-codecs']);
      expect(chat.refused).toEqual([]);
    } finally {
      await chat.close();
    }
  });

  it('a Retry-After of a second is waited out and the check asked again: the answer is Slack\'s, not "limited"', async () => {
    const h = history();
    // One call a second: the second channel's check meets a 429 with Retry-After: 1.
    const chat = await startChatHarness({ env: { SLACK_CHANNEL_MANAGERS: 'U0ADA' }, slackApi: { 'conversations.history': h.answer }, slackScopes: FULL_SCOPES, slackTierScale: { calls: 1, windowMs: 1000 } });
    try {
      const first = chat.slack('channel subscribe audio codecs', 'U0ADA', 'C0001');
      const second = chat.slack('channel subscribe audio codecs', 'U0ADA', 'C0PRIVATE');
      expect(await first).not.toMatch(/could not check|invite/);
      const reply = await second;
      expect(reply).not.toMatch(/could not check/);
      expect(reply).toMatch(/not in this channel.*\/invite/s);
      expect([...h.asked].sort()).toEqual(['C0001', 'C0PRIVATE']);
    } finally {
      await chat.close();
    }
  });
});

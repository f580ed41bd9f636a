/**
 * A Slack command's answer that is late or that its response_url will not take, over the real
 * signed HTTP path into Bolt (the harness). Slack shows nothing after an empty ack, and in a busy
 * channel commands queue (8 run at once): an answer slower than the progress threshold is
 * announced by one "Still working on …", which takes one of the response_url's five uses, so the
 * answer keeps to four. A 429 whose Retry-After outlasts the response_url's 30 minutes no longer
 * loses the answer after three retries inside the wait: it goes by chat.postEphemeral at once.
 */
import { describe, expect, it, vi } from 'vitest';
import { startChatHarness, RESPONSE_URL_USES, slowUserInfo } from '../helpers/chat-harness.js';
import { checkBlocks } from '../helpers/fake-slack.js';
import type { Stores } from '../../src/core/ports.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ids = (n: number) => Array.from({ length: n }, (_, i) => `2611.${String(10000 + i)}`);
const slackIds = (m: Record<string, unknown>) => (m.blocks as Array<{ type: string; text?: { text: string } }>).flatMap((b) => (b.type === 'section' ? [...b.text!.text.matchAll(/arxiv\.org\/abs\/([\d.]+)/g)].map((x) => x[1]!) : []));

async function seedPapers(stores: Stores): Promise<void> {
  const at = new Date(Date.now() - 3_600_000);
  await stores.papers.upsertMany(
    ids(100).map((arxivId, i) => ({ arxivId, source: 'arxiv' as const, title: `Ada Lovelace paper ${i} on ${'long words '.repeat(20)}`, abstract: 'About engines.', authors: ['Ada Lovelace'], publishedAt: at })),
    at,
  );
}

describe('Slack: an answer later than the progress threshold', () => {
  it('is announced once by an ephemeral "Still working on `/papers …`…" before it comes', async () => {
    const chat = await startChatHarness({ slackProgressAfterMs: 100, slackApi: { 'users.info': slowUserInfo(600) } });
    try {
      const { path } = await chat.slackSend('channel schedule 09:00', 'U0SLOW');
      await vi.waitFor(() => expect(chat.slackPosts(path)).toHaveLength(2), { timeout: 15_000, interval: 20 });
      const [notice, answer] = chat.slackPosts(path);
      expect(notice).toEqual({ response_type: 'ephemeral', text: 'Still working on `/papers channel schedule 09:00`…' });
      expect(JSON.stringify(answer)).toContain('manage');
      expect(chat.slackNotices(path)).toHaveLength(1);
      expect(chat.refused).toEqual([]);
    } finally {
      await chat.close();
    }
  });

  it('a fast answer gets no notice (the service\'s own threshold)', async () => {
    const chat = await startChatHarness();
    try {
      const { path } = await chat.slackSend('subscriptions');
      await vi.waitFor(() => expect(chat.slackPosts(path)).toHaveLength(1), { timeout: 15_000, interval: 20 });
      // The answer came: a notice can no longer follow it.
      await sleep(50);
      expect(chat.slackNotices()).toEqual([]);
    } finally {
      await chat.close();
    }
  });

  it(`a long answer queued behind a slow command keeps to the ${RESPONSE_URL_USES - 1} uses the notice left, and says so`, async () => {
    // One command at a time: the digest waits behind a manager check that Slack answers slowly.
    const chat = await startChatHarness({ concurrency: 1, slackProgressAfterMs: 100, env: { PAPERBOY_DIGEST_MAX_PAPERS: '100' }, seed: seedPapers, slackApi: { 'users.info': slowUserInfo(600) } });
    try {
      expect(await chat.slack('follow author "Ada Lovelace"', 'U0ADA', 'D0ADA')).toContain('You follow Ada Lovelace');
      const slow = chat.slackSend('channel schedule 09:00', 'U0SLOW');
      await sleep(20);
      const { path } = await chat.slackSend('digest', 'U0ADA', 'D0ADA');
      await slow;
      await vi.waitFor(() => expect(JSON.stringify(chat.slackPosts(path))).toMatch(/Showing \d+ of 100 papers/), { timeout: 8000, interval: 20 });
      const posts = chat.slackPosts(path);
      expect(chat.slackNotices(path)).toEqual([{ response_type: 'ephemeral', text: 'Still working on `/papers digest`…' }]);
      expect(posts[0]).toEqual(chat.slackNotices(path)[0]);
      const answer = posts.slice(1);
      expect(answer.length).toBeGreaterThan(1);
      expect(answer.length).toBeLessThanOrEqual(RESPONSE_URL_USES - 1);
      const shown = answer.flatMap(slackIds);
      expect(new Set(shown).size).toBe(shown.length);
      // 100 long titles take five messages: in four, the last says what was left out and why.
      expect(shown.length).toBeLessThan(100);
      expect(JSON.stringify(answer.at(-1))).toContain(`Showing ${shown.length} of 100 papers: an answer takes at most ${RESPONSE_URL_USES - 1} messages.`);
      expect(chat.hookRefusals).toEqual([]);
      expect(chat.refused).toEqual([]);
    } finally {
      await chat.close();
    }
  }, 20_000);
});

describe('Slack: a response_url rate limited past its own life', () => {
  it('the answer goes to the person by chat.postEphemeral at once, not dropped after retries inside the wait', async () => {
    const ephemeral: Array<Record<string, string>> = [];
    // An hour's Retry-After: a response_url lives 30 minutes, so no retry can land.
    const chat = await startChatHarness({
      rateLimitResponseUrl: 3600,
      slackApi: {
        'chat.postEphemeral': (args: Record<string, string>) => {
          ephemeral.push(args);
          return { ok: true, message_ts: '1.000001' };
        },
      },
    });
    try {
      const started = Date.now();
      await chat.slackSend('subscribe audio codecs', 'U0ADA', 'C0001');
      await vi.waitFor(() => expect(ephemeral).toHaveLength(1), { timeout: 15_000, interval: 20 });
      // Not after the capped retries of old (30 s each) nor the hour asked: a bound, not a timing.
      expect(Date.now() - started).toBeLessThan(25_000);
      expect(ephemeral[0]).toMatchObject({ channel: 'C0001', user: 'U0ADA' });
      expect(ephemeral[0]!.text).toContain('You will get “audio codecs”');
      expect(checkBlocks(JSON.parse(ephemeral[0]!.blocks!) as Array<Record<string, unknown>>)).toBeNull();
      expect(await chat.app.stores.subscriptions.list({ subscriber: 'slack:U0ADA' })).toHaveLength(1);
    } finally {
      await chat.close();
    }
  });

  it('in a channel Slack will not show the person anything (user_not_in_channel), the answer goes to their DM, naming the command, once', async () => {
    const dms: Array<Record<string, string>> = [];
    let opened = 0;
    let ephemeralTries = 0;
    const chat = await startChatHarness({
      rateLimitResponseUrl: 3600,
      slackApi: {
        // A Slack Connect channel the person is not a member of in this workspace's eyes.
        'chat.postEphemeral': () => {
          ephemeralTries++;
          return { ok: false, error: 'user_not_in_channel' };
        },
        'conversations.open': (args: Record<string, string>) => {
          opened++;
          return { ok: true, channel: { id: `D${args.users!.slice(1)}` } };
        },
        'chat.postMessage': (args: Record<string, string>) => {
          dms.push(args);
          return { ok: true, channel: args.channel, ts: `1.00000${dms.length}` };
        },
      },
    });
    try {
      await chat.slackSend('subscribe audio codecs', 'U0ADA', 'C0SHARED');
      await vi.waitFor(() => expect(dms).toHaveLength(1), { timeout: 15_000, interval: 20 });
      expect(dms[0]).toMatchObject({ channel: 'D0ADA' });
      const blocks = JSON.parse(dms[0]!.blocks!) as Array<Record<string, unknown>>;
      expect(checkBlocks(blocks)).toBeNull();
      expect(JSON.stringify(blocks[0])).toContain('This answers `/papers subscribe audio codecs` in <#C0SHARED>');
      expect(dms[0]!.text).toContain('You will get “audio codecs”');
      // A second late answer reuses the DM the app remembers (conversations.open is Tier 3).
      await chat.slackSend('subscribe kv cache', 'U0ADA', 'C0SHARED');
      await vi.waitFor(() => expect(dms).toHaveLength(2), { timeout: 15_000, interval: 20 });
      expect(opened).toBe(1);
      expect(ephemeralTries).toBe(2);
      expect(await chat.app.stores.subscriptions.list({ subscriber: 'slack:U0ADA' })).toHaveLength(2);
    } finally {
      await chat.close();
    }
  });
});

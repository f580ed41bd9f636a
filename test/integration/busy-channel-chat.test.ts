/**
 * A busy channel, over the real signed HTTP paths into Bolt (the harness): many people, or one
 * person many times, running `/papers` at once. What the bot asks of Slack for each command must
 * not grow with the crowd past what Slack's limits allow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';
import { startFakeSlack } from '../helpers/fake-slack.js';
import { createSlackNotifier } from '../../src/chat/slack/notifier.js';
import { renderSlackDigestParts } from '../../src/chat/slack/render-thread.js';
import { runDigests } from '../../src/core/digest/run-digests.js';
import { realSleep } from '../../src/core/sleep.js';
import { silentLogger } from '../../src/log.js';
import { HOSTILE_TITLE, NOW, addTarget, matchAll, seedPapers, summaries } from './delivery-support.js';

let chat: ChatHarness;
const userInfoCalls: string[] = [];
beforeAll(async () => {
  chat = await startChatHarness({
    slackApi: {
      'users.info': (args: Record<string, string>) => {
        userInfoCalls.push(args.user!);
        return { ok: true, user: { id: args.user, team_id: 'T0001', is_admin: args.user === 'U0ADMIN', is_owner: false, is_primary_owner: false, deleted: false } };
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

describe('Slack: a digest posting into the channel while its members run commands', () => {
  it('every command acknowledged in time and answered, the digest posted once, within the channel\'s rate', async () => {
    // Slack's Web API for both the bot's commands (auth.test) and the digest (chat.postMessage, ~1 a second per channel, time scaled tenfold).
    const slack = await startFakeSlack({ channels: ['C0001'], perChannelPerSec: 10 });
    const busy = await startChatHarness({
      env: { SLACK_API_URL: slack.apiUrl, SLACK_BOT_TOKEN: 'xoxb-test-token' },
      seed: async (stores) => {
        await seedPapers(stores, 60, (i) => `Audio codec paper ${i} ${HOSTILE_TITLE}`);
        await addTarget(stores, 'slack:C0001', { maxPapers: 60, threads: true });
      },
    });
    try {
      const stores = busy.app.stores;
      const digest = runDigests(
        {
          stores,
          matcher: matchAll,
          summaries: summaries(stores),
          channels: { slack: { notifier: createSlackNotifier({ token: 'xoxb-test-token', apiUrl: slack.apiUrl, timeoutMs: 4000 }), render: renderSlackDigestParts, minIntervalMs: 100 } },
          logger: silentLogger(),
          sleep: realSleep,
        },
        { now: NOW },
      );
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? busy.slack('subscriptions', `U0B${i}`) : busy.slack(`search audio codec paper ${i}`, `U0B${i}`))));
      const report = await digest;
      expect(report.targets[0]).toMatchObject({ status: 'delivered', papers: 60 });
      expect(answers.every((a) => a.length > 0)).toBe(true);
      expect(busy.refused).toEqual([]);
      const papers = slack.posts.flatMap((p) => p.blocks.filter((b) => String(b.block_id ?? '').startsWith('paper:')).map((b) => String(b.block_id)));
      expect(papers).toHaveLength(60);
      expect(new Set(papers).size).toBe(60);
      expect(slack.rateLimited).toBe(0);
    } finally {
      await busy.close();
      await slack.close();
    }
  }, 120_000);
});

describe('Slack: the harness holds the bot to Slack\'s method tiers', () => {
  it('a manager check past users.info\'s calls per minute is a 429 the person hears about, not a silent pass', async () => {
    // Tier 4 is 100 calls a minute; scaled to 3 in 20 s so that a test meets it.
    const tiered = await startChatHarness({
      slackTierScale: { calls: 3, windowMs: 20_000 },
      slackApi: { 'users.info': (args: Record<string, string>) => ({ ok: true, user: { id: args.user, is_admin: false, is_owner: false, is_primary_owner: false, deleted: false } }) },
    });
    try {
      for (const user of ['U0T1', 'U0T2', 'U0T3']) expect(await tiered.slack('channel schedule 09:00', user)).toContain('manage');
      const fourth = await tiered.slack('channel schedule 09:00', 'U0T4');
      expect(fourth).toContain('could not check whether you may manage this channel');
      expect(fourth).toMatch(/retry this request in (19|20) seconds/);
    } finally {
      await tiered.close();
    }
  });
});

describe('Discord: the interaction webhook rate limited while an answer is sent', () => {
  it('Retry-After is waited out and the answer and its follow-ups each arrive once, in order', async () => {
    const at = new Date(Date.now() - 3_600_000);
    const limited = await startChatHarness({
      // The follow's answer and the digest's first message pass; its first follow-up meets the limit.
      rateLimitWebhook: { retryAfterSec: 1, afterPosts: 2 },
      env: { PAPERBOY_DIGEST_MAX_PAPERS: '100' },
      seed: async (stores) => {
        await stores.papers.upsertMany(
          Array.from({ length: 12 }, (_, i) => ({ arxivId: `2612.${10000 + i}`, source: 'arxiv' as const, title: `Alan Turing paper ${i}`, abstract: 'About engines.', authors: ['Alan Turing'], publishedAt: at })),
          at,
        );
      },
    });
    try {
      const user = { dm: true, userId: '123456789012345678' };
      await limited.discord([{ type: 2, name: 'follow', options: [{ type: 1, name: 'author', options: [{ type: 3, name: 'name', value: 'Alan Turing' }] }] }], '0', user);
      const started = Date.now();
      await limited.discord([{ type: 1, name: 'digest', options: [] }], '0', user);
      const messages = await limited.answerMessages(3);
      expect(limited.webhookRateLimited()).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      const ids = messages.flatMap((m) => (m.embeds as Array<{ footer: { text: string } }>).map((e) => e.footer.text.split(' · ')[0]));
      expect(ids).toHaveLength(12);
      expect(new Set(ids).size).toBe(12);
      expect(messages[1]!.content).toContain('Papers 6–10 of 12, continued.');
      await new Promise((r) => setTimeout(r, 500));
      expect(await limited.answerMessages(3)).toHaveLength(3);
      expect(limited.refused).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});

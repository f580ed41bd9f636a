/** Shared world for the delivery integration tests: papers, a topic, targets and a matcher. */
import type { TopicMatcher } from '../../src/core/digest/topic-matcher.js';
import type { DeliveryTarget, Stores } from '../../src/core/ports.js';
import { silentLogger } from '../../src/log.js';
import { createSummaryService } from '../../src/summarize/service.js';
import { createDiscordNotifier } from '../../src/chat/discord/notifier.js';
import { renderDiscordDigestParts } from '../../src/chat/discord/render-thread.js';
import { createSlackNotifier } from '../../src/chat/slack/notifier.js';
import { renderSlackDigestParts } from '../../src/chat/slack/render-thread.js';
import { testTopic } from '../helpers/test-topic.js';

export const NOW = new Date('2026-11-20T09:30:00Z');
export const SLOT = new Date('2026-11-20T09:00:00Z');
export const SEEN = new Date('2026-11-20T06:00:00Z');

export const HOSTILE_TITLE =
  '@everyone <!channel> <!here> <@U0001> <@&123> [login](https://evil.example) <https://evil.example|arxiv> **x** \u001b[2J مرحبا 🧑‍🔬';

export async function seedPapers(stores: Stores, n: number, title = (i: number) => `Audio codec paper ${i}`): Promise<void> {
  await stores.papers.upsertMany(
    Array.from({ length: n }, (_, i) => ({
      arxivId: `2611.${String(i).padStart(5, '0')}`,
      source: 'hf' as const,
      title: title(i),
      abstract: `We propose audio method ${i} with ${HOSTILE_TITLE}. It beats the baseline.`,
      authors: ['Ada Lovelace', '<@U0001>', '@here'],
      publishedAt: SEEN,
      upvotes: i,
    })),
    SEEN,
  );
  if (!(await stores.topics.get('audio'))) {
    await stores.topics.add(testTopic({ slug: 'audio', name: 'Audio', description: 'audio', createdAt: SEEN }));
  }
}

export async function addTarget(stores: Stores, id: string, over: Partial<DeliveryTarget> = {}): Promise<void> {
  const platform = id.startsWith('discord') ? 'discord' : 'slack';
  await stores.targets.upsert({
    id,
    platform,
    kind: /^slack:[UW]/.test(id) || over.kind === 'user' ? 'user' : 'channel',
    time: '09:00',
    timeZone: 'UTC',
    weekdaysOnly: false,
    maxPapers: 10,
    notifyEmpty: false,
    lastDigestAt: new Date('2026-11-19T09:00:00Z'),
    status: 'active',
    brokenReason: null,
    failureCount: 0,
    ...over,
  });
  await stores.subscriptions.add({ subscriber: id, kind: over.kind === 'user' || /^slack:[UW]/.test(id) ? 'user' : 'channel', topicSlug: 'audio', minScore: null, maxPapers: null, createdBy: 'test', createdAt: SEEN });
}

/** Every paper matches 'audio' with a score from its upvotes (a stand-in for the real matcher). */
export const matchAll: TopicMatcher = {
  async match(papers, slugs) {
    return papers.flatMap((p) => slugs.map((s) => ({ arxivId: p.arxivId, topicSlug: s, score: 0.5, why: `title mentions ${s} ${HOSTILE_TITLE}` })));
  },
};

export function summaries(stores: Stores) {
  return createSummaryService({ papers: stores.papers, logger: silentLogger() });
}

/**
 * A digest run's Discord channel against a fake at `apiUrl`, as the service builds it; a fresh
 * notifier each call, so nothing one run knew (opened threads) carries over to the next.
 */
export function discordChannel(apiUrl: string, minIntervalMs = 0) {
  return { notifier: createDiscordNotifier({ token: 'discord-test-token', apiUrl, timeoutMs: 4000 }), render: renderDiscordDigestParts, minIntervalMs };
}

/** The same for Slack. */
export function slackChannel(apiUrl: string, minIntervalMs = 0) {
  return { notifier: createSlackNotifier({ token: 'xoxb-test-token', apiUrl, timeoutMs: 4000 }), render: renderSlackDigestParts, minIntervalMs };
}

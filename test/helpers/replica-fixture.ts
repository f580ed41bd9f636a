/**
 * A small digest world for replica/queue tests and the scale bench: one topic, some papers,
 * many targets subscribed to it, a matcher that matches everything and stored summaries —
 * so what is measured is delivery, not matching or summarising.
 */
import type { DigestChannels, PaperSummaries } from '../../src/core/digest/channel.js';
import type { TopicMatcher } from '../../src/core/digest/topic-matcher.js';
import type { Paper, PaperInput } from '../../src/core/papers/paper.js';
import type { DeliveryTarget, Notifier, RenderedPart, SendOutcome, Stores } from '../../src/core/ports.js';
import { renderDiscordParts } from '../../src/chat/discord/render.js';
import { renderSlackParts } from '../../src/chat/slack/render.js';

export const TOPIC = 'speech-codecs';

export interface WorldOptions {
  /** Slack channel targets (`slack:C…`). */
  slackTargets: number;
  /** Discord channel targets (numeric ids). */
  discordTargets: number;
  papers: number;
  /** Papers per digest (a digest with more than ~8 papers splits into several parts). */
  maxPapers: number;
  /** The digest time of day, HH:MM UTC. */
  time: string;
  /** When papers were first seen (before the slot). */
  seenAt: Date;
}

export function slackTargetId(i: number): string {
  return `slack:C${String(i).padStart(8, '0')}`;
}

export function discordTargetId(i: number): string {
  return `discord:${String(900_000_000_000_000_000n + BigInt(i))}`;
}

function target(id: string, platform: 'slack' | 'discord', opts: WorldOptions): DeliveryTarget {
  return {
    id,
    platform,
    kind: 'channel',
    time: opts.time,
    timeZone: 'UTC',
    weekdaysOnly: false,
    maxPapers: opts.maxPapers,
    notifyEmpty: false,
    lastDigestAt: null,
    status: 'active',
    brokenReason: null,
    failureCount: 0,
  };
}

export function worldPapers(n: number): PaperInput[] {
  return Array.from({ length: n }, (_, i) => ({
    arxivId: `2611.${String(10_000 + i)}`,
    source: 'hf' as const,
    version: 1,
    title: `Neural speech codec number ${i}: <!channel> @everyone & friends`,
    abstract: `We present codec ${i}. It compresses speech at low bitrates with a learned quantiser.`,
    authors: ['A. Author', 'B. Author'],
    publishedAt: new Date('2026-11-27T00:00:00Z'),
    absUrl: `https://arxiv.org/abs/2611.${10_000 + i}`,
    pdfUrl: `https://arxiv.org/pdf/2611.${10_000 + i}`,
    categories: ['eess.AS', 'cs.SD'],
    upvotes: i,
  }));
}

/** Seeds topic, papers, targets and subscriptions; returns the target ids. */
export async function seedWorld(stores: Stores, opts: WorldOptions): Promise<string[]> {
  await stores.topics.add({
    slug: TOPIC,
    name: 'Speech codecs',
    description: 'neural speech and audio codecs',
    mustPhrases: [],
    mustNotPhrases: [],
    categories: [],
    minUpvotes: null,
    builtin: false,
    createdBy: 'test',
    createdAt: opts.seenAt,
  });
  const inputs = worldPapers(opts.papers);
  for (let i = 0; i < inputs.length; i += 500) await stores.papers.upsertMany(inputs.slice(i, i + 500), opts.seenAt);
  const ids = [
    ...Array.from({ length: opts.slackTargets }, (_, i) => slackTargetId(i)),
    ...Array.from({ length: opts.discordTargets }, (_, i) => discordTargetId(i)),
  ];
  for (const id of ids) {
    await stores.targets.upsert(target(id, id.startsWith('slack:') ? 'slack' : 'discord', opts));
    await stores.subscriptions.add({ subscriber: id, kind: 'channel', topicSlug: TOPIC, minScore: null, maxPapers: null, createdBy: 'test', createdAt: opts.seenAt });
  }
  return ids;
}

/** Every paper matches the topic; score by upvotes so the ranking is deterministic. */
export const matchEverything: TopicMatcher = {
  async match(papers: readonly Paper[], topicSlugs: readonly string[]) {
    return topicSlugs.flatMap((topicSlug) => papers.map((p) => ({ arxivId: p.arxivId, topicSlug, score: 1 + (p.upvotes ?? 0) / 1000, why: 'speech codec' })));
  },
};

/** The first sentence of the abstract: no network, no LLM. */
export const firstSentenceSummaries: PaperSummaries = {
  async ensure(papers) {
    return new Map(papers.map((p) => [p.arxivId, p.abstract.split('. ')[0] ?? p.title]));
  },
};

export function channels(slack: Notifier | undefined, discord: Notifier | undefined): DigestChannels {
  const out: DigestChannels = {};
  if (slack) out.slack = { notifier: slack, render: renderSlackParts, minIntervalMs: 0 };
  if (discord) out.discord = { notifier: discord, render: renderDiscordParts, minIntervalMs: 0 };
  return out;
}

export interface RecordedPost {
  address: string;
  dedupeKey: string;
  part: number;
  totalParts: number;
  messageId: string;
}

/** An in-memory platform for tests that share one process: records every post. */
export function recordingNotifier(platform: 'slack' | 'discord', posts: RecordedPost[]): Notifier {
  return {
    platform,
    async findPosted(address, dedupeKey) {
      return posts.find((p) => p.address === address && p.dedupeKey === dedupeKey)?.messageId ?? null;
    },
    async send(address: string, part: RenderedPart): Promise<SendOutcome> {
      const messageId = `m${posts.length + 1}`;
      posts.push({ address, dedupeKey: part.dedupeKey, part: part.part, totalParts: part.totalParts, messageId });
      return { status: 'sent', messageId };
    },
  };
}

/** Duplicated and missing (target, part) pairs among recorded posts, against the ledger. */
export async function auditParts(
  stores: Stores,
  targetIds: readonly string[],
  posted: ReadonlyArray<{ address: string; dedupeKey: string }>,
): Promise<{ expected: number; posted: number; duplicates: string[]; missing: string[]; unsentInLedger: string[] }> {
  const counts = new Map<string, number>();
  for (const p of posted) counts.set(`${p.address}|${p.dedupeKey}`, (counts.get(`${p.address}|${p.dedupeKey}`) ?? 0) + 1);
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
  const missing: string[] = [];
  const unsentInLedger: string[] = [];
  let expected = 0;
  const open = await stores.ledger.openDigests();
  for (const plan of open) unsentInLedger.push(`${plan.targetId} open digest ${plan.windowEnd.toISOString()}`);
  for (const id of targetIds) {
    const t = await stores.targets.get(id);
    if (!t?.lastDigestAt) {
      missing.push(`${id}: no digest delivered`);
      continue;
    }
    const parts = await stores.ledger.parts(id, t.lastDigestAt.toISOString());
    expected += parts.length;
    for (const p of parts) if (p.status !== 'sent') unsentInLedger.push(`${id} part ${p.part} ${p.status}`);
    if (parts.length === 0) missing.push(`${id}: ledger has no parts`);
  }
  const postedPerTarget = new Map<string, number>();
  for (const k of counts.keys()) {
    const address = k.slice(0, k.indexOf('|'));
    postedPerTarget.set(address, (postedPerTarget.get(address) ?? 0) + 1);
  }
  for (const id of targetIds) {
    const t = await stores.targets.get(id);
    const parts = t?.lastDigestAt ? await stores.ledger.parts(id, t.lastDigestAt.toISOString()) : [];
    const got = postedPerTarget.get(id) ?? 0;
    if (parts.length && got < parts.length) missing.push(`${id}: ${parts.length - got} part(s) never reached the platform`);
  }
  return { expected, posted: posted.length, duplicates, missing, unsentInLedger };
}

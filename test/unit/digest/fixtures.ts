import type { Paper } from '../../../src/core/papers/paper.js';
import type { DeliveryTarget, Notifier, RenderedPart, SendOutcome, Stores, Subscription } from '../../../src/core/ports.js';
import { freeTextTopic } from '../../../src/core/topics/topic-service.js';
import type { DigestChannel } from '../../../src/core/digest/channel.js';
import type { TopicMatch, TopicMatcher } from '../../../src/core/digest/topic-matcher.js';
import { testPaper } from '../../helpers/test-paper.js';

export function paper(id: string, over: Partial<Paper> = {}): Paper {
  const at = new Date('2026-11-20T06:00:00Z');
  return testPaper({
    arxivId: id,
    title: `Title of ${id}`,
    abstract: `We propose method ${id}. It works well on benchmarks.`,
    authors: ['A. Author'],
    publishedAt: at,
    announcedAt: at,
    absUrl: `https://arxiv.org/abs/${id}`,
    pdfUrl: `https://arxiv.org/pdf/${id}`,
    categories: ['cs.CL'],
    upvotes: 0,
    firstSeenAt: at,
    updatedAt: at,
    ...over,
  });
}

export function target(id: string, over: Partial<DeliveryTarget> = {}): DeliveryTarget {
  const platform = id.startsWith('discord') ? 'discord' : id === 'console' ? 'console' : 'slack';
  return {
    id,
    platform,
    kind: id === 'console' ? 'console' : /^slack:[UW]/.test(id) || id.startsWith('discord:user') ? 'user' : 'channel',
    time: '09:00',
    timeZone: 'UTC',
    weekdaysOnly: false,
    maxPapers: 10,
    notifyEmpty: false,
    lastDigestAt: null,
    status: 'active',
    brokenReason: null,
    failureCount: 0,
    ...over,
  };
}

export function sub(subscriber: string, topicSlug: string, over: Partial<Subscription> = {}): Subscription {
  return { subscriber, kind: 'channel', topicSlug, minScore: null, maxPapers: null, createdBy: 'test', createdAt: new Date('2026-11-01T00:00:00Z'), ...over };
}

/**
 * Store a subscription, and a topic of its slug's words first when there is none: a subscription
 * names a topic that is there (the stores' foreign key), and these tests match by slug alone.
 */
export async function subscribe(stores: Pick<Stores, 'topics' | 'subscriptions'>, s: Subscription): Promise<void> {
  await stores.topics.add(freeTextTopic(s.topicSlug, s.createdAt, null, s.topicSlug));
  const added = await stores.subscriptions.add(s);
  if (added !== 'created') throw new Error(`fixture subscription ${s.subscriber} -> ${s.topicSlug}: ${added}`);
}

/** Matches papers whose title contains the topic slug; score from a table or 1. */
export function keywordMatcher(scores: Record<string, number> = {}): TopicMatcher & { calls: number } {
  const m = {
    calls: 0,
    async match(papers: readonly Paper[], slugs: readonly string[]): Promise<TopicMatch[]> {
      m.calls++;
      const out: TopicMatch[] = [];
      for (const p of papers)
        for (const s of slugs)
          if (p.title.includes(s)) out.push({ arxivId: p.arxivId, topicSlug: s, score: scores[`${s}|${p.arxivId}`] ?? 1, why: `title mentions ${s}` });
      return out;
    },
  };
  return m;
}

export type Step = { kind: 'send'; address: string; part: RenderedPart } | { kind: 'find'; address: string; key: string };

/**
 * A notifier with a script of outcomes; it "posts" into `posted` (keyed by dedupe key) so
 * findPosted can answer like a platform's history would.
 */
export function scriptedNotifier(platform: Notifier['platform'] = 'slack') {
  const posted = new Map<string, { address: string; id: string; part: RenderedPart }>();
  const script: Array<SendOutcome | 'accept-then-fail'> = [];
  const steps: Step[] = [];
  /** Dedupe keys in the order the "platform" accepted them (a duplicate shows up twice). */
  const accepted: string[] = [];
  let seq = 0;
  const notifier: Notifier = {
    platform,
    async send(address, part) {
      steps.push({ kind: 'send', address, part });
      const next = script.shift();
      if (next === 'accept-then-fail' || next === undefined || next.status === 'sent') {
        const id = `m${++seq}`;
        posted.set(part.dedupeKey, { address, id, part });
        accepted.push(part.dedupeKey);
        if (next === 'accept-then-fail') return { status: 'failed', error: 'timeout', retryable: true };
        return { status: 'sent', messageId: id };
      }
      return next;
    },
    async findPosted(address, key) {
      steps.push({ kind: 'find', address, key });
      return posted.get(key)?.id ?? null;
    },
  };
  return { notifier, posted, script, steps, accepted };
}

/** A channel whose parts are one per paper (easy to count), with the dedupe key per part. */
export function simpleChannel(notifier: Notifier): DigestChannel {
  return {
    notifier,
    minIntervalMs: 0,
    render(digest) {
      const items = digest.sections.flatMap((s) => s.items);
      const chunks = items.length ? items.map((i) => [i]) : [[]];
      return chunks.map((c, i) => ({
        part: i + 1,
        totalParts: chunks.length,
        text: c.map((x) => x.arxivId).join(',') || 'no new papers',
        payload: c.map((x) => x.arxivId),
        dedupeKey: `${digest.targetId}|${digest.windowKey}|${i + 1}`,
      }));
    },
  };
}

export const noSleep = async () => undefined;

/**
 * CommandServices over the real core: search, topic, subscription and feedback services plus
 * the digest planner (for previews) and the delivery targets (schedules). A subscription made
 * from chat also makes sure its subscriber has a delivery target, so a digest actually follows.
 */
import type { Config } from '../../config.js';
import type { Paper } from '../../core/papers/paper.js';
import type { Clock, DeliveryTarget, Stores, TopicDefinition } from '../../core/ports.js';
import { selectItems } from '../../core/digest/plan.js';
import { ensureDeliveryTarget } from '../../core/digest/target.js';
import type { TopicMatcher } from '../../core/digest/topic-matcher.js';
import type { SearchService } from '../../core/search/search-service.js';
import { createSubscriptionService, type SubscriptionService } from '../../core/subscriptions/subscription-service.js';
import type { Actor } from '../../core/subscriptions/subscriber-id.js';
import type { DraftService } from '../../core/topics/draft-service.js';
import { createFeedbackService, type FeedbackService } from '../../core/topics/feedback-service.js';
import { createTopicService, type TopicService } from '../../core/topics/topic-service.js';
import type {
  ChannelInfo,
  CommandServices,
  DigestItem,
  PaperCard,
  SubscriptionChange,
  SubscriptionInfo,
  SubscriptionRequest,
  TopicInfo,
} from './services.js';
import { SUBSCRIBE_PREVIEW_DAYS } from './services.js';
import { createReadingListCommands } from './core-adapter-saved.js';

export interface CoreCommandDeps {
  stores: Pick<Stores, 'papers' | 'topics' | 'subscriptions' | 'feedback' | 'targets' | 'saved'>;
  /** Shared with ingest, which keeps its index current. */
  search: SearchService;
  /** The digest job's matcher (jobs/digest.ts `createTopicMatcher(stores)`). */
  matcher: TopicMatcher;
  config: Pick<Config, 'PAPERBOY_DIGEST_DEFAULT_TIME' | 'PAPERBOY_DIGEST_DEFAULT_TZ' | 'PAPERBOY_DIGEST_MAX_PAPERS'>;
  topics?: TopicService;
  subscriptions?: SubscriptionService;
  feedback?: FeedbackService;
  /** Drafts a new free-text topic's definition (an LLM, when configured). */
  drafts?: DraftService;
  clock?: Clock;
}

/** How long a subscribe reply waits for a new topic's LLM draft before previewing without it (it is stored either way). */
const DRAFT_WAIT_MS = 3_000;

const DAY_MS = 24 * 60 * 60 * 1000;
/** A new subscription answers with its topic's best matches (SUBSCRIBE_PREVIEW_DAYS), at most this many, each with 👍/👎 so the first marks come right away. */
const SUBSCRIBE_PREVIEW_PAPERS = 5;
/** How many of the newest papers a preview considers (the digest window is about a day). */
const PREVIEW_SCAN = 2000;

function info(t: TopicDefinition): TopicInfo {
  return { slug: t.slug, name: t.name, description: t.description };
}

export function paperCard(p: Paper): PaperCard {
  return {
    arxivId: p.arxivId,
    title: p.title,
    authors: p.authors,
    absUrl: p.absUrl,
    pdfUrl: p.pdfUrl,
    summary: p.summary ?? p.aiSummary,
    upvotes: p.upvotes,
    publishedAt: p.publishedAt,
  };
}

export function createCoreCommandServices(deps: CoreCommandDeps): CommandServices {
  const { stores, config } = deps;
  const now = () => deps.clock?.now() ?? new Date();
  const topics = deps.topics ?? createTopicService({ topics: stores.topics, clock: deps.clock });
  const subscriptions = deps.subscriptions ?? createSubscriptionService({ subscriptions: stores.subscriptions, topics, clock: deps.clock });
  const feedback = deps.feedback ?? createFeedbackService({ feedback: stores.feedback, papers: stores.papers, topics, clock: deps.clock });

  const suggestionsFor = async (names: string[]): Promise<TopicInfo[]> => {
    const all = await topics.list();
    return names.map((n) => all.find((t) => t.name === n)).filter((t): t is TopicDefinition => t !== undefined).map(info);
  };

  // The core decides; the chat layer only reports what the platform said about this one channel.
  const coreActor = (req: SubscriptionRequest['actor'], channel: string | null): Actor => ({
    id: req.id,
    canManageChannel: (subscriberId) => req.mayManageChannel && subscriberId === channel,
  });

  const ensureTarget = async (subscriber: string, kind: 'user' | 'channel'): Promise<DeliveryTarget> =>
    (await ensureDeliveryTarget(stores.targets, subscriber, kind, config)).target;

  const listSubscriptions = async (subscriber: string): Promise<SubscriptionInfo[]> => {
    const [subs, all] = await Promise.all([stores.subscriptions.list({ subscriber }), topics.list()]);
    const bySlug = new Map(all.map((t) => [t.slug, t]));
    return subs.map((s) => {
      const t = bySlug.get(s.topicSlug);
      return { topic: t ? info(t) : { slug: s.topicSlug, name: s.topicSlug, description: '' }, createdAt: s.createdAt };
    });
  };

  /** The best matches of a topic among the papers of the last days, for marking at once. */
  const previewOf = async (slug: string): Promise<DigestItem[]> => {
    const since = new Date(now().getTime() - SUBSCRIBE_PREVIEW_DAYS * DAY_MS);
    const papers = await stores.papers.list({ since, limit: PREVIEW_SCAN });
    if (papers.length === 0) return [];
    const matches = (await deps.matcher.match(papers, [slug])).sort((a, b) => b.score - a.score).slice(0, SUBSCRIBE_PREVIEW_PAPERS);
    const byId = new Map(papers.map((p) => [p.arxivId, p]));
    return matches.flatMap((m) => {
      const p = byId.get(m.arxivId);
      return p ? [{ paper: paperCard(p), topicSlug: m.topicSlug, score: m.score, why: m.why }] : [];
    });
  };

  return {
    ...createReadingListCommands(stores),

    async search(query, limit) {
      const outcome = await deps.search.search(query, { limit });
      if (outcome.status === 'invalid') return outcome;
      const papers = await stores.papers.getMany(outcome.items.map((i) => i.arxivId));
      const hits = outcome.items.flatMap((i) => {
        const p = papers.get(i.arxivId);
        return p ? [{ paper: paperCard(p), score: i.score }] : [];
      });
      return { status: 'ok', hits };
    },

    listTopics: async () => (await topics.list()).map(info),

    async findTopic(text) {
      const found = await topics.find(text);
      if (found.status === 'found') return { status: 'found', topic: info(found.topic) };
      return { status: 'unknown', suggestions: await suggestionsFor(found.suggestions) };
    },

    async subscribe(req): Promise<SubscriptionChange> {
      const actor = coreActor(req.actor, req.kind === 'channel' ? req.subscriber : null);
      const createIfMissing = req.create === 'always' ? true : req.create === 'unless-typo' ? 'unless-typo' : false;
      const r = await subscriptions.subscribe(actor, { subscriber: req.subscriber, kind: req.kind, topic: req.topic, createIfMissing });
      switch (r.status) {
        case 'subscribed': {
          await ensureTarget(req.subscriber, req.kind);
          if (r.createdTopic && deps.drafts) {
            const drafting = deps.drafts.ensure(r.topic);
            await Promise.race([drafting, new Promise((resolve) => setTimeout(resolve, DRAFT_WAIT_MS).unref())]);
          }
          const preview = await previewOf(r.topic.slug);
          return { status: 'subscribed', topic: info(r.topic), created: r.createdTopic, ...(r.broader ? { broader: info(r.broader) } : {}), preview };
        }
        case 'duplicate':
          return { status: 'already-subscribed', topic: info(r.topic) };
        case 'unknown-topic':
          return { status: 'unknown-topic', suggestions: await suggestionsFor(r.suggestions) };
        case 'forbidden':
          return { status: 'forbidden', reason: r.message };
        case 'invalid':
          return { status: 'invalid', message: r.message };
      }
    },

    async unsubscribe(req): Promise<SubscriptionChange> {
      const actor = coreActor(req.actor, req.kind === 'channel' ? req.subscriber : null);
      const r = await subscriptions.unsubscribe(actor, { subscriber: req.subscriber, kind: req.kind, topic: req.topic });
      switch (r.status) {
        case 'unsubscribed':
          return { status: 'unsubscribed', topic: info(r.topic) };
        case 'not-subscribed': {
          const found = await topics.find(req.topic);
          return found.status === 'found' ? { status: 'not-subscribed', topic: info(found.topic) } : { status: 'invalid', message: r.message };
        }
        case 'unknown-topic':
          return { status: 'unknown-topic', suggestions: await suggestionsFor(r.suggestions) };
        case 'forbidden':
          return { status: 'forbidden', reason: r.message };
        case 'invalid':
          return { status: 'invalid', message: r.message };
      }
    },

    listSubscriptions,

    async previewDigest(subscriber) {
      const subs = await stores.subscriptions.list({ subscriber });
      if (subs.length === 0) return { status: 'no-subscriptions' };
      const target = await stores.targets.get(subscriber);
      const end = now();
      // At least the last day, so a preview right after a digest (or a subscribe) isn't empty.
      const dayAgo = new Date(end.getTime() - DAY_MS);
      const since = target?.lastDigestAt && target.lastDigestAt < dayAgo ? target.lastDigestAt : dayAgo;
      const papers = await stores.papers.list({ since, limit: PREVIEW_SCAN });
      const matches = await deps.matcher.match(papers, subs.map((s) => s.topicSlug));
      const picked = selectItems({ papers, matches, subscriptions: subs, maxPapers: target?.maxPapers ?? config.PAPERBOY_DIGEST_MAX_PAPERS });
      const byId = new Map(papers.map((p) => [p.arxivId, p]));
      const items = picked.flatMap((i) => {
        const p = byId.get(i.arxivId);
        return p ? [{ paper: paperCard(p), topicSlug: i.topicSlug, score: i.score, why: i.why }] : [];
      });
      return { status: 'ok', items, since };
    },

    async recordFeedback(mark) {
      const r = await feedback.record({ topic: mark.topicSlug, arxivId: mark.arxivId, actor: mark.actor, verdict: mark.verdict });
      if (r.status === 'recorded') return { status: 'recorded', topic: info(r.topic) };
      if (r.status === 'unknown-paper') return { status: 'unknown-paper' };
      return { status: 'unknown-topic' };
    },

    async channelInfo(channel): Promise<ChannelInfo> {
      const [subs, target] = await Promise.all([listSubscriptions(channel), stores.targets.get(channel)]);
      return {
        subscriptions: subs,
        schedule: target ? { time: target.time, timeZone: target.timeZone, weekdaysOnly: target.weekdaysOnly } : null,
      };
    },

    async setChannelSchedule(req) {
      // Targets have no service of their own yet; the same rule as subscriptions applies here.
      if (!req.actor.mayManageChannel) return { status: 'forbidden', reason: 'you may not manage this channel' };
      const target = await ensureTarget(req.channel, 'channel');
      const next: DeliveryTarget = {
        ...target,
        time: req.schedule.time,
        timeZone: req.schedule.timeZone ?? target.timeZone,
        weekdaysOnly: req.schedule.weekdaysOnly ?? target.weekdaysOnly,
      };
      await stores.targets.upsert(next);
      return { status: 'scheduled', schedule: { time: next.time, timeZone: next.timeZone, weekdaysOnly: next.weekdaysOnly } };
    },
  };
}

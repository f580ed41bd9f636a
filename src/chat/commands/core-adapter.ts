/**
 * CommandServices over the real core: search, topic, subscription, feedback and target
 * services plus the digest previews. A subscription made from chat also makes sure its
 * subscriber has a delivery target, so a digest actually follows.
 */
import { shownTopicName } from '../text/clean.js';
import type { Clock, Stores, TopicDefinition } from '../../core/ports.js';
import type { DigestPreviews, PreviewItem } from '../../core/digest/preview.js';
import type { SearchService } from '../../core/search/search-service.js';
import type { SubscriptionRefusal, SubscriptionService } from '../../core/subscriptions/subscription-service.js';
import { parseSubscriberId, type Actor } from '../../core/subscriptions/subscriber-id.js';
import type { TargetService } from '../../core/targets/target-service.js';
import type { DraftService } from '../../core/topics/draft-service.js';
import type { FeedbackService } from '../../core/topics/feedback-service.js';
import type { TopicService } from '../../core/topics/topic-service.js';
import type { DeliveryTarget } from '../../core/targets/ports.js';
import { nextDigest, sameTime } from '../../core/targets/next-digest.js';
import type { ChannelSchedule } from './command.js';
import type {
  ChannelInfo,
  CommandServices,
  DigestItem,
  SubscriptionChange,
  SubscriptionInfo,
  SubscriptionRequest,
  TopicInfo,
} from './services.js';
import { SUBSCRIBE_PREVIEW_DAYS } from './services.js';
import { createReadingListCommands } from './core-adapter-saved.js';
import { paperCard } from '../../core/papers/paper-card.js';
import type { MatchService } from '../../core/topics/match-service.js';
import { waitAtMost } from '../../core/timeout.js';

/** The core services the chat commands call; src/app/compose.ts builds them. */
export interface CoreCommandDeps {
  stores: Pick<Stores, 'papers' | 'subscriptions' | 'saved'>;
  /** Shared with ingest, which keeps its index current. */
  search: SearchService;
  topics: TopicService;
  subscriptions: SubscriptionService;
  feedback: FeedbackService;
  targets: TargetService;
  previews: DigestPreviews;
  /** Drafts a new free-text topic's definition (an LLM, when configured). */
  drafts: DraftService;
  /** How a topic's words are read, as matching reads them (what the reply says it counts against). */
  matching: Pick<MatchService, 'reading'>;
  /** The target service's clock, so a reply names the slot the target was made to wait for; default: the system clock. */
  clock?: Clock;
}

/** How long a subscribe reply waits for a new topic's LLM draft before previewing without it (it is stored either way). */
const DRAFT_WAIT_MS = 3_000;

/**
 * How long after a subscribe began its answer waits for the topic's preview. The first topic
 * matched after a start builds the reference corpus, seconds on a few thousand papers; past the
 * chat handler's bound (8 s) a subscription already made was answered as a database failure.
 * Later than this, the answer says the subscription was made and that the preview is not ready.
 */
const PREVIEW_DEADLINE_MS = 5_500;

/** `work`'s result, 'late' when it takes more than `ms` (it goes on), null when it fails. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | 'late' | null> {
  try {
    return (await waitAtMost(work, ms, { unref: true })) ? await work : 'late';
  } catch {
    return null;
  }
}

/** A new subscription answers with its topic's best matches (SUBSCRIBE_PREVIEW_DAYS), at most this many, each with 👍/👎 so the first marks come right away. */
const SUBSCRIBE_PREVIEW_PAPERS = 5;

function info(t: TopicDefinition): TopicInfo {
  return { slug: t.slug, name: shownTopicName(t.name), description: t.description };
}

/** When a target's digest comes, as the chat words it (scheduleText). */
const scheduleOf = (t: DeliveryTarget): Required<ChannelSchedule> => ({ time: t.time, timeZone: t.timeZone, weekdaysOnly: t.weekdaysOnly, weeklyOn: t.weeklyOn ?? null });

const digestItem = (i: PreviewItem): DigestItem => ({ paper: paperCard(i.paper), topicSlug: i.topicSlug, ...(i.topicName ? { topicName: shownTopicName(i.topicName) } : {}), score: i.score, why: i.why });

export function createCoreCommandServices(deps: CoreCommandDeps): CommandServices {
  const { stores, topics, subscriptions, feedback } = deps;
  const now = () => (deps.clock?.now() ?? new Date());

  const suggestionsFor = async (names: string[]): Promise<TopicInfo[]> => {
    const all = await topics.list();
    return names.map((n) => all.find((t) => t.name === n)).filter((t): t is TopicDefinition => t !== undefined).map(info);
  };

  const refused = async (r: SubscriptionRefusal): Promise<SubscriptionChange> => {
    switch (r.status) {
      case 'unknown-topic':
        return { status: 'unknown-topic', suggestions: await suggestionsFor(r.suggestions) };
      case 'forbidden':
        return { status: 'forbidden', reason: r.message };
      case 'invalid':
        return { status: 'invalid', message: r.message };
    }
  };

  // The core decides; the chat layer only reports what the platform said about this one channel.
  const coreActor = (req: SubscriptionRequest['actor'], channel: string | null): Actor => ({
    id: req.id,
    canManageChannel: (subscriberId) => req.mayManageChannel && subscriberId === channel,
  });

  const listSubscriptions = async (subscriber: string): Promise<SubscriptionInfo[]> => {
    const [subs, all] = await Promise.all([stores.subscriptions.list({ subscriber }), topics.list()]);
    const bySlug = new Map(all.map((t) => [t.slug, t]));
    return subs.map((s) => {
      const t = bySlug.get(s.topicSlug);
      return { topic: t ? info(t) : { slug: s.topicSlug, name: s.topicSlug, description: '' }, createdAt: s.createdAt };
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
      return { status: 'ok', hits, query: outcome.query, notes: outcome.notes };
    },

    listTopics: async () => (await topics.list()).map(info),

    async findTopic(text) {
      const found = await topics.find(text);
      if (found.status === 'found') return { status: 'found', topic: info(found.topic) };
      return { status: 'unknown', suggestions: await suggestionsFor(found.suggestions) };
    },

    async subscribe(req): Promise<SubscriptionChange> {
      const started = performance.now();
      const actor = coreActor(req.actor, req.kind === 'channel' ? req.subscriber : null);
      const createIfMissing = req.create === 'always' ? true : req.create === 'unless-typo' ? 'unless-typo' : false;
      const r = await subscriptions.subscribe(actor, { subscriber: req.subscriber, kind: req.kind, topic: req.topic, createIfMissing });
      switch (r.status) {
        case 'subscribed': {
          const { resumed, target, created: newTarget } = await deps.targets.ensure(r.subscriber, { resume: true });
          // A topic of people's own words without a definition yet (new, or its draft failed before) gets one now.
          if (!r.topic.builtin && deps.drafts.model !== null) {
            // The draft is stored whenever it comes: waiting for it is no reason to keep a process up.
            await waitAtMost(deps.drafts.ensure(r.topic), DRAFT_WAIT_MS, { unref: true });
          }
          // The subscription stands whatever happens here: a preview or a reading that fails is left unsaid.
          const previewing = deps.previews.forTopic(r.topic.slug, { days: SUBSCRIBE_PREVIEW_DAYS, limit: SUBSCRIBE_PREVIEW_PAPERS });
          const left = Math.max(0, PREVIEW_DEADLINE_MS - (performance.now() - started));
          const found = await within(previewing, left);
          const late = found === 'late';
          const shown = found === 'late' ? null : found;
          const preview = shown?.items.map(digestItem);
          const reading = r.topic.builtin || late ? null : await deps.matching.reading(r.topic).catch(() => null);
          const excluded = reading?.excluded ?? [];
          const unmet = reading?.unmet ?? [];
          const others = r.createdTopic ? 0 : (await stores.subscriptions.list({ topicSlug: r.topic.slug })).filter((s) => s.subscriber !== r.subscription.subscriber).length;
          return { status: 'subscribed', topic: info(r.topic), created: r.createdTopic, ...(others ? { othersFollowing: others } : {}), ...(r.broader ? { broader: info(r.broader) } : {}), ...(shown ? { preview: preview!, previewConsidered: shown.considered } : {}), ...(late ? { previewLate: true } : {}), schedule: scheduleOf(target), ...(newTarget ? { firstDigest: nextDigest(target, now(), true) } : {}), ...(shown?.read ? { previewRead: shown.read } : {}), ...(excluded.length ? { excluded } : {}), ...(unmet.length ? { unmet } : {}), ...(resumed ? { resumed } : {}) };
        }
        case 'duplicate': {
          // Subscribing again is also how digests that stopped are started again.
          const id = parseSubscriberId(req.subscriber, req.kind);
          const resumed = id.ok ? (await deps.targets.ensure(id.value, { resume: true })).resumed : undefined;
          return { status: 'already-subscribed', topic: info(r.topic), ...(resumed ? { resumed } : {}) };
        }
        case 'topic-removed':
          return { status: 'topic-removed', topic: info(r.topic) };
        default:
          return refused(r);
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
        default:
          return refused(r);
      }
    },

    listSubscriptions,

    async previewDigest(subscriber) {
      const preview = await deps.previews.forSubscriber(subscriber);
      return preview.status === 'ok' ? { status: 'ok', items: preview.items.map(digestItem), since: preview.since, ...(preview.moreMatched ? { moreMatched: preview.moreMatched } : {}) } : preview;
    },

    async recordFeedback(mark) {
      if (mark.verdict === 'clear') {
        const c = await feedback.clear({ topic: mark.topicSlug, arxivId: mark.arxivId, actor: mark.actor });
        if (c.status === 'cleared') return { status: 'cleared', topic: info(c.topic), verdict: c.verdict };
        if (c.status === 'not-marked') return { status: 'not-marked', topic: info(c.topic) };
        return { status: 'unknown-topic' };
      }
      const r = await feedback.record({ topic: mark.topicSlug, arxivId: mark.arxivId, actor: mark.actor, verdict: mark.verdict });
      if (r.status === 'recorded') return { status: 'recorded', topic: info(r.topic), ...(r.again ? { again: true } : r.replaced ? { replaced: r.replaced } : {}) };
      if (r.status === 'unknown-paper') return { status: 'unknown-paper' };
      return { status: 'unknown-topic' };
    },

    async channelInfo(channel): Promise<ChannelInfo> {
      const [subs, target] = await Promise.all([listSubscriptions(channel), deps.targets.get(channel)]);
      return {
        subscriptions: subs,
        schedule: target ? scheduleOf(target) : null,
        threads: target?.threads ?? false,
        language: target?.language ?? null,
        ...(target?.status === 'broken' ? { stopped: target.brokenReason ?? 'marked broken' } : {}),
      };
    },

    async setChannelSchedule(req) {
      const kind = req.kind ?? 'channel';
      const subscriber = parseSubscriberId(req.channel, kind);
      if (!subscriber.ok) return { status: 'invalid', message: subscriber.error };
      const r = await deps.targets.setSchedule(coreActor(req.actor, kind === 'channel' ? subscriber.value.id : null), subscriber.value, req.schedule);
      if (r.status === 'forbidden') return { status: 'forbidden', reason: kind === 'channel' ? 'you may not manage this channel' : r.message };
      if (r.status === 'invalid') return { status: 'invalid', message: r.problems.map((p) => p.message).join('; ') };
      const at = now();
      const next = nextDigest(r.target, at, r.created);
      // Said only when it tells something: a new target's first digest, or a next digest the change moved.
      const moved = !r.before || !sameTime(nextDigest(r.before, at), next);
      return { status: 'scheduled', schedule: scheduleOf(r.target), ...(moved ? { next } : {}), ...(r.resumed ? { resumed: r.resumed } : {}) };
    },
  };
}

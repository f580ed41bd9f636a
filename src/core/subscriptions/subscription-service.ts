/**
 * Subscriptions with the rules enforced here, not trusted to callers: users change only their
 * own, channels only by someone the chat layer says may manage them. Every check runs before
 * anything is written, so a refused request stores nothing (not even an ad-hoc topic).
 */
import type { Clock, SubscriberKind, Subscription, SubscriptionStore, TopicDefinition } from '../ports.js';
import type { SubscriptionLimits } from './ports.js';
import type { TopicService } from '../topics/topic-service.js';
import { closestNames, didYouMean } from '../topics/names.js';
import { truncate } from '../truncate.js';
import { mayManage, parseSubscriberId, type Actor, type SubscriberId } from './subscriber-id.js';
import type { TargetStore } from '../targets/ports.js';
import { kindConflictMessage, kindInUse } from './kind-in-use.js';

export interface SubscribeRequest {
  subscriber: string;
  kind: SubscriberKind;
  topic: string;
  /**
   * Unknown topic text becomes a new topic of its own instead of an error; with
   * 'unless-typo', not when the text looks like a misspelt existing name (that is asked about).
   */
  createIfMissing?: boolean | 'unless-typo';
  minScore?: number | null;
  maxPapers?: number | null;
}

/** Why a subscribe or unsubscribe changed nothing: the same three answers for both. */
export type SubscriptionRefusal =
  | { status: 'invalid'; message: string }
  | { status: 'forbidden'; message: string }
  | { status: 'unknown-topic'; message: string; suggestions: string[] };

export type SubscribeResult =
  /** `broader`: the built-in topic the typed text is an alias of, which the person may pick instead. */
  /** `subscriber`: the id as parsed here, for whatever follows (its delivery target). */
  | { status: 'subscribed'; subscription: Subscription; subscriber: SubscriberId; topic: TopicDefinition; createdTopic: boolean; broader?: TopicDefinition }
  /** `updated`: the subscription as this request changed its limits. */
  | { status: 'duplicate'; message: string; topic: TopicDefinition; updated?: Subscription }
  /** The topic was found, then removed (`topics remove`) before the subscription was written: nothing stored. */
  | { status: 'topic-removed'; message: string; topic: TopicDefinition }
  | SubscriptionRefusal;

/** A subscription's limits as `subscriptions` lists them ("min score 0.6, max 5 papers"); '' without any. */
export function limitsText(s: Pick<Subscription, 'minScore' | 'maxPapers'>): string {
  return [s.minScore !== null ? `min score ${s.minScore}` : '', s.maxPapers !== null ? `max ${s.maxPapers} papers` : ''].filter(Boolean).join(', ');
}

export type UnsubscribeResult =
  | { status: 'unsubscribed'; topic: TopicDefinition }
  | { status: 'not-subscribed'; message: string }
  | SubscriptionRefusal;

export interface SubscriptionView extends Subscription {
  topicName: string;
}

export type ListResult = { status: 'ok'; items: SubscriptionView[] } | { status: 'invalid'; message: string };

export interface SubscriptionService {
  subscribe(actor: Actor, req: SubscribeRequest): Promise<SubscribeResult>;
  unsubscribe(actor: Actor, req: { subscriber: string; kind: SubscriberKind; topic: string }): Promise<UnsubscribeResult>;
  list(filter?: { subscriber?: string; kind?: SubscriberKind; topic?: string }): Promise<ListResult>;
}

function who(actor: Actor, subscriber: SubscriberId): SubscriptionRefusal | null {
  if (mayManage(actor, subscriber)) return null;
  return {
    status: 'forbidden',
    message:
      subscriber.kind === 'user'
        ? 'You can only change your own subscriptions.'
        : `You are not allowed to manage subscriptions for ${subscriber.id}; ask a channel manager.`,
  };
}

/** The most papers a subscription's --max-papers / max papers may ask for per digest. */
export const MAX_PAPERS_PER_SUBSCRIPTION = 100;

function checkOptions(req: SubscribeRequest): SubscriptionRefusal | null {
  const { minScore, maxPapers } = req;
  if (minScore !== undefined && minScore !== null && !(Number.isFinite(minScore) && minScore >= 0 && minScore <= 1)) {
    return { status: 'invalid', message: `Minimum score must be a number between 0 and 1, got ${String(minScore).slice(0, 20)}` };
  }
  if (maxPapers !== undefined && maxPapers !== null && !(Number.isInteger(maxPapers) && maxPapers >= 1 && maxPapers <= MAX_PAPERS_PER_SUBSCRIPTION)) {
    return { status: 'invalid', message: `Most papers per digest must be a whole number from 1 to ${MAX_PAPERS_PER_SUBSCRIPTION}, got ${String(maxPapers).slice(0, 20)}` };
  }
  return null;
}

export function createSubscriptionService(deps: { subscriptions: SubscriptionStore; topics: TopicService; targets?: Pick<TargetStore, 'get'>; clock?: Clock }): SubscriptionService {
  const now = () => deps.clock?.now() ?? new Date();

  /** Null when the id is unused or in use as this kind (kind-in-use.ts). */
  async function kindConflict(subscriber: { id: string; kind: SubscriberKind }): Promise<SubscriptionRefusal | null> {
    const inUse = await kindInUse(subscriber.id, { targets: deps.targets, subscriptions: deps.subscriptions });
    return inUse && inUse !== subscriber.kind ? { status: 'invalid', message: `${kindConflictMessage(subscriber.id, inUse, subscriber.kind)}; nothing changed` } : null;
  }

  /** The topic a request names, made from its text when asked to; else the answer saying why not. */
  async function topicFor(req: SubscribeRequest, actorId: string): Promise<{ topic: TopicDefinition; created: boolean; broader?: TopicDefinition } | SubscribeResult> {
    // Whoever subscribes to a narrower alias is offered the built-in topic, not only its first subscriber.
    const withBroader = async (topic: TopicDefinition, created: boolean) => {
      const broader = await deps.topics.broaderOf(topic);
      return broader ? { topic, created, broader } : { topic, created };
    };
    if (!req.createIfMissing) {
      const found = await deps.topics.find(req.topic);
      return found.status === 'found' ? withBroader(found.topic, false) : { status: 'unknown-topic', message: found.message, suggestions: found.suggestions };
    }
    const [typed] = await deps.topics.classifyTyped([req.topic]);
    if (typed!.status === 'found') return withBroader(typed!.topic, false);
    if (typed!.status === 'typo' && req.createIfMissing === 'unless-typo') return { status: 'unknown-topic', message: typed!.message, suggestions: typed!.suggestions };
    const made = await deps.topics.findOrCreate(req.topic, actorId);
    if (made.status === 'invalid') return made;
    return withBroader(made.topic, made.status === 'created');
  }

  /**
   * Subscribing again changes nothing but the limits it names: it is how a subscriber changes
   * its minimum score or paper count without losing the subscription.
   */
  async function subscribedAgain(current: Subscription, topic: TopicDefinition, req: SubscribeRequest): Promise<SubscribeResult> {
    const limits: SubscriptionLimits = {};
    if (req.minScore !== undefined && req.minScore !== current.minScore) limits.minScore = req.minScore;
    if (req.maxPapers !== undefined && req.maxPapers !== current.maxPapers) limits.maxPapers = req.maxPapers;
    const already = `${current.subscriber} is already subscribed to "${topic.name}"`;
    if (!Object.keys(limits).length || !(await deps.subscriptions.setLimits(current.subscriber, current.topicSlug, limits))) {
      return { status: 'duplicate', topic, message: `${already}; nothing changed.` };
    }
    const subscription = { ...current, ...limits };
    return { status: 'duplicate', topic, updated: subscription, message: `${already}; now ${limitsText(subscription) || 'without limits'}.` };
  }

  return {
    async subscribe(actor, req) {
      const parsed = parseSubscriberId(req.subscriber, req.kind);
      if (!parsed.ok) return { status: 'invalid', message: parsed.error };
      const refused = who(actor, parsed.value) ?? checkOptions(req) ?? (await kindConflict(parsed.value));
      if (refused) return refused;

      const resolved = await topicFor(req, actor.id);
      if ('status' in resolved) return resolved;
      const { topic, created: createdTopic, broader } = resolved;
      if (!createdTopic) {
        const [existing] = await deps.subscriptions.list({ subscriber: parsed.value.id, topicSlug: topic.slug });
        if (existing) return subscribedAgain(existing, topic, req);
      }

      const subscription: Subscription = {
        subscriber: parsed.value.id,
        kind: parsed.value.kind,
        topicSlug: topic.slug,
        minScore: req.minScore ?? null,
        maxPapers: req.maxPapers ?? null,
        createdBy: actor.id,
        createdAt: now(),
      };
      const added = await deps.subscriptions.add(subscription);
      if (added === 'no-topic') {
        return { status: 'topic-removed', topic, message: `The topic "${topic.name}" was removed while ${parsed.value.id} was being subscribed to it; nothing subscribed.` };
      }
      if (added === 'exists') {
        // Subscribed in the meantime by another request: the same answer as subscribing again.
        const [existing] = await deps.subscriptions.list({ subscriber: parsed.value.id, topicSlug: topic.slug });
        if (existing) return subscribedAgain(existing, topic, req);
        return { status: 'duplicate', topic, message: `${parsed.value.id} is already subscribed to "${topic.name}".` };
      }
      const done = { status: 'subscribed' as const, subscription, subscriber: parsed.value, topic, createdTopic };
      // The built-in is offered only to whoever does not follow it already.
      const offered = broader && !(await deps.subscriptions.list({ subscriber: parsed.value.id, topicSlug: broader.slug })).length ? broader : undefined;
      return offered ? { ...done, broader: offered } : done;
    },

    async unsubscribe(actor, req) {
      const parsed = parseSubscriberId(req.subscriber, req.kind);
      if (!parsed.ok) return { status: 'invalid', message: parsed.error };
      const refused = who(actor, parsed.value);
      if (refused) return refused;
      const found = await deps.topics.find(req.topic);
      if (found.status !== 'found') {
        // What can be left is what is followed: near names among those, not among every topic.
        const followed = new Set((await deps.subscriptions.list({ subscriber: parsed.value.id })).map((s) => s.topicSlug));
        const names = (await deps.topics.list()).filter((t) => followed.has(t.slug)).map((t) => t.name);
        const suggestions = closestNames(req.topic, names);
        // None of those near it: the typo is still named in words (as subscribe and topics show name
        // it), with word that leaving it would do nothing either; `suggestions` stays what can be
        // left, for chat's Unsubscribe buttons.
        const near = suggestions.length ? [] : found.suggestions;
        const notFollowed = near.length ? `${didYouMean(near)} ${parsed.value.id} does not follow ${near.length === 1 ? 'that' : 'those'} either.` : '';
        return { status: 'unknown-topic', message: `${parsed.value.id} follows no topic named "${truncate(req.topic, 80)}".${didYouMean(suggestions)}${notFollowed}`, suggestions };
      }
      const removed = await deps.subscriptions.remove(parsed.value.id, found.topic.slug);
      return removed
        ? { status: 'unsubscribed', topic: found.topic }
        : { status: 'not-subscribed', message: `${parsed.value.id} is not subscribed to "${found.topic.name}".` };
    },

    async list(filter = {}) {
      let subscriber: string | undefined;
      if (filter.subscriber !== undefined) {
        const parsed = parseSubscriberId(filter.subscriber, filter.kind ?? 'user');
        if (!parsed.ok) return { status: 'invalid', message: parsed.error };
        subscriber = parsed.value.id;
      }
      let topicSlug: string | undefined;
      if (filter.topic !== undefined) {
        const found = await deps.topics.find(filter.topic);
        if (found.status !== 'found') return { status: 'invalid', message: found.message };
        topicSlug = found.topic.slug;
      }
      const [subs, topics] = await Promise.all([deps.subscriptions.list({ subscriber, topicSlug }), deps.topics.list()]);
      const names = new Map(topics.map((t) => [t.slug, t.name]));
      const items = subs
        .filter((s) => !filter.kind || s.kind === filter.kind)
        .map((s) => ({ ...s, topicName: names.get(s.topicSlug) ?? s.topicSlug }));
      return { status: 'ok', items };
    },
  };
}

/** The memory stores of what people asked for: topics, feedback marks, subscriptions, and the cache a topic's drafts live in (see memory-stores.ts). */
import { DRAFT_NAMESPACE } from '../../src/core/topics/draft-namespace.js';
import type { CacheStore, FeedbackMark, FeedbackStore, Subscription, SubscriptionStore, TopicDefinition, TopicStore } from '../../src/core/ports.js';
import { copy } from './memory-copy.js';

export function memoryTopicsAndFriends(cache: MemoryCache): { topics: TopicStore; feedback: FeedbackStore; subscriptions: SubscriptionStore } {
  const topics = new Map<string, TopicDefinition>();
  const marks = new Map<string, FeedbackMark>();
  // By subscriber, then topic: a per-target digest job lists one subscriber's rows, and
  // scanning every subscription per job would make a run over N targets O(N²).
  const subs = new Map<string, Map<string, Subscription>>();
  const allSubs = () => [...subs.values()].flatMap((m) => [...m.values()]);
  const markKey = (m: { topicSlug: string; arxivId: string; actor: string }) => JSON.stringify([m.topicSlug, m.arxivId, m.actor]);
  const subKey = (subscriber: string, topicSlug: string) => JSON.stringify([subscriber, topicSlug]);
  return {
    topics: {
      async list() {
        return [...topics.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1)).map(copy);
      },
      async get(slug) {
        const t = topics.get(slug);
        return t ? copy(t) : null;
      },
      async add(topic) {
        if (topics.has(topic.slug)) return 'exists';
        topics.set(topic.slug, copy(topic));
        return 'created';
      },
      async remove(slug, expected) {
        if (!topics.has(slug)) return false;
        if (expected) {
          const now = allSubs().filter((s) => s.topicSlug === slug).map((s) => s.subscriber).sort();
          if (JSON.stringify(now) !== JSON.stringify([...expected.subscribers].sort())) return 'changed';
          if (expected.marks !== undefined && [...marks.values()].filter((m) => m.topicSlug === slug).length !== expected.marks) return 'changed';
        }
        topics.delete(slug);
        for (const bySlug of subs.values()) bySlug.delete(slug);
        for (const [k, m] of marks) if (m.topicSlug === slug) marks.delete(k);
        cache.drop(DRAFT_NAMESPACE, slug);
        return true;
      },
    },
    feedback: {
      async put(mark) {
        const before = marks.get(markKey(mark))?.verdict ?? null;
        marks.set(markKey(mark), copy(mark));
        return before;
      },
      async remove(key) {
        return marks.delete(markKey(key));
      },
      async forTopic(topicSlug) {
        return [...marks.values()]
          .filter((m) => m.topicSlug === topicSlug)
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (markKey(a) < markKey(b) ? -1 : 1))
          .map(copy);
      },
    },
    subscriptions: {
      async add(sub) {
        // As the databases' foreign key (Subscription -> Topic): a subscription names a topic that is there.
        if (!topics.has(sub.topicSlug)) return 'no-topic';
        let bySlug = subs.get(sub.subscriber);
        if (!bySlug) subs.set(sub.subscriber, (bySlug = new Map()));
        if (bySlug.has(sub.topicSlug)) return 'exists';
        bySlug.set(sub.topicSlug, copy(sub));
        return 'created';
      },
      async remove(subscriber, topicSlug) {
        return subs.get(subscriber)?.delete(topicSlug) ?? false;
      },
      async setLimits(subscriber, topicSlug, limits) {
        const found = subs.get(subscriber)?.get(topicSlug);
        if (!found) return false;
        subs.get(subscriber)!.set(topicSlug, { ...found, ...limits });
        return true;
      },
      async list(filter = {}) {
        const rows = filter.subscriber === undefined ? allSubs() : [...(subs.get(filter.subscriber)?.values() ?? [])];
        return rows
          .filter((s) => filter.topicSlug === undefined || s.topicSlug === filter.topicSlug)
          .sort(
            (a, b) =>
              a.createdAt.getTime() - b.createdAt.getTime() ||
              (subKey(a.subscriber, a.topicSlug) < subKey(b.subscriber, b.topicSlug) ? -1 : 1),
          )
          .map(copy);
      },
    },
  };
}

export type MemoryCache = CacheStore & { drop(namespace: string, key: string): void };

export function memoryCache(): MemoryCache {
  const entries = new Map<string, string>();
  const key = (ns: string, k: string) => JSON.stringify([ns, k]);
  return {
    drop(namespace, k) {
      entries.delete(key(namespace, k));
    },
    async getMany(namespace, keys) {
      const out = new Map<string, string>();
      for (const k of keys) {
        const v = entries.get(key(namespace, k));
        if (v !== undefined) out.set(k, v);
      }
      return out;
    },
    async putMany(namespace, list) {
      for (const [k, v] of list) entries.set(key(namespace, k), v);
    },
    async increment(namespace, k, by) {
      const current = Number.parseInt(entries.get(key(namespace, k)) ?? '0', 10);
      const next = (Number.isFinite(current) ? current : 0) + by;
      entries.set(key(namespace, k), String(next));
      return next;
    },
  };
}

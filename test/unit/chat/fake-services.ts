/**
 * An in-memory CommandServices for chat tests: the same rules the core enforces (users change
 * only their own subscriptions, channels need a manager) so tests can show the chat layer
 * never asks for more than it should. Records every write for assertions.
 */
import type {
  ChannelInfo,
  CommandServices,
  PaperCard,
  SubscriptionChange,
  SubscriptionRequest,
  TopicInfo,
} from '../../../src/chat/commands/services.js';
import type { ChannelSchedule } from '../../../src/chat/commands/command.js';
import { parseQuery } from '../../../src/core/search/query-parser.js';

export interface FakeServices extends CommandServices {
  subs: Map<string, Set<string>>;
  feedback: Array<{ topicSlug: string; arxivId: string; actor: string; verdict: 'up' | 'down' }>;
  schedules: Map<string, Required<ChannelSchedule>>;
  writes: string[];
  /** 'up', 'throw' (database down) or 'hang' (database stuck). */
  mode: 'up' | 'throw' | 'hang';
  searches: string[];
  /** Reading lists by list id, newest save last. */
  saved: Map<string, Array<{ arxivId: string; by: string; at: Date }>>;
}

export const TOPICS: TopicInfo[] = [
  { slug: 'audio-codecs', name: 'audio codecs', description: 'neural audio codecs and speech tokenizers' },
  { slug: 'speculative-decoding', name: 'speculative decoding', description: 'draft-and-verify decoding for LLMs' },
  { slug: 'mixture-of-experts', name: 'mixture of experts', description: 'sparse expert models' },
];

export function paper(i: number, title = `Paper number ${i}`): PaperCard {
  const id = `2501.${String(10000 + i)}`;
  return {
    arxivId: id,
    title,
    authors: ['Ada Lovelace', 'Alan Turing'],
    absUrl: `https://arxiv.org/abs/${id}`,
    pdfUrl: `https://arxiv.org/pdf/${id}`,
    summary: `Summary of paper ${i}.`,
    upvotes: i,
    publishedAt: new Date('2025-01-01T00:00:00Z'),
  };
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

export function createFakeServices(papers: PaperCard[] = Array.from({ length: 8 }, (_, i) => paper(i))): FakeServices {
  const gate = async () => {
    if (fake.mode === 'throw') throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    if (fake.mode === 'hang') await new Promise(() => {});
  };
  /** Topics people created by subscribing to free text. */
  const own: TopicInfo[] = [];
  const find = (text: string) => {
    const t = text.toLowerCase();
    return [...TOPICS, ...own].find((x) => x.slug === t || x.name === t) ?? null;
  };
  const closest = (text: string) =>
    [...TOPICS].sort((a, b) => distance(a.name, text.toLowerCase()) - distance(b.name, text.toLowerCase())).slice(0, 2);
  const change = async (req: SubscriptionRequest, add: boolean): Promise<SubscriptionChange> => {
    await gate();
    if (req.kind === 'user' && req.subscriber !== req.actor.id) return { status: 'forbidden', reason: "users change only their own subscriptions" };
    if (req.kind === 'channel' && !req.actor.mayManageChannel) return { status: 'forbidden', reason: 'not a manager of this channel' };
    let topic = find(req.topic);
    let created = false;
    const nearMiss = TOPICS.some((t) => distance(t.name, req.topic.toLowerCase()) <= 2);
    if (!topic && add && req.create && (req.create === 'always' || !nearMiss)) {
      // Free text becomes a topic of its own, as the real core does (see core-adapter.test.ts).
      topic = { slug: req.topic.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name: req.topic, description: req.topic };
      own.push(topic);
      created = true;
    }
    if (!topic) return { status: 'unknown-topic', suggestions: closest(req.topic) };
    const set = fake.subs.get(req.subscriber) ?? new Set<string>();
    fake.subs.set(req.subscriber, set);
    if (add) {
      if (set.has(topic.slug)) return { status: 'already-subscribed', topic };
      set.add(topic.slug);
      fake.writes.push(`subscribe ${req.subscriber} ${topic.slug}`);
      if (!created) return { status: 'subscribed', topic };
      const words = req.topic.toLowerCase().split(/\s+/);
      const slug = topic.slug;
      const preview = papers.filter((p) => words.some((w) => p.title.toLowerCase().includes(w))).map((p) => ({ paper: p, topicSlug: slug, score: 0.8, why: `title: '${words[0]}'` }));
      return { status: 'subscribed', topic, created, preview };
    }
    if (!set.delete(topic.slug)) return { status: 'not-subscribed', topic };
    fake.writes.push(`unsubscribe ${req.subscriber} ${topic.slug}`);
    return { status: 'unsubscribed', topic };
  };
  const listSubscriptions = async (subscriber: string) => {
    await gate();
    return [...(fake.subs.get(subscriber) ?? [])].map((slug) => ({ topic: [...TOPICS, ...own].find((t) => t.slug === slug)!, createdAt: new Date(0) }));
  };
  const fake: FakeServices = {
    subs: new Map(),
    feedback: [],
    schedules: new Map(),
    writes: [],
    mode: 'up',
    searches: [],
    saved: new Map(),
    async saveToList({ list, arxivId, by }) {
      await gate();
      const p = papers.find((x) => x.arxivId === arxivId);
      if (!p) return { status: 'unknown-paper' };
      const entries = fake.saved.get(list) ?? [];
      fake.saved.set(list, entries);
      if (entries.some((e) => e.arxivId === arxivId)) return { status: 'already-saved', paper: p };
      entries.push({ arxivId, by, at: new Date(Date.UTC(2026, 0, 1, 0, entries.length)) });
      fake.writes.push(`save ${list} ${arxivId}`);
      return { status: 'saved', paper: p };
    },
    async removeFromList({ list, arxivId, actor }) {
      await gate();
      const entries = fake.saved.get(list) ?? [];
      const e = entries.find((x) => x.arxivId === arxivId);
      if (!e) return { status: 'not-saved' };
      if (list !== actor.id && e.by !== actor.id && !actor.mayManageChannel) return { status: 'forbidden', reason: 'not yours' };
      entries.splice(entries.indexOf(e), 1);
      fake.writes.push(`unsave ${list} ${arxivId}`);
      return { status: 'removed' };
    },
    async readingList(list, limit, offset = 0) {
      await gate();
      const entries = [...(fake.saved.get(list) ?? [])].reverse();
      return { total: entries.length, entries: entries.slice(offset, offset + limit).map((e) => ({ paper: papers.find((p) => p.arxivId === e.arxivId)!, savedBy: e.by, savedAt: e.at })) };
    },
    async exportList(list, format, name) {
      await gate();
      const entries = fake.saved.get(list) ?? [];
      const content = entries.map((e) => `@misc{arXiv:${e.arxivId},\n  eprint = {${e.arxivId}}\n}\n`).join('\n');
      return { format, count: entries.length, content, filename: `${name}.bib`, mime: 'application/x-bibtex' };
    },
    async search(query, limit) {
      await gate();
      fake.searches.push(query);
      // The core's own query rules and messages, so a test can't pass on words only the fake says.
      const parsed = parseQuery(query);
      if (!parsed.ok) return { status: 'invalid', message: parsed.error };
      const words = query.toLowerCase().split(/\s+/);
      const hits = papers.filter((p) => words.some((w) => p.title.toLowerCase().includes(w)));
      return { status: 'ok', hits: hits.slice(0, limit).map((p, i) => ({ paper: p, score: 1 / (i + 1) })) };
    },
    async listTopics() {
      await gate();
      return [...TOPICS, ...own];
    },
    async findTopic(text) {
      await gate();
      const topic = find(text);
      return topic ? { status: 'found', topic } : { status: 'unknown', suggestions: closest(text) };
    },
    subscribe: (req) => change(req, true),
    unsubscribe: (req) => change(req, false),
    listSubscriptions,
    async previewDigest(subscriber) {
      const subs = await listSubscriptions(subscriber);
      if (subs.length === 0) return { status: 'no-subscriptions' };
      return { status: 'ok', since: null, items: papers.slice(0, 3).map((p, i) => ({ paper: p, topicSlug: subs[0]!.topic.slug, score: 1 - i / 10, why: 'title: test' })) };
    },
    async recordFeedback(mark) {
      await gate();
      const topic = [...TOPICS, ...own].find((t) => t.slug === mark.topicSlug);
      if (!topic) return { status: 'unknown-topic' };
      if (mark.verdict === 'clear') {
        const at = fake.feedback.findIndex((m) => m.topicSlug === mark.topicSlug && m.arxivId === mark.arxivId && m.actor === mark.actor);
        if (at < 0) return { status: 'not-marked', topic };
        const [was] = fake.feedback.splice(at, 1);
        fake.writes.push(`feedback ${mark.actor} ${mark.topicSlug} ${mark.arxivId} clear`);
        return { status: 'cleared', topic, verdict: was!.verdict };
      }
      if (!papers.some((p) => p.arxivId === mark.arxivId)) return { status: 'unknown-paper' };
      fake.feedback.push({ ...mark, verdict: mark.verdict });
      fake.writes.push(`feedback ${mark.actor} ${mark.topicSlug} ${mark.arxivId} ${mark.verdict}`);
      return { status: 'recorded', topic };
    },
    async channelInfo(channel): Promise<ChannelInfo> {
      return { subscriptions: await listSubscriptions(channel), schedule: fake.schedules.get(channel) ?? null };
    },
    async setChannelSchedule(req) {
      await gate();
      if (!req.actor.mayManageChannel) return { status: 'forbidden', reason: 'not a manager of this channel' };
      const s = { time: req.schedule.time, timeZone: req.schedule.timeZone ?? 'UTC', weekdaysOnly: req.schedule.weekdaysOnly ?? false, weeklyOn: req.schedule.weeklyOn ?? null };
      fake.schedules.set(req.channel, s);
      fake.writes.push(`schedule ${req.channel} ${s.time} ${s.timeZone} ${s.weekdaysOnly}`);
      return { status: 'scheduled', schedule: s };
    },
  };
  return fake;
}

/** Recording relevance marks and turning them into per-topic learned models. */
import type { Clock, FeedbackStore, FeedbackVerdict, PaperStore, TopicDefinition } from '../ports.js';
import { truncate } from '../truncate.js';
import { learnModel, type LearnedModel } from './feedback-model.js';
import type { TopicService } from './topic-service.js';
import { parseVerdict } from './verdict.js';

export type FeedbackResult =
  /**
   * `again`: the actor had given this very verdict already (a second press of the same button);
   * `replaced`: the other verdict they had given, which this one replaces (one mark per person and paper).
   */
  | { status: 'recorded'; topic: TopicDefinition; arxivId: string; verdict: FeedbackVerdict; again?: boolean; replaced?: FeedbackVerdict }
  | { status: 'unknown-topic'; message: string; suggestions: string[] }
  | { status: 'unknown-paper'; message: string }
  | { status: 'invalid'; message: string };

export type ClearResult =
  | { status: 'cleared'; topic: TopicDefinition; arxivId: string; verdict: FeedbackVerdict }
  | { status: 'not-marked'; topic: TopicDefinition; message: string }
  | Extract<FeedbackResult, { status: 'unknown-topic' | 'invalid' }>;

/** A mark as `topics show` lists it: the paper's title when it is still stored. */
export interface MarkedPaper {
  arxivId: string;
  title: string | null;
  verdict: FeedbackVerdict;
  actor: string;
  markedAt: Date;
}

export interface FeedbackService {
  record(input: { topic: string; arxivId: string; actor: string; verdict: string }): Promise<FeedbackResult>;
  /** Takes the actor's mark back: the paper is matched as if never marked by them. */
  clear(input: { topic: string; arxivId: string; actor: string }): Promise<ClearResult>;
  /** The topic's marks, oldest first. */
  marks(topicSlug: string): Promise<MarkedPaper[]>;
  /** Learned models for the given topics (topics without marks are absent). */
  models(topicSlugs: readonly string[]): Promise<Map<string, LearnedModel>>;
  /** Counts the marks this service has recorded: a model learned before a change is stale. */
  revision(): number;
}

/** How many recent papers tell which phrases are merely common. */
const BACKGROUND_SAMPLE = 400;

/** The longest actor id a mark is kept under (the CLI checks --actor against it before opening the database). */
export const MAX_ACTOR_CHARS = 200;

export function createFeedbackService(deps: { feedback: FeedbackStore; papers: PaperStore; topics: TopicService; clock?: Clock }): FeedbackService {
  let revision = 0;
  /** The topic and the paper id a mark is kept under (no version: a mark is on the paper), or why not. */
  async function markKey(topic: string, arxivId: string, actor: string) {
    if (!actor || actor.length > MAX_ACTOR_CHARS) return { status: 'invalid' as const, message: 'A feedback mark needs an actor id' };
    // A narrower alias is not the built-in (topics.find): its marks must not retrain the built-in topic.
    const found = await deps.topics.find(topic);
    if (found.status !== 'found') return { status: 'unknown-topic' as const, message: found.message, suggestions: found.suggestions };
    return { status: 'ok' as const, topic: found.topic, id: arxivId.trim().replace(/v\d+$/, '') };
  }
  return {
    revision: () => revision,
    async record({ topic, arxivId, actor, verdict }) {
      const read = parseVerdict(verdict);
      if (!read) return { status: 'invalid', message: 'Verdict must be "up" or "down"' };
      const key = await markKey(topic, arxivId, actor);
      if (key.status !== 'ok') return key;
      const { id } = key;
      const paper = id.length > 0 && id.length <= 200 ? await deps.papers.get(id) : null;
      if (!paper) return { status: 'unknown-paper', message: `No paper with id "${arxivId.slice(0, 60)}" in the database` };
      const before = await deps.feedback.put({ topicSlug: key.topic.slug, arxivId: id, actor, verdict: read, createdAt: deps.clock?.now() ?? new Date() });
      const again = before === read;
      revision++;
      return { status: 'recorded', topic: key.topic, arxivId: id, verdict: read, ...(again ? { again } : before ? { replaced: before } : {}) };
    },
    async clear({ topic, arxivId, actor }) {
      const key = await markKey(topic, arxivId, actor);
      if (key.status !== 'ok') return key;
      // No paper lookup: a mark on a paper no longer stored can be taken back too.
      const mark = (await deps.feedback.forTopic(key.topic.slug)).find((m) => m.arxivId === key.id && m.actor === actor);
      if (!mark || !(await deps.feedback.remove(mark))) {
        return { status: 'not-marked', topic: key.topic, message: `${truncate(actor, 60)} has no mark on ${truncate(key.id, 60)} for "${key.topic.name}" (\`topics show\` lists the topic's marks)` };
      }
      revision++;
      return { status: 'cleared', topic: key.topic, arxivId: key.id, verdict: mark.verdict };
    },
    async marks(topicSlug) {
      const marks = await deps.feedback.forTopic(topicSlug);
      const papers = await deps.papers.getMany([...new Set(marks.map((m) => m.arxivId))]);
      return marks.map((m) => ({ arxivId: m.arxivId, title: papers.get(m.arxivId)?.title ?? null, verdict: m.verdict, actor: m.actor, markedAt: m.createdAt }));
    },
    async models(topicSlugs) {
      const out = new Map<string, LearnedModel>();
      let background: Awaited<ReturnType<PaperStore['list']>> | null = null;
      for (const slug of topicSlugs) {
        const marks = await deps.feedback.forTopic(slug);
        if (marks.length === 0) continue;
        background ??= await deps.papers.list({ limit: BACKGROUND_SAMPLE });
        const papers = await deps.papers.getMany([...new Set(marks.map((m) => m.arxivId))]);
        out.set(slug, learnModel(marks, papers, background));
      }
      return out;
    },
  };
}

/** Recording relevance marks and turning them into per-topic learned models. */
import type { Clock, FeedbackStore, FeedbackVerdict, PaperStore, TopicDefinition } from '../ports.js';
import { learnModel, type LearnedModel } from './feedback-model.js';
import type { TopicService } from './topic-service.js';
import { parseVerdict } from './verdict.js';

export type FeedbackResult =
  | { status: 'recorded'; topic: TopicDefinition; arxivId: string; verdict: FeedbackVerdict }
  | { status: 'unknown-topic'; message: string; suggestions: string[] }
  | { status: 'unknown-paper'; message: string }
  | { status: 'invalid'; message: string };

export interface FeedbackService {
  record(input: { topic: string; arxivId: string; actor: string; verdict: string }): Promise<FeedbackResult>;
  /** Learned models for the given topics (topics without marks are absent). */
  models(topicSlugs: readonly string[]): Promise<Map<string, LearnedModel>>;
  /** Counts the marks this service has recorded: a model learned before a change is stale. */
  revision(): number;
}

/** How many recent papers tell which phrases are merely common. */
const BACKGROUND_SAMPLE = 400;

export function createFeedbackService(deps: { feedback: FeedbackStore; papers: PaperStore; topics: TopicService; clock?: Clock }): FeedbackService {
  let revision = 0;
  return {
    revision: () => revision,
    async record({ topic, arxivId, actor, verdict }) {
      const read = parseVerdict(verdict);
      if (!read) return { status: 'invalid', message: 'Verdict must be "up" or "down"' };
      if (!actor || actor.length > 200) return { status: 'invalid', message: 'A feedback mark needs an actor id' };
      // A narrower alias is not the built-in (topics.find): its marks must not retrain the built-in topic.
      const found = await deps.topics.find(topic);
      if (found.status !== 'found') return { status: 'unknown-topic', message: found.message, suggestions: found.suggestions };
      const id = arxivId.trim().replace(/v\d+$/, '');
      const paper = id.length > 0 && id.length <= 200 ? await deps.papers.get(id) : null;
      if (!paper) return { status: 'unknown-paper', message: `No paper with id "${arxivId.slice(0, 60)}" in the database` };
      await deps.feedback.put({ topicSlug: found.topic.slug, arxivId: id, actor, verdict: read, createdAt: deps.clock?.now() ?? new Date() });
      revision++;
      return { status: 'recorded', topic: found.topic, arxivId: id, verdict: read };
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

/** What the topics module needs from outside: topic and feedback stores, embeddings, an LLM drafter. */
export interface TopicDefinition {
  /** URL-safe, lower-case id derived from the name: 'audio-codecs'. */
  slug: string;
  name: string;
  /** Plain-language description; the matcher expands it. */
  description: string;
  /** Phrases of which at least one must appear (empty: no constraint). */
  mustPhrases: string[];
  /** Phrases that exclude a paper. */
  mustNotPhrases: string[];
  /** arXiv categories a paper must have one of (empty: any). */
  categories: string[];
  minUpvotes: number | null;
  builtin: boolean;
  createdBy: string | null;
  createdAt: Date;
}

export interface TopicStore {
  list(): Promise<TopicDefinition[]>;
  get(slug: string): Promise<TopicDefinition | null>;
  /** Insert; returns 'exists' if the slug is taken. */
  add(topic: TopicDefinition): Promise<'created' | 'exists'>;
  /**
   * Removes the topic and its subscriptions, feedback and stored definition (draft-service.ts).
   * With `expected`, only while its subscribers are exactly those and (when given) its feedback
   * marks that many (checked in the delete's own transaction): 'changed', nothing removed, when
   * someone subscribed, left or marked a paper since they were shown.
   */
  remove(slug: string, expected?: { subscribers: readonly string[]; marks?: number }): Promise<boolean | 'changed'>;
}

export type FeedbackVerdict = 'up' | 'down';

export interface FeedbackMark {
  topicSlug: string;
  arxivId: string;
  actor: string;
  verdict: FeedbackVerdict;
  createdAt: Date;
}

export interface FeedbackStore {
  /** One mark per (topic, paper, actor); a new verdict replaces the old, which it returns (null when there was none). */
  put(mark: FeedbackMark): Promise<FeedbackVerdict | null>;
  /** Takes the actor's mark back; false when there was none. */
  remove(key: Pick<FeedbackMark, 'topicSlug' | 'arxivId' | 'actor'>): Promise<boolean>;
  forTopic(topicSlug: string): Promise<FeedbackMark[]>;
}

export interface EmbeddingProvider {
  readonly model: string;
  embed(texts: string[]): Promise<number[][]>;
}

/**
 * Drafts a free-text topic's definition (an LLM, when one is configured): phrases papers on
 * the topic use, and phrases of neighbouring ideas it does not mean. Null when it cannot.
 */
export interface TopicDrafter {
  readonly model: string;
  draft(topicText: string): Promise<{ expansions: string[]; exclusions: string[] } | null>;
}

/**
 * Decides whether papers are on a topic (an LLM, when one is configured and the check is on):
 * true or false per paper id it judged; null when it cannot answer now (budget, failure).
 */
export interface RelevanceJudge {
  readonly model: string;
  /** `examples`: titles of papers people marked on the topic, to judge by as well as its words. */
  judge(topicText: string, papers: ReadonlyArray<{ id: string; title: string; abstract: string }>, examples?: JudgeExamples): Promise<Map<string, boolean> | null>;
}

/** Titles of papers marked relevant (`up`) and not relevant (`down`) on a topic. */
export interface JudgeExamples {
  up: readonly string[];
  down: readonly string[];
}

/**
 * The interfaces the core needs from the outside world. Adapters (Prisma stores,
 * HTTP sources, Slack/Discord notifiers, OpenAI) implement them; the core imports
 * nothing but these.
 */
import type { Paper, PaperInput, SourceName } from './papers/paper.js';
import type { SavedPaperStore } from './saved/reading-list.js';

// ---------------------------------------------------------------- papers

export interface PaperListQuery {
  /** Papers first seen (or published, when `field` says so) at or after this instant. */
  since?: Date;
  /** Only papers updated strictly after this instant (index catch-up). */
  updatedAfter?: Date;
  limit?: number;
  /** Sort order; default newest first by publishedAt then firstSeenAt. */
  order?: 'newest' | 'oldest';
}

export interface UpsertResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** `updateOnly` inputs whose paper we do not have. */
  skipped: string[];
}

export interface PaperStore {
  /** Papers by id; missing ids are absent from the map. */
  getMany(ids: readonly string[]): Promise<Map<string, Paper>>;
  get(id: string): Promise<Paper | null>;
  /**
   * Merge inputs into stored papers (see core/papers/merge.ts) and write only what
   * changed, set-based, in one transaction per call: all of the batch or none.
   */
  upsertMany(inputs: readonly PaperInput[], now: Date): Promise<UpsertResult>;
  list(query: PaperListQuery): Promise<Paper[]>;
  /** Streams every paper in pages (index builds); order by arxivId. */
  iterate(pageSize?: number): AsyncIterable<Paper[]>;
  count(): Promise<number>;
  /** Store a computed summary once; returns false if one was already there. */
  setSummary(id: string, summary: string, source: string): Promise<boolean>;
}

export type IngestStatus = 'running' | 'succeeded' | 'partial' | 'failed';

export interface IngestRun {
  id: string;
  source: SourceName;
  /** Human description of the window: '2026-11-27', '2026-11-01..2026-11-27', a feed URL. */
  window: string;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  status: IngestStatus;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** Units that succeeded in this run, by label (recorded by `finish`). */
  unitDigests?: Record<string, UnitDigest> | null;
}

/** What a later run needs to skip an identical unit without reading it. */
export interface UnitDigest {
  /** FetchedUnit.digest of the input merged. */
  d: string;
  /** Papers the unit held, reported as unchanged when it is skipped. */
  n: number;
  /** Inputs the store skipped (updates for papers it does not have), reported again as such. */
  s: number;
  /** FetchedUnit.parts of that input. */
  p?: number;
}

export interface IngestRunStore {
  start(source: SourceName, window: string, now: Date): Promise<IngestRun>;
  finish(run: IngestRun): Promise<void>;
  latest(limit?: number): Promise<IngestRun[]>;
  /**
   * Unit digests from finished runs of `source` after which no paper was written (Paper.updatedAt
   * no later than the run's finishedAt), newest run first per label: input identical to one of
   * these would merge to what is stored already. A store that cannot tell returns none.
   */
  settledUnits(source: SourceName): Promise<Map<string, UnitDigest>>;
}

// ---------------------------------------------------------------- sources

/** One independently fetchable piece of a request: a day, a feed, a file, a query page. */
export interface SourceUnit {
  /** Human label for logs and failure lines: '2026-11-27', 'https://…/atom/cs.CL'. */
  label: string;
  /** Opaque to the ingest job. */
  params: Record<string, string>;
}

export interface SourceRequest {
  /** Inclusive date range, YYYY-MM-DD (UTC). */
  from: string;
  to: string;
  categories?: string[];
  feedUrl?: string;
  filePath?: string;
}

export interface PaperSource {
  readonly name: SourceName;
  /** Split a request into units; one failed unit must not lose the others. */
  units(request: SourceRequest): SourceUnit[];
  /** Fetch and map one unit. Throws SourceError on bad input/HTTP failure. */
  fetchUnit(unit: SourceUnit, signal?: AbortSignal): Promise<PaperInput[]>;
  /**
   * Fetch one unit without mapping it, so an unchanged unit costs only its download. Sources
   * without it are always mapped and merged paper by paper.
   */
  fetchRaw?(unit: SourceUnit, signal?: AbortSignal, parts?: number): Promise<FetchedUnit>;
}

/**
 * A unit's raw input. Given `parts` (what the unit held last time), a paged source fetches that
 * many pages without decoding them to find the end: identical bytes end where they ended then.
 */
export interface FetchedUnit {
  /** Hash of the raw bytes fetched (file content, page bodies in order): equal digests, equal input. */
  digest: string;
  /** Map to papers, fetching on when the pages fetched were not all (or more than) the unit holds; throws as fetchUnit does. */
  parse(): Promise<ParsedUnit>;
}

export interface ParsedUnit {
  papers: PaperInput[];
  /** Digest and count of the pieces (pages) the papers came from. */
  digest: string;
  parts: number;
}

// ---------------------------------------------------------------- topics, feedback, subscriptions

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
  /** Removes the topic and its subscriptions and feedback. */
  remove(slug: string): Promise<boolean>;
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
  /** One mark per (topic, paper, actor); a new verdict replaces the old. */
  put(mark: FeedbackMark): Promise<void>;
  forTopic(topicSlug: string): Promise<FeedbackMark[]>;
}

/** `slack:U123`, `slack:C123`, `discord:123456789012345678`, `console`. */
export type SubscriberKind = 'user' | 'channel';

export interface Subscription {
  subscriber: string;
  kind: SubscriberKind;
  topicSlug: string;
  /** Matches below this score are left out for this subscriber. */
  minScore: number | null;
  /** At most this many papers per digest for this subscription. */
  maxPapers: number | null;
  createdBy: string;
  createdAt: Date;
}

export interface SubscriptionStore {
  /** Returns 'exists' for a duplicate (subscriber, topic). */
  add(sub: Subscription): Promise<'created' | 'exists'>;
  remove(subscriber: string, topicSlug: string): Promise<boolean>;
  list(filter?: { subscriber?: string; topicSlug?: string }): Promise<Subscription[]>;
}

// ---------------------------------------------------------------- digests & delivery

/** Where digests go and when. `id` is the subscriber id (channel or user for DMs) or 'console'. */
export interface DeliveryTarget {
  id: string;
  platform: 'slack' | 'discord' | 'console';
  kind: SubscriberKind | 'console';
  /** HH:MM, 24 h. */
  time: string;
  /** IANA time zone. */
  timeZone: string;
  weekdaysOnly: boolean;
  maxPapers: number;
  notifyEmpty: boolean;
  /** End of the last delivered window; papers first seen after it are new. */
  lastDigestAt: Date | null;
  status: 'active' | 'broken';
  brokenReason: string | null;
  failureCount: number;
}

export interface TargetStore {
  upsert(target: DeliveryTarget): Promise<void>;
  get(id: string): Promise<DeliveryTarget | null>;
  list(): Promise<DeliveryTarget[]>;
  /** Removes the target and its subscriptions together; true if there was either. */
  remove(id: string): Promise<boolean>;
  /** Advance the window only after every part of the digest is sent; never moves it back. */
  markDelivered(id: string, windowEnd: Date): Promise<void>;
  markFailure(id: string, reason: string, broken: boolean): Promise<void>;
}

/** A digest frozen at planning time so that a resume renders the same parts. */
export interface PlannedDigest {
  targetId: string;
  windowStart: Date | null;
  windowEnd: Date;
  /** Selected papers, ranked, with the topic and reason each matched on. */
  items: Array<{ arxivId: string; topicSlug: string; score: number; why: string }>;
  createdAt: Date;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'rejected' | 'rate-limited';

export interface DeliveryPart {
  targetId: string;
  /** ISO instant of the window end: one digest per target and window. */
  windowKey: string;
  part: number;
  totalParts: number;
  status: DeliveryStatus;
  /** Slack `ts` or Discord message id once sent. */
  platformMessageId: string | null;
  attempts: number;
  lastError: string | null;
  updatedAt: Date;
}

export interface DeliveryLedger {
  /** Save the plan once; if one exists for (target, windowEnd) return that one instead. */
  planDigest(digest: PlannedDigest): Promise<PlannedDigest>;
  /**
   * Unfinished digests (some part not sent), for resume after a crash. With `targetId`, only
   * that target's (a per-target job must cost O(that target), not O(all targets)).
   */
  openDigests(targetId?: string): Promise<PlannedDigest[]>;
  /** Parts recorded for a digest. */
  parts(targetId: string, windowKey: string): Promise<DeliveryPart[]>;
  /** Record (or keep) a part as pending before posting it. Idempotent. */
  markPending(targetId: string, windowKey: string, part: number, totalParts: number): Promise<DeliveryPart>;
  markSent(targetId: string, windowKey: string, part: number, platformMessageId: string): Promise<void>;
  markFailed(targetId: string, windowKey: string, part: number, status: Exclude<DeliveryStatus, 'pending' | 'sent'>, error: string): Promise<void>;
}

// ---------------------------------------------------------------- notifiers & summaries

/** A message part already rendered for one platform (opaque to the core). */
export interface RenderedPart {
  part: number;
  totalParts: number;
  /** Plain text fallback / console text. */
  text: string;
  /** Platform payload (Block Kit blocks, Discord embeds+components). */
  payload: unknown;
  /** A marker the notifier embeds so a lost response can be detected by reading history. */
  dedupeKey: string;
}

export type SendOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'rate-limited'; retryAfterMs: number; error: string }
  | { status: 'failed'; error: string; retryable: boolean }
  | { status: 'rejected'; error: string };

export interface Notifier {
  readonly platform: 'slack' | 'discord' | 'console';
  /**
   * Look for an already-posted message carrying `dedupeKey` (a response lost after the
   * platform accepted the post); return its id if found.
   */
  findPosted(targetId: string, dedupeKey: string, since: Date): Promise<string | null>;
  send(targetId: string, part: RenderedPart): Promise<SendOutcome>;
}

export interface SummaryRequest {
  arxivId: string;
  title: string;
  abstract: string;
}

export interface Summarizer {
  readonly kind: 'llm' | 'extractive';
  /** Returns null when this summarizer can't (budget spent, bad output); the caller falls back. */
  summarize(req: SummaryRequest): Promise<string | null>;
}

export interface EmbeddingProvider {
  readonly model: string;
  embed(texts: string[]): Promise<number[][]>;
}

export interface Clock {
  now(): Date;
}

/** Run a job once per schedule slot across replicas. */
export interface RunCoordinator {
  /** Insert-if-absent on (job, slot); true if this replica won the slot. */
  claim(job: string, slot: string, replica: string, now: Date): Promise<boolean>;
  complete(job: string, slot: string, status: 'succeeded' | 'failed', detail: string | null, now: Date): Promise<void>;
  lastRun(job: string): Promise<{ slot: string; status: string; finishedAt: Date | null } | null>;
}

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

/** Small shared key/value state: embedding vectors, token counters. */
/**
 * Drafts a free-text topic's definition (an LLM, when one is configured): phrases papers on
 * the topic use, and phrases of neighbouring ideas it does not mean. Null when it cannot.
 */
export interface TopicDrafter {
  readonly model: string;
  draft(topicText: string): Promise<{ expansions: string[]; exclusions: string[] } | null>;
}

export interface CacheStore {
  getMany(namespace: string, keys: readonly string[]): Promise<Map<string, string>>;
  putMany(namespace: string, entries: ReadonlyArray<[string, string]>): Promise<void>;
  /** Atomically add `by` to an integer counter (created at 0) and return the new value. */
  increment(namespace: string, key: string, by: number): Promise<number>;
}

/** Everything persistent, as one bundle the composition root builds once. */
export interface Stores {
  papers: PaperStore;
  ingestRuns: IngestRunStore;
  topics: TopicStore;
  feedback: FeedbackStore;
  subscriptions: SubscriptionStore;
  targets: TargetStore;
  ledger: DeliveryLedger;
  runs: RunCoordinator;
  cache: CacheStore;
  /** Reading lists (core/saved). */
  saved: SavedPaperStore;
  /** Throws if the database is unreachable (health checks, friendly chat errors). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

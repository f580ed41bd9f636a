/** What the digest module needs from outside: the delivery ledger, notifiers and summarizers (and the one error a notifier throws that delivery acts on). */
import type { TargetPlatform } from '../platforms.js';

/** A digest frozen at planning time so that a resume renders the same parts. */
export interface PlannedDigest {
  targetId: string;
  windowStart: Date | null;
  windowEnd: Date;
  /** Selected papers, ranked, with the topic and reason each matched on (and the arXiv version planned). */
  items: Array<{ arxivId: string; topicSlug: string; score: number; why: string; version?: number | null }>;
  createdAt: Date;
  /** The target's thread setting when planned: a resume posts the same shape (absent: false). */
  threads?: boolean;
  /** The target's language when planned (absent/null: English): a retry renders the same words. */
  language?: string | null;
  /** Papers new to the target that matched its topics but did not fit its max papers (absent: 0). */
  moreMatched?: number;
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
  /** When the part first became pending: no earlier post of it can exist (null: recorded before this was kept). */
  pendingSince: Date | null;
}

export interface PlanDigestOptions {
  /** Carry papers the target was given before (`digest --resend`): the memory is overridden on purpose. */
  resend?: boolean;
}

/** An unfinished digest with the parts recorded for it so far, read with it (they are what makes it open). */
export interface OpenDigest extends PlannedDigest {
  parts: DeliveryPart[];
}

export interface DeliveryLedger {
  /**
   * Save the plan once; if one exists for (target, windowEnd) return that one instead. In the
   * same transaction the plan's papers are remembered for the target (per-target paper memory),
   * so a paper reaches a target at most once whatever the window: items the target was already
   * given (another plan claimed them first) are dropped from the saved plan unless `resend`.
   * Returns the plan as saved.
   */
  planDigest(digest: PlannedDigest, opts?: PlanDigestOptions): Promise<PlannedDigest>;
  /**
   * Of `arxivIds` (versionless), those the target has been given or is being given: each with
   * the window key of the digest that carries it.
   */
  deliveredPapers(targetId: string, arxivIds: readonly string[]): Promise<Map<string, string>>;
  /**
   * Unfinished digests (some part not sent), for resume after a crash. With `targetId`, only
   * that target's (a per-target job must cost O(that target), not O(all targets)).
   */
  openDigests(targetId?: string): Promise<OpenDigest[]>;
  /** Parts recorded for a digest. */
  parts(targetId: string, windowKey: string): Promise<DeliveryPart[]>;
  /** Record (or keep) a part as pending before posting it. Idempotent. */
  markPending(targetId: string, windowKey: string, part: number, totalParts: number): Promise<DeliveryPart>;
  markSent(targetId: string, windowKey: string, part: number, platformMessageId: string): Promise<void>;
  markFailed(targetId: string, windowKey: string, part: number, status: Exclude<DeliveryStatus, 'pending' | 'sent'>, error: string): Promise<void>;
}

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
  /**
   * In a threaded digest: the header that opens the thread (always part 1), or one reply in
   * it. Absent: a plain message in the conversation.
   */
  thread?: 'root' | 'reply';
  /** The root's title for a thread or forum post (Discord names threads). */
  threadName?: string;
}

/** Where a reply goes: the thread opened by the root part, as the ledger recorded it. */
export interface ThreadContext {
  /** The root message's platform id (Slack `ts`, Discord message or forum-thread id). */
  threadOf: string;
  threadName: string;
}

export type SendOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'rate-limited'; retryAfterMs: number; error: string }
  /**
   * `unreachable`: no connection to the platform could be made (refused, no route, name not
   * found), so the post cannot have landed and there is nothing to look for in history.
   */
  | { status: 'failed'; error: string; retryable: boolean; unreachable?: boolean }
  | { status: 'rejected'; error: string };

/**
 * Thrown by `Notifier.findPosted` when the conversation's history cannot be read (the bot lacks
 * the permission) and posting again is not guarded otherwise: whether a lost post landed is
 * unknowable, and delivery must not post it again (see deliver.ts).
 */
export class HistoryUnavailableError extends Error {
  override readonly name = 'HistoryUnavailableError';
}

/**
 * Thrown by `Notifier.findPosted` when the platform could not be reached at all (no
 * connection): the message says so in words ("could not reach Slack: …").
 */
export class PlatformUnreachableError extends Error {
  override readonly name = 'PlatformUnreachableError';
}

export interface Notifier {
  readonly platform: TargetPlatform;
  /**
   * Look for an already-posted message carrying `dedupeKey` (a response lost after the
   * platform accepted the post), posted at or after `since`, however many messages came after
   * it; return its id if found. Throws HistoryUnavailableError when that cannot be known, and
   * PlatformUnreachableError when the platform cannot be reached to ask.
   */
  findPosted(targetId: string, dedupeKey: string, since: Date, thread?: ThreadContext): Promise<string | null>;
  /** Post one part; with `thread`, as a reply in the thread the root opened. */
  send(targetId: string, part: RenderedPart, thread?: ThreadContext): Promise<SendOutcome>;
  /**
   * What the bot's credentials lack that delivery relies on (e.g. history scopes), as
   * operator-facing sentences to log. The first call checks (a failed check is retried by the
   * next call); later calls return [] — what there was to say has been said.
   */
  accessProblems?(): Promise<string[]>;
}

export interface SummaryRequest {
  arxivId: string;
  title: string;
  abstract: string;
  /** BCP 47 tag of the language to write in; absent: English. */
  language?: string;
}

export interface Summarizer {
  readonly kind: 'llm' | 'extractive';
  /** Returns null when this summarizer can't (budget spent, bad output); the caller falls back. */
  summarize(req: SummaryRequest): Promise<string | null>;
}

/**
 * Told how far matching a digest window has got. After a backfill every paper is in the window,
 * and matching 100,000 of them takes a minute or more: the CLI shows it to the person waiting
 * and the service logs it (the core prints nothing).
 */
export interface MatchProgress {
  /**
   * Matching one window starts: `papers` first seen in it, against `topics` topics. Each window
   * gets its own handle: the service's delivery jobs match windows at the same time.
   */
  start(papers: number, topics: number): WindowMatchProgress;
}

export interface WindowMatchProgress {
  /** Papers of the window matched so far, after each page. */
  advance(matched: number): void;
  /** Called once: the window is matched, or matching it failed. */
  stop(outcome: 'done' | 'failed'): void;
}

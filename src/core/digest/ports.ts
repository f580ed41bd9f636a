/** What the digest module needs from outside: the delivery ledger, notifiers and summarizers. */
import type { TargetPlatform } from '../platforms.js';

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
  readonly platform: TargetPlatform;
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

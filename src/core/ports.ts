/**
 * The interfaces the core needs from the outside world, one port file per module
 * (papers/, topics/, subscriptions/, targets/, digest/ `ports.ts`) plus the few every module
 * shares, here. Adapters (Prisma stores, HTTP sources, Slack/Discord notifiers, OpenAI)
 * implement them; the core imports nothing but these. Re-exported so `core/ports.js` stays
 * the one import for a store bundle.
 */
import type { DeliveryLedger } from './digest/ports.js';
import type { FollowStore } from './follows/ports.js';
import type { IngestRunStore, PaperStore } from './papers/ports.js';
import type { SubscriptionStore } from './subscriptions/ports.js';
import type { TargetStore } from './targets/ports.js';
import type { FeedbackStore, TopicStore } from './topics/ports.js';
import type { SavedPaperStore } from './saved/reading-list.js';
import type { ArchiveSearch } from './search/archive-search.js';

export type * from './digest/ports.js';
export type * from './follows/ports.js';
export type * from './papers/ports.js';
export type * from './subscriptions/ports.js';
export type * from './targets/ports.js';
export type * from './topics/ports.js';
export { HistoryUnavailableError, PlatformUnreachableError } from './digest/ports.js';

export interface Clock {
  now(): Date;
}

/** Someone else's lease on a key: who holds it, and when it runs out if they stop renewing it. */
export interface LeaseHeld {
  holder: string;
  expiresAt: Date;
}

/**
 * A lease now ours, taken from a holder whose process is gone (killed mid-run): who that was, as
 * a person can find it ("host pid 123"), so a run can say it took over instead of only resuming.
 */
export interface LeaseTakenOver {
  tookOverFrom: string;
}

/**
 * Run a job once per schedule slot across replicas, and work on one key (a target's digest)
 * one run at a time across processes.
 */
export interface RunCoordinator {
  /** Insert-if-absent on (job, slot); true if this replica won the slot. */
  claim(job: string, slot: string, replica: string, now: Date): Promise<boolean>;
  /** 'not-run': the slot was claimed and then left (the service was stopping): no failure to report. */
  complete(job: string, slot: string, status: 'succeeded' | 'failed' | 'not-run', detail: string | null, now: Date): Promise<void>;
  lastRun(job: string): Promise<{ slot: string; status: string; finishedAt: Date | null } | null>;
  /**
   * A name for one run to hold leases under, new at each call (two runs in one process are two
   * holders), from which lease() can tell that the run's process is gone.
   */
  newHolder(): string;
  /**
   * Hold `key` until `expiresAt`: null when `holder` has it now (taken, or its own lease
   * extended), else the lease of the run that still holds it. An expired lease is anyone's, and
   * so is one whose holder is certainly dead (a newHolder() of a process of this host that is
   * gone: a restart straight after a crash); a live or another host's holder keeps it until then.
   * Taken from a dead holder, `holder` has it and is told whose it was (LeaseTakenOver).
   */
  lease(key: string, holder: string, now: Date, expiresAt: Date): Promise<LeaseHeld | LeaseTakenOver | null>;
  /** Give `key` up, if `holder` still has it. */
  release(key: string, holder: string): Promise<void>;
}

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

/** Small shared key/value state: embedding vectors, token counters. */
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
  /** Who follows which author (core/follows). */
  follows: FollowStore;
  targets: TargetStore;
  ledger: DeliveryLedger;
  runs: RunCoordinator;
  cache: CacheStore;
  /** Reading lists (core/saved). */
  saved: SavedPaperStore;
  /** The database's full-text index over every paper (absent in memory: search keeps all in MiniSearch). */
  archive?: ArchiveSearch;
  /** Throws if the database is unreachable (health checks, friendly chat errors). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

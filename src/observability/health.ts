/**
 * The health model behind GET /healthz. `down` (HTTP 503) means this replica cannot work — the
 * database does not answer — so an orchestrator should restart it or take it out of rotation.
 * `degraded` (HTTP 200) means it works but something upstream needs a human: the last ingest or
 * digest failed or is older than expected. Restarting would not fix that, so it must not fail
 * the container's health check.
 *
 * Ingests are judged per source the scheduler runs, each by its own last run (scheduled or
 * manual, the store does not tell them apart): a manual `paperboy ingest` of a file succeeding
 * said "ok" while the scheduled Hugging Face ingest kept failing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Stores } from '../core/ports.js';
import type { SourceName } from '../core/papers/paper.js';
import type { IngestRun } from '../core/papers/ports.js';
import { lastRunOfEach } from '../core/papers/last-runs.js';
import { withTimeout } from '../core/timeout.js';
import { describeError } from '../core/error-text.js';

export type HealthStatus = 'ok' | 'degraded' | 'down';

export type DatabaseHealth = { ok: true; latencyMs: number } | { ok: false; error: string };

export interface RunHealth {
  /** The run's own status ('succeeded', 'failed', 'partial', 'running', …), 'never', or 'unknown' while the database does not answer. */
  status: string;
  finishedAt: string | null;
  /** Seconds since it finished (or started, while running); null when it never ran. */
  ageSeconds: number | null;
  /** An abandoned ingest run (its process stopped without recording an end): when it was last seen alive. */
  lastSeenAt?: string;
  /** Why this run makes the service degraded; absent when it does not. */
  problem?: string;
}

/** Schedule slots skipped because the database did not answer (jobs/schedule.ts). */
export interface SlotHealth {
  skipped: number;
  since: string;
  error: string;
}

export interface HealthReport {
  status: HealthStatus;
  checkedAt: string;
  database: DatabaseHealth;
  /** The newest run of the sources judged (every source when the service schedules none). */
  lastIngest: RunHealth;
  /** Each scheduled source's last run, when the service schedules any: one failing is degraded. */
  ingests?: Partial<Record<SourceName, RunHealth>>;
  lastDigest: RunHealth;
  /** Present while scheduled runs are being skipped (a lock held by another process, an outage). */
  skippedSlots?: SlotHealth;
  /** Present while the delivery queue's server (Redis) does not answer: nothing is delivered meanwhile. */
  queue?: { ok: false; error: string; since: string };
}

export interface HealthOptions {
  stores: Pick<Stores, 'ping' | 'ingestRuns' | 'runs'>;
  now: Date;
  /** Older than this, the last ingest makes us degraded (default 6 h: the ingest cron is hourly). */
  maxIngestAgeSeconds?: number;
  /** Older than this, the last digest check makes us degraded (default 1 h: the digest cron is per minute). */
  maxDigestAgeSeconds?: number;
  /** A ping slower than this counts as unreachable (default 2 s). */
  pingTimeoutMs?: number;
  /**
   * The sources the scheduled ingest runs, each judged by its own last run. Absent or empty
   * (no scheduled ingest: an outside cron runs `paperboy ingest`): the last run of any source.
   */
  ingestSources?: readonly SourceName[];
  /** The job name the scheduler records digests under. */
  digestJob?: string;
  /** The scheduler's skipped slots, when it has any. */
  skipped?: { count: number; since: Date | null; error: string | null };
  /**
   * The delivery queue's own health (Redis reachable). Degraded, not down, while it fails: the
   * replica still answers chat, and restarting it would not bring Redis back.
   */
  queue?: () => { ok: true } | { ok: false; error: string; since: Date };
}

const FAILED = new Set(['failed', 'partial', 'abandoned']);

function describeRun(status: string, finishedAt: Date | null, startedAt: Date | null, now: Date, maxAge: number): RunHealth {
  const ref = finishedAt ?? startedAt;
  const ageSeconds = ref ? Math.max(0, Math.round((now.getTime() - ref.getTime()) / 1000)) : null;
  const run: RunHealth = { status, finishedAt: finishedAt?.toISOString() ?? null, ageSeconds };
  if (FAILED.has(status)) run.problem = `last run ${status}`;
  else if (ageSeconds !== null && ageSeconds > maxAge) run.problem = `last run ${ageSeconds}s ago (expected within ${maxAge}s)`;
  return run;
}

const NEVER: RunHealth = { status: 'never', finishedAt: null, ageSeconds: null };
/** The runs of a database that does not answer: not known, rather than "never" (a fresh install). */
const UNKNOWN: RunHealth = { status: 'unknown', finishedAt: null, ageSeconds: null };

async function pingWithin(stores: HealthOptions['stores'], timeoutMs: number): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await withTimeout(stores.ping(), timeoutMs, `no answer within ${timeoutMs} ms`);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, error: describeError(err) };
  }
}

export async function checkHealth(opts: HealthOptions): Promise<HealthReport> {
  const { stores, now } = opts;
  const checkedAt = now.toISOString();
  const database = await pingWithin(stores, opts.pingTimeoutMs ?? 2_000);
  if (!database.ok) return { status: 'down', checkedAt, database, lastIngest: UNKNOWN, lastDigest: UNKNOWN };

  const { lastIngest, ingests } = await ingestHealth(opts);
  const digest = await stores.runs.lastRun(opts.digestJob ?? 'digest');
  // The coordinator records no start time; a running slot is as old as its slot instant.
  const digestSlot = digest ? new Date(digest.slot) : null;
  const lastDigest = digest
    ? describeRun(digest.status, digest.finishedAt, digestSlot && !Number.isNaN(digestSlot.getTime()) ? digestSlot : null, now, opts.maxDigestAgeSeconds ?? 3600)
    : NEVER;
  // The ping can pass while writes cannot (another process holds SQLite's write lock): skipped
  // slots say the schedule is not running.
  const skipped = opts.skipped?.count && opts.skipped.since ? { skipped: opts.skipped.count, since: opts.skipped.since.toISOString(), error: opts.skipped.error ?? 'unknown' } : undefined;
  const ingestProblem = ingests ? Object.values(ingests).some((r) => r.problem) : Boolean(lastIngest.problem);
  const q = opts.queue?.();
  const queue = q && !q.ok ? { ok: false as const, error: q.error, since: q.since.toISOString() } : undefined;
  const status: HealthStatus = ingestProblem || lastDigest.problem || skipped || queue ? 'degraded' : 'ok';
  return { status, checkedAt, database, lastIngest, ...(ingests ? { ingests } : {}), lastDigest, ...(skipped ? { skippedSlots: skipped } : {}), ...(queue ? { queue } : {}) };
}

/** The last run of each scheduled source (one query each: a handful), and the newest of them. */
async function ingestHealth(opts: HealthOptions): Promise<{ lastIngest: RunHealth; ingests?: Partial<Record<SourceName, RunHealth>> }> {
  const maxAge = opts.maxIngestAgeSeconds ?? 6 * 3600;
  const describe = (run: IngestRun | undefined): RunHealth => {
    if (!run) return NEVER;
    const health = describeRun(run.status, run.finishedAt, run.lastSeenAt ?? run.startedAt, opts.now, maxAge);
    return run.lastSeenAt ? { ...health, lastSeenAt: run.lastSeenAt.toISOString(), problem: `last run abandoned: no end recorded, its process last seen ${run.lastSeenAt.toISOString()}` } : health;
  };
  const sources = opts.ingestSources ?? [];
  if (!sources.length) return { lastIngest: describe((await opts.stores.ingestRuns.latest(1))[0]) };
  const lastRuns = await lastRunOfEach(opts.stores.ingestRuns, sources);
  const newest = lastRuns.reduce<IngestRun | undefined>((a, [, run]) => (run && (!a || run.startedAt > a.startedAt) ? run : a), undefined);
  return { lastIngest: describe(newest), ingests: Object.fromEntries(lastRuns.map(([source, run]) => [source, describe(run)])) };
}

/** 200 while the replica can work (ok, degraded), 503 when it cannot (down). */
export function healthHttpStatus(status: HealthStatus): 200 | 503 {
  return status === 'down' ? 503 : 200;
}

/** A node:http handler for GET /healthz (also fits Bolt's `customRoutes`). */
export function healthHandler(deps: Omit<HealthOptions, 'now'> & { clock?: { now(): Date } }) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let report: HealthReport;
    try {
      report = await checkHealth({ ...deps, now: deps.clock?.now() ?? new Date() });
    } catch (err) {
      // A store that throws on the run queries is as good as an unreachable one.
      const error = describeError(err);
      report = { status: 'down', checkedAt: new Date().toISOString(), database: { ok: false, error }, lastIngest: UNKNOWN, lastDigest: UNKNOWN };
    }
    res.writeHead(healthHttpStatus(report.status), { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`${JSON.stringify(report)}\n`);
  };
}

/**
 * The health model behind GET /healthz. `down` (HTTP 503) means this replica cannot work — the
 * database does not answer — so an orchestrator should restart it or take it out of rotation.
 * `degraded` (HTTP 200) means it works but something upstream needs a human: the last ingest or
 * digest failed or is older than expected. Restarting would not fix that, so it must not fail
 * the container's health check.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Stores } from '../core/ports.js';

export type HealthStatus = 'ok' | 'degraded' | 'down';

export type DatabaseHealth = { ok: true; latencyMs: number } | { ok: false; error: string };

export interface RunHealth {
  /** The run's own status ('succeeded', 'failed', 'partial', 'running', …) or 'never'. */
  status: string;
  finishedAt: string | null;
  /** Seconds since it finished (or started, while running); null when it never ran. */
  ageSeconds: number | null;
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
  lastIngest: RunHealth;
  lastDigest: RunHealth;
  /** Present while scheduled runs are being skipped (a lock held by another process, an outage). */
  skippedSlots?: SlotHealth;
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
  /** The job name the scheduler records digests under. */
  digestJob?: string;
  /** The scheduler's skipped slots, when it has any. */
  skipped?: { count: number; since: Date | null; error: string | null };
}

const FAILED = new Set(['failed', 'partial']);

function describeRun(status: string, finishedAt: Date | null, startedAt: Date | null, now: Date, maxAge: number): RunHealth {
  const ref = finishedAt ?? startedAt;
  const ageSeconds = ref ? Math.max(0, Math.round((now.getTime() - ref.getTime()) / 1000)) : null;
  const run: RunHealth = { status, finishedAt: finishedAt?.toISOString() ?? null, ageSeconds };
  if (FAILED.has(status)) run.problem = `last run ${status}`;
  else if (ageSeconds !== null && ageSeconds > maxAge) run.problem = `last run ${ageSeconds}s ago (expected within ${maxAge}s)`;
  return run;
}

const NEVER: RunHealth = { status: 'never', finishedAt: null, ageSeconds: null };

async function pingWithin(stores: HealthOptions['stores'], timeoutMs: number): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      stores.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(opts: HealthOptions): Promise<HealthReport> {
  const { stores, now } = opts;
  const checkedAt = now.toISOString();
  const database = await pingWithin(stores, opts.pingTimeoutMs ?? 2_000);
  if (!database.ok) return { status: 'down', checkedAt, database, lastIngest: NEVER, lastDigest: NEVER };

  const [ingest] = await stores.ingestRuns.latest(1);
  const digest = await stores.runs.lastRun(opts.digestJob ?? 'digest');
  const lastIngest = ingest
    ? describeRun(ingest.status, ingest.finishedAt, ingest.startedAt, now, opts.maxIngestAgeSeconds ?? 6 * 3600)
    : NEVER;
  // The coordinator records no start time; a running slot is as old as its slot instant.
  const digestSlot = digest ? new Date(digest.slot) : null;
  const lastDigest = digest
    ? describeRun(digest.status, digest.finishedAt, digestSlot && !Number.isNaN(digestSlot.getTime()) ? digestSlot : null, now, opts.maxDigestAgeSeconds ?? 3600)
    : NEVER;
  // The ping can pass while writes cannot (another process holds SQLite's write lock): skipped
  // slots say the schedule is not running.
  const skipped = opts.skipped?.count && opts.skipped.since ? { skipped: opts.skipped.count, since: opts.skipped.since.toISOString(), error: opts.skipped.error ?? 'unknown' } : undefined;
  const status: HealthStatus = lastIngest.problem || lastDigest.problem || skipped ? 'degraded' : 'ok';
  return { status, checkedAt, database, lastIngest, lastDigest, ...(skipped ? { skippedSlots: skipped } : {}) };
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
      const error = err instanceof Error ? err.message : String(err);
      report = { status: 'down', checkedAt: new Date().toISOString(), database: { ok: false, error }, lastIngest: NEVER, lastDigest: NEVER };
    }
    res.writeHead(healthHttpStatus(report.status), { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`${JSON.stringify(report)}\n`);
  };
}

/**
 * After downtime, catch up once at start rather than waiting for the next tick: ingest first when
 * the last one is stale (so the digest has papers), then due digests. The (job, slot) claim keeps
 * replicas starting together from ingesting twice; the queue's (target, slot) job ids and the
 * ledger make a second digest catch-up harmless.
 */
import type { Clock, Logger, Stores } from '../core/ports.js';
import type { SourceName } from '../core/papers/paper.js';
import { lastRunOfEach } from '../core/papers/last-runs.js';
import { describeError } from '../core/error-text.js';

/** An ingest older than this at start-up runs again before the first digest. */
export const STALE_INGEST_MS = 60 * 60 * 1000;

export interface CatchUpDeps {
  stores: Stores;
  clock: Clock;
  logger: Logger;
  replica: string;
  ingestJob: string;
  /** The sources a scheduled ingest runs (one run record each), each judged by its own last run. */
  sources: readonly SourceName[];
  ingestNow(): Promise<string>;
  enqueueDigests(): Promise<unknown>;
  /** True once stop() was called: the digests are then left to the next start (or another replica). */
  stopping(): boolean;
}

/** Never rejects: a failed catch-up is logged and the schedules carry on. */
export async function catchUpAtStart(deps: CatchUpDeps): Promise<void> {
  await closeAbandonedRuns(deps);
  try {
    await ingestIfStale(deps);
    if (deps.stopping()) {
      deps.logger.info('stopping: start-up digests left to the next start');
      return;
    }
    await deps.enqueueDigests();
  } catch (err) {
    deps.logger.error({ err: String(err) }, 'start-up catch-up failed');
  }
}

/**
 * Ingest runs left running by a process that stopped (kill -9, out of memory) are recorded as
 * abandoned: their leases lapsed, or their holder was a process of this host that is gone (a
 * restart straight after a crash need not wait the lease's minute). A live run (another replica's, a CLI ingest) keeps renewing its
 * lease and is left alone. Housekeeping: said, and tried again at the next ingest, if it fails.
 */
async function closeAbandonedRuns({ stores, logger }: CatchUpDeps): Promise<void> {
  try {
    const closed = (await stores.ingestRuns.closeAbandoned?.()) ?? 0;
    if (closed) logger.warn({ runs: closed }, `${closed} ingest run${closed === 1 ? '' : 's'} left running by a process that stopped, recorded as abandoned`);
  } catch (err) {
    logger.warn({ err: String(err) }, 'ingest runs left by a stopped process not closed; the next ingest tries again');
  }
}

async function ingestIfStale(deps: CatchUpDeps): Promise<void> {
  const { stores, clock, logger, replica, ingestJob } = deps;
  if (!deps.sources.length) return;
  const now = clock.now();
  // Each scheduled source by its own last run, as /healthz judges them: a manual ingest of another
  // source (a file, a feed) must not hide one that failed or never ran. A failed or partial run
  // among them (a start-up ingest that failed) is retried now, not at the next tick up to an
  // hour later.
  const recent = (await lastRunOfEach(stores.ingestRuns, deps.sources)).flatMap(([, run]) => (run ? [run] : []));
  const last = [...recent].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
  const settled = recent.length === deps.sources.length && recent.every((r) => r.status === 'succeeded' || r.status === 'running');
  const oldest = Math.min(...recent.map((r) => r.startedAt.getTime()));
  if (last && settled && now.getTime() - oldest <= STALE_INGEST_MS) return;
  // Replicas starting together see the same last run and claim one slot; a failed attempt
  // records a new run, so the next start claims a new slot and tries again.
  const hour = new Date(Math.floor(now.getTime() / STALE_INGEST_MS) * STALE_INGEST_MS).toISOString();
  const slot = `catch-up:${hour}:${last?.id ?? 'none'}`;
  if (!(await stores.runs.claim(ingestJob, slot, replica, now))) return;
  try {
    const detail = await deps.ingestNow();
    await stores.runs.complete(ingestJob, slot, 'succeeded', detail, clock.now());
  } catch (err) {
    const message = describeError(err);
    // Cut short by the service's own stop: said, not reported as a fault (the next start runs it again).
    if (deps.stopping()) logger.warn({ err: message }, `start-up ingest interrupted: the service is stopping; the next start runs it again (${message})`);
    else logger.error({ err: message }, `start-up ingest failed: ${message}`);
    await stores.runs.complete(ingestJob, slot, 'failed', message, clock.now()).catch(() => undefined);
  }
}

/**
 * One digest run at a time per target, whoever starts it (the service's queue, `paperboy
 * digest`, another replica): the ledger alone keeps a paper from going out twice, but two runs
 * planning at once each sent a digest (the second from the papers the first left out), and one
 * run resuming a digest another is still posting could post a part twice. So a run plans and
 * sends a target's digest under a lease on `digest:<target id>`, renewed while it lasts; a run
 * that dies frees the target when its lease runs out, or at once for a run on the same host
 * (RunCoordinator.lease sees its process is gone: a restart or a new run straight after a crash).
 */
import type { LeaseHeld, Logger, RunCoordinator } from '../ports.js';

/**
 * How long a lease outlives its last renewal: how long a run that died blocks its targets. As
 * long as the queue's own job lock (bullmq-queue.ts), so a replica killed mid-digest delays its
 * targets by what the queue already costs, not minutes more (replicas.test.ts).
 */
export const DIGEST_LEASE_MS = 30_000;
/** Renewed three times a lease, so a slow write or a busy event loop does not lose it. */
const RENEW_EVERY_MS = 10_000;

export const digestLeaseKey = (targetId: string) => `digest:${targetId}`;

export interface TargetLeases {
  /** The targets this run holds. */
  held: ReadonlySet<string>;
  /** The targets another run holds, with its lease. */
  busy: ReadonlyMap<string, LeaseHeld>;
  /** The held targets taken from a run whose process is gone, with that process (LeaseTakenOver). */
  tookOver: ReadonlyMap<string, string>;
  /** Stop renewing and give every lease up. */
  release(): Promise<void>;
}

/** Lease each of `targetIds` that no other run holds, and keep them until `release()`. */
export async function leaseTargets(runs: RunCoordinator, targetIds: readonly string[], logger: Logger): Promise<TargetLeases> {
  // Per run, not per process: two runs in one process (the queue's workers) are two holders.
  const holder = runs.newHolder();
  const held = new Set<string>();
  const busy = new Map<string, LeaseHeld>();
  const tookOver = new Map<string, string>();
  const leaseAll = async (ids: Iterable<string>, onBusy: (id: string, other: LeaseHeld) => void) => {
    for (const id of ids) {
      const now = Date.now();
      const other = await runs.lease(digestLeaseKey(id), holder, new Date(now), new Date(now + DIGEST_LEASE_MS));
      if (other && 'holder' in other) {
        onBusy(id, other);
        continue;
      }
      held.add(id);
      if (other) {
        // Said once here and in the run's report: otherwise a run killed mid-digest leaves no word anywhere.
        tookOver.set(id, other.tookOverFrom);
        logger.warn({ targetId: id, stopped: other.tookOverFrom }, `took over ${id}'s digest from a run that stopped (${other.tookOverFrom}): resuming it`);
      }
    }
  };
  const giveUp = async () => {
    await Promise.allSettled([...held].map((id) => runs.release(digestLeaseKey(id), holder)));
    held.clear();
  };
  try {
    await leaseAll(targetIds, (id, other) => busy.set(id, other));
  } catch (err) {
    await giveUp();
    throw err;
  }
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = leaseAll([...held], (id) => {
      // Only after the run stalled longer than the lease: the ledger still keeps each paper
      // and part to one post, but another run may now be sending this target's digest too.
      held.delete(id);
      logger.warn({ targetId: id }, `lost the digest lease on ${id} to another run after a stall of over ${DIGEST_LEASE_MS / 1000} s`);
    }).catch((err: unknown) => logger.warn({ err }, `could not renew digest leases; retrying in ${RENEW_EVERY_MS / 1000} s`));
  }, RENEW_EVERY_MS);
  timer.unref?.();
  const release = async () => {
    clearInterval(timer);
    await renewing;
    await giveUp();
  };
  return { held, busy, tookOver, release };
}

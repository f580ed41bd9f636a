/**
 * One service per SQLite database, said when it is not. A second `npm start` on the same file
 * (a systemd unit and a hand-started one, two containers on one volume) started without a
 * word: each slot still runs once and each digest is sent once (the run records and leases
 * see to that), but both connect to Slack and Discord and keep their own search index, and
 * nothing told the operator there were two. The service holds a lease on the database while it
 * runs; one that finds it held by another says so once, with the other's replica id and process.
 */
import type { Clock, Logger, RunCoordinator } from '../core/ports.js';
import { leaseHolderProcess, newServiceLeaseHolder } from '../store/run-lease-holder.js';

export const SQLITE_SERVICE_LEASE = 'service:sqlite';
/** The lease outlives its holder by at most this long (a killed service), renewed at a third of it. */
export const SQLITE_PRESENCE_TTL_MS = 60_000;

export interface SqlitePresence {
  /** The first look at the lease, done. */
  checked: Promise<void>;
  stop(): Promise<void>;
}

/** Runs `fn` every `ms` until the returned function is called. */
type Every = (fn: () => Promise<void>, ms: number) => () => void;

const everyUnref: Every = (fn, ms) => {
  const timer = setInterval(() => void fn(), ms);
  timer.unref();
  return () => clearInterval(timer);
};

export function watchSqlitePresence(deps: { runs: RunCoordinator; replica: string; clock: Clock; logger: Logger; database: string; every?: Every }): SqlitePresence {
  const { runs, clock, logger } = deps;
  // Named by its process, not only its replica id: a restart after kill -9 (a new random id, or
  // the same fixed one) takes the dead one's lease at once by the run leases' gone rule, and two
  // services given one PAPERBOY_REPLICA_ID are still two holders.
  const holder = newServiceLeaseHolder(deps.replica);
  // The other holder as last seen, and whether it was said. Only a lease renewed since is a
  // running service: one left by a crash (kill -9, out of memory) stays until it lapses, and a
  // restart within the minute was told to stop a service that was gone.
  let seen: { holder: string; expiresAt: number } | null = null;
  let warned: string | null = null;
  const look = async () => {
    const now = clock.now();
    try {
      const answer = await runs.lease(SQLITE_SERVICE_LEASE, holder, now, new Date(now.getTime() + SQLITE_PRESENCE_TTL_MS));
      // Taken over from a service that is gone is held: no second service.
      const held = answer && 'holder' in answer ? answer : null;
      const renewed = held && seen?.holder === held.holder && held.expiresAt.getTime() > seen.expiresAt;
      if (held && renewed && warned !== held.holder) {
        logger.warn(
          { other: held.holder },
          `another paperboy service (${leaseHolderProcess(held.holder)}) is running on ${deps.database}: stop one of them (two share the schedules, but both answer chat and keep a search index); several replicas need PostgreSQL and Redis`,
        );
        warned = held.holder;
      }
      seen = held ? { holder: held.holder, expiresAt: held.expiresAt.getTime() } : null;
      if (!held) warned = null;
    } catch (err) {
      // A database busy or away is said by the schedules; this look is tried again at the next renewal.
      logger.debug({ err: String(err) }, 'service lease not renewed');
    }
  };
  const checked = look();
  const stopRenewing = (deps.every ?? everyUnref)(look, SQLITE_PRESENCE_TTL_MS / 3);
  return {
    checked,
    async stop() {
      stopRenewing();
      await checked;
      await runs.release(SQLITE_SERVICE_LEASE, holder).catch(() => undefined);
    },
  };
}

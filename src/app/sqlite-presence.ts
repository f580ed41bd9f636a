/**
 * One service per SQLite database, said when it is not. A second `npm start` on the same file
 * (a systemd unit and a hand-started one, two containers on one volume) started without a
 * word: each slot still runs once and each digest is sent once (the run records and leases
 * see to that), but both connect to Slack and Discord and keep their own search index, and
 * nothing told the operator there were two. The service holds a lease on the database while it
 * runs; one that finds it held by another says so once, with the other's replica id.
 */
import type { Clock, Logger, RunCoordinator } from '../core/ports.js';

export const SQLITE_SERVICE_LEASE = 'service:sqlite';
/** The lease outlives its holder by at most this long (a killed service), renewed at a third of it. */
export const SQLITE_PRESENCE_TTL_MS = 60_000;

export interface SqlitePresence {
  /** The first look at the lease, done. */
  checked: Promise<void>;
  stop(): Promise<void>;
}

export function watchSqlitePresence(deps: { runs: RunCoordinator; replica: string; clock: Clock; logger: Logger; database: string }): SqlitePresence {
  const { runs, replica, clock, logger } = deps;
  let other: string | null = null;
  const look = async () => {
    const now = clock.now();
    try {
      const held = await runs.lease(SQLITE_SERVICE_LEASE, replica, now, new Date(now.getTime() + SQLITE_PRESENCE_TTL_MS));
      if (held && held.holder !== other) {
        logger.warn(
          { other: held.holder },
          `another paperboy service (${held.holder}) is running on ${deps.database}: stop one of them (two share the schedules, but both answer chat and keep a search index); several replicas need PostgreSQL and Redis`,
        );
      }
      other = held?.holder ?? null;
    } catch (err) {
      // A database busy or away is said by the schedules; this look is tried again at the next renewal.
      logger.debug({ err: String(err) }, 'service lease not renewed');
    }
  };
  const checked = look();
  const timer = setInterval(() => void look(), SQLITE_PRESENCE_TTL_MS / 3);
  timer.unref();
  return {
    checked,
    async stop() {
      clearInterval(timer);
      await checked;
      await runs.release(SQLITE_SERVICE_LEASE, replica).catch(() => undefined);
    },
  };
}

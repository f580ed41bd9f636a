/**
 * Who holds an ingest run's lease, written into RunLease.holder as `<host> pid <pid> <instance>`:
 * enough for a process on the same host to tell at once that the holder died (kill -9, out of
 * memory, a container restarted within the lease's minute) instead of waiting for the lease to
 * lapse. The instance id tells this process from an earlier one that had its pid (a container's
 * pid 1 before and after a restart).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

const INSTANCE = randomBytes(6).toString('hex');

/** This process as a lease holder. */
export function thisLeaseHolder(): string {
  return `${hostname()} pid ${process.pid} ${INSTANCE}`;
}

// Hostnames hold no spaces. The instance id is missing from holders written before it existed.
const HOLDER = /^(\S+) pid (\d+)(?: ([0-9a-f]+))?$/;

/**
 * True only when the holder is certainly dead: on this host, and its pid is not alive, or is this
 * process's own pid under another instance id. A holder on another host, a live pid, or a holder
 * that does not read as one (another kind of lease) is never called gone: its lease lapses instead.
 */
export function leaseHolderGone(holder: string): boolean {
  const m = HOLDER.exec(holder);
  if (!m || m[1] !== hostname()) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return m[3] !== INSTANCE;
  return !pidAlive(pid);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, another user's. Only "no such process" means gone.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Who holds a lease, written into RunLease.holder as `<host> pid <pid> <instance>` (an ingest run's:
 * its process), or that and ` run <n>` (a digest run's target leases: one run of several in the
 * process): enough for a process on the same host to tell at once that the holder died (kill -9,
 * out of memory, a container restarted within the lease's time) instead of waiting for the lease
 * to lapse. The instance id tells this process from an earlier one that had its pid (a
 * container's pid 1 before and after a restart).
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * The host as far as pids go: its name, and on Linux the root file system this process sees. A
 * host name alone is shared by containers that cannot see each other's pids (docker
 * --network=host gives them the host's, compose a fixed `hostname:`); each container has its own
 * root (an overlay's upper layer), which a `docker restart` keeps and the host's processes share.
 * The mount's device number is left out: a restart mounts the same layer under another one.
 */
export function hostIdentity(name: string, mountinfo: string | null): string {
  // The last mount on / is the one seen. Fields: id parent major:minor root mountpoint options [optional…] - fstype source super-options.
  const root = (mountinfo ?? '').split('\n').filter((line) => line.split(' ')[4] === '/').at(-1);
  if (!root) return name;
  const fields = root.split(' ');
  const afterDash = fields.slice(fields.indexOf('-') + 1);
  return `${name}/${createHash('sha256').update([fields[3], ...afterDash].join(' ')).digest('hex').slice(0, 8)}`;
}

function readMountinfo(): string | null {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    // Not Linux: the host name alone.
    return null;
  }
}

const HOST = hostIdentity(hostname(), readMountinfo());
const INSTANCE = randomBytes(6).toString('hex');

/** This process's host, as lease holders name it. */
export function thisLeaseHost(): string {
  return HOST;
}

/** This process as a lease holder. */
export function thisLeaseHolder(): string {
  return `${HOST} pid ${process.pid} ${INSTANCE}`;
}

let runs = 0;
/**
 * One run of this process as a lease holder, new at each call: two runs in one process (the
 * queue's workers) are two holders, and neither may extend or release the other's lease.
 */
export function newRunLeaseHolder(): string {
  return `${thisLeaseHolder()} run ${++runs}`;
}

/**
 * A service's holder of the SQLite service lease: one of this process's runs (two services
 * started in one process, as tests do, are two), and the replica id the operator knows it by.
 */
export function newServiceLeaseHolder(replica: string): string {
  return `${newRunLeaseHolder()} replica ${replica}`;
}

// Host identities hold no spaces. The instance id is missing from holders written before it existed.
const HOLDER = /^(\S+) pid (\d+)(?: ([0-9a-f]+)(?: run \d+)?)?(?: replica (.+))?$/;

/**
 * True only when the holder is certainly dead: on this host, and its pid is not alive, or is this
 * process's own pid under another instance id (a run of this process is never gone: it renews or
 * releases its lease itself). A holder on another host, a live pid, or a holder
 * that does not read as one (another kind of lease) is never called gone: its lease lapses instead.
 */
export function leaseHolderGone(holder: string): boolean {
  const m = HOLDER.exec(holder);
  if (!m || m[1] !== HOST) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return m[3] !== INSTANCE;
  return !pidAlive(pid);
}

/**
 * The holder's process as a person finds it (`<host> pid <pid>`, after `replica <id>, ` for a
 * service), or the holder's text when it names none (a replica id written before this version).
 */
export function leaseHolderProcess(holder: string): string {
  const m = HOLDER.exec(holder);
  if (!m) return holder;
  return `${m[4] ? `replica ${m[4]}, ` : ''}${m[1]} pid ${m[2]}`;
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

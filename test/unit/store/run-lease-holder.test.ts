/**
 * Who holds an ingest run's lease (host, pid, a per-process instance id), so that a process on
 * the same host tells at once that the holder died (kill -9, out of memory, a restarted
 * container whose new process is pid 1 again) instead of waiting a minute for the lease to lapse.
 * Another host's holder, or a live process's, is never taken for dead.
 */
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { leaseHolderGone, thisLeaseHolder } from '../../../src/store/run-lease-holder.js';

/** A pid that was alive a moment ago and is no more (its child exited and was reaped). */
const deadPid = (): number => {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
};

describe('ingest run lease holders', () => {
  it('this process names its host, its pid and an instance id, and is alive to itself', () => {
    const me = thisLeaseHolder();
    expect(me).toMatch(new RegExp(`^${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} pid ${process.pid} [0-9a-f]{12}$`));
    expect(leaseHolderGone(me)).toBe(false);
  });

  it('on this host: gone when its pid is not alive, or is ours but with another instance id (a restarted container, pid 1 again)', () => {
    const host = hostname();
    expect(leaseHolderGone(`${host} pid ${deadPid()} 0123456789ab`)).toBe(true);
    expect(leaseHolderGone(`${host} pid ${process.pid} 0123456789ab`)).toBe(true);
    // A holder written before instance ids (its pid ours: a previous process).
    expect(leaseHolderGone(`${host} pid ${process.pid}`)).toBe(true);
    expect(leaseHolderGone(`${host} pid ${deadPid()}`)).toBe(true);
  });

  it('never gone early: a live process on this host, any holder on another host, a holder it cannot read', () => {
    const host = hostname();
    expect(leaseHolderGone(`${host} pid ${process.ppid} 0123456789ab`)).toBe(false);
    expect(leaseHolderGone(`other-${host} pid ${deadPid()} 0123456789ab`)).toBe(false);
    expect(leaseHolderGone(`other-${host} pid ${process.pid} 0123456789ab`)).toBe(false);
    expect(leaseHolderGone('run-a')).toBe(false);
    expect(leaseHolderGone('')).toBe(false);
  });
});

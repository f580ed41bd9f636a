/**
 * Who holds an ingest run's lease (host, pid, a per-process instance id) or a digest run's target
 * leases (that and the run), so that a process on the same host tells at once that the holder
 * died (kill -9, out of memory, a restarted container whose new process is pid 1 again) instead
 * of waiting for the lease to lapse.
 * Another host's holder, or a live process's, is never taken for dead.
 */
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostIdentity, leaseHolderGone, leaseHolderProcess, newRunLeaseHolder, newServiceLeaseHolder, thisLeaseHolder, thisLeaseHost } from '../../../src/store/run-lease-holder.js';

/** A pid that was alive a moment ago and is no more (its child exited and was reaped). */
const deadPid = (): number => {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
};

describe('run lease holders (ingest runs, digest runs)', () => {
  it('this process names its host, its pid and an instance id, and is alive to itself', () => {
    const me = thisLeaseHolder();
    expect(me).toMatch(new RegExp(`^${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/[0-9a-f]{8})? pid ${process.pid} [0-9a-f]{12}$`));
    expect(me.startsWith(`${thisLeaseHost()} pid `)).toBe(true);
    expect(leaseHolderGone(me)).toBe(false);
  });

  it("a run's holder is this process's and a number of its own: two runs, two holders, both alive to this process", () => {
    const [a, b] = [newRunLeaseHolder(), newRunLeaseHolder()];
    expect(a).toMatch(new RegExp(`^${thisLeaseHolder()} run \\d+$`));
    expect(b.startsWith(`${thisLeaseHolder()} run `)).toBe(true);
    expect(a).not.toBe(b);
    expect(leaseHolderGone(a)).toBe(false);
    expect(leaseHolderGone(b)).toBe(false);
    // Another process's run, or an earlier instance's under our pid: gone as that process is.
    const host = thisLeaseHost();
    expect(leaseHolderGone(`${host} pid ${deadPid()} 0123456789ab run 3`)).toBe(true);
    expect(leaseHolderGone(`${host} pid ${process.pid} 0123456789ab run 3`)).toBe(true);
    expect(leaseHolderGone(`${host} pid ${process.ppid} 0123456789ab run 3`)).toBe(false);
    expect(leaseHolderGone(`other-${host} pid ${deadPid()} 0123456789ab run 3`)).toBe(false);
    // The holder digest runs wrote before (`pid N <uuid>`) names no host: left to lapse.
    expect(leaseHolderGone(`pid ${deadPid()} 01899168-c0f0-4d99-9a56-a4f6bfbb7105`)).toBe(false);
  });

  it('on this host: gone when its pid is not alive, or is ours but with another instance id (a restarted container, pid 1 again)', () => {
    const host = thisLeaseHost();
    expect(leaseHolderGone(`${host} pid ${deadPid()} 0123456789ab`)).toBe(true);
    expect(leaseHolderGone(`${host} pid ${process.pid} 0123456789ab`)).toBe(true);
  });

  it("a SQLite service's holder is a run of this process with its replica id, read by the same gone rule, and said with both", () => {
    const mine = newServiceLeaseHolder('paperboy-1');
    expect(mine).toMatch(new RegExp(`^${thisLeaseHolder()} run \\d+ replica paperboy-1$`));
    expect(leaseHolderGone(mine)).toBe(false);
    const pid = deadPid();
    const crashed = `${thisLeaseHost()} pid ${pid} 0123456789ab run 1 replica vm-${pid}-ab12`;
    expect(leaseHolderGone(crashed)).toBe(true);
    expect(leaseHolderProcess(crashed)).toBe(`replica vm-${pid}-ab12, ${thisLeaseHost()} pid ${pid}`);
    // A bare replica id (a service before this version) names no process: never gone, said as it is.
    expect(leaseHolderGone('vm-123-ab12')).toBe(false);
    expect(leaseHolderProcess('vm-123-ab12')).toBe('vm-123-ab12');
  });

  it('never gone early: a live process on this host, any holder on another host, a holder it cannot read', () => {
    const host = thisLeaseHost();
    expect(leaseHolderGone(`${host} pid ${process.ppid} 0123456789ab`)).toBe(false);
    expect(leaseHolderGone(`other-${host} pid ${deadPid()} 0123456789ab`)).toBe(false);
    expect(leaseHolderGone(`other-${host} pid ${process.pid} 0123456789ab`)).toBe(false);
    // The same host name from another container (docker --network host, a fixed hostname): its pids are not ours.
    expect(leaseHolderGone(`${hostname()}/00000000 pid ${deadPid()} 0123456789ab`)).toBe(false);
    // Written before holders named their instance and container: left to lapse.
    expect(leaseHolderGone(`${hostname()} pid ${deadPid()}`)).toBe(hostname() === host);
    expect(leaseHolderGone('run-a')).toBe(false);
    expect(leaseHolderGone('')).toBe(false);
  });

  it('a container is told from its host and from another container by its root file system, which a restart keeps', () => {
    const host = '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n98 27 0:5 / /proc rw - proc proc rw\n';
    const container = (upper: string, dev: string) =>
      `712 650 ${dev} / / rw,relatime master:295 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/ABC:/var/lib/docker/overlay2/l/DEF,upperdir=/var/lib/docker/overlay2/${upper}/diff,workdir=/var/lib/docker/overlay2/${upper}/work\n` +
      `713 712 0:${dev.slice(2)} / /proc rw,nosuid - proc proc rw\n` +
      `790 712 254:0 /var/lib/docker/containers/c0ffee/hostname /etc/hostname rw,relatime - ext4 /dev/vda rw\n`;
    const a = hostIdentity('vm', container('aaaa', '0:120'));
    expect(a).toMatch(/^vm\/[0-9a-f]{8}$/);
    // Restarted: overlay mounted again, under another device number, over the same layer.
    expect(hostIdentity('vm', container('aaaa', '0:187'))).toBe(a);
    expect(hostIdentity('vm', container('bbbb', '0:120'))).not.toBe(a);
    expect(hostIdentity('vm', host)).not.toBe(a);
    expect(hostIdentity('vm', host)).toBe(hostIdentity('vm', `${host}`));
    // No /proc (not Linux): the host name alone.
    expect(hostIdentity('vm', null)).toBe('vm');
  });
});

// Two digest runs for one target at once (two CLI runs, two replicas, the scheduler's job and a
// manual `paperboy digest`), each on its own connection to one database: one digest goes out,
// the other run says why it sent nothing.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runDigests, type RunDigestsDeps } from '../../src/core/digest/run-digests.js';
import { digestLeaseKey } from '../../src/core/digest/target-leases.js';
import type { Stores } from '../../src/core/ports.js';
import { createDigestJobHandler } from '../../src/delivery/queue-digests.js';
import { RetryLaterError } from '../../src/delivery/queue.js';
import { silentLogger } from '../../src/log.js';
import { noSleep, scriptedNotifier, simpleChannel } from '../unit/digest/fixtures.js';
import { testDatabases, type TestDatabase } from '../helpers/db.js';
import { NOW, SLOT, addTarget, matchAll, seedPapers, summaries } from './delivery-support.js';

const TARGET = 'slack:C0100';

function deps(stores: Stores, notifier: ReturnType<typeof scriptedNotifier>): RunDigestsDeps {
  return { stores, matcher: matchAll, summaries: summaries(stores), channels: { slack: simpleChannel(notifier.notifier) }, logger: silentLogger(), sleep: noSleep };
}

describe.each(await testDatabases('digest-concurrent-runs'))('concurrent digest runs for one target ($name)', ({ open }) => {
  let db: TestDatabase;
  let a: Stores;
  let b: Stores;

  beforeEach(async () => {
    db ??= await open();
    a = await db.openStores();
    b = await db.openStores();
    await db.reset();
    // More matches than a digest holds: without a lease the second run sent the papers the first left out.
    await seedPapers(a, 12);
    await addTarget(a, TARGET, { maxPapers: 4 });
  });
  afterAll(() => db?.drop());

  it('two manual runs started together send one digest; the other says one is in progress', async () => {
    const n = scriptedNotifier();
    const later = new Date(NOW.getTime() + 60_000);
    const reports = await Promise.all([runDigests(deps(a, n), { targetId: TARGET, now: NOW }), runDigests(deps(b, n), { targetId: TARGET, now: later })]);
    const outcomes = reports.map((r) => r.targets[0]!);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['delivered', 'in-progress']);
    expect(outcomes.find((o) => o.status === 'in-progress')!.error).toMatch(/another run is already making or sending this target's digest/);
    expect(n.accepted).toHaveLength(4);
    expect(new Set(n.accepted.map((k) => k.split('|')[1])).size).toBe(1);

    // The lease went with the run: the next one finds the window sent and nothing new.
    const next = await runDigests(deps(b, n), { targetId: TARGET, now: new Date(later.getTime() + 60_000) });
    expect(next.targets[0]).toMatchObject({ status: 'nothing-new' });
    expect(n.accepted).toHaveLength(4);
  });

  it("the scheduler's job meeting a manual run comes back later, then finds its slot sent", async () => {
    const n = scriptedNotifier();
    const handler = createDigestJobHandler(deps(b, n));
    const job = { targetId: TARGET, slot: SLOT.toISOString(), attempt: 1, platform: 'slack' as const, signal: new AbortController().signal };
    const [manual, scheduled] = await Promise.allSettled([runDigests(deps(a, n), { targetId: TARGET, now: NOW }), handler(job)]);
    const sent = n.accepted.length;
    expect(sent).toBe(4);
    if (manual.status === 'fulfilled' && manual.value.targets[0]!.status === 'in-progress') {
      // The job won: the manual run was told, and the job finished normally.
      expect(scheduled.status).toBe('fulfilled');
    } else {
      expect(manual.status === 'fulfilled' && manual.value.targets[0]!.status).toBe('delivered');
      expect(scheduled.status === 'rejected' && scheduled.reason).toBeInstanceOf(RetryLaterError);
      await handler({ ...job, attempt: 2 });
    }
    expect(n.accepted).toHaveLength(sent);
  });

  it('a lease left by a run that died blocks the target only until it runs out', async () => {
    const n = scriptedNotifier();
    const wall = Date.now();
    expect(await a.runs.lease(digestLeaseKey(TARGET), 'a run that died', new Date(wall), new Date(wall + 60_000))).toBeNull();
    const blocked = await runDigests(deps(b, n), { targetId: TARGET, now: NOW });
    expect(blocked.targets[0]).toMatchObject({ status: 'in-progress' });
    expect(blocked.targets[0]!.error).toContain('free again by');
    expect(n.accepted).toHaveLength(0);

    expect(await a.runs.lease(digestLeaseKey(TARGET), 'a run that died', new Date(wall), new Date(wall - 1))).toBeNull();
    const freed = await runDigests(deps(b, n), { targetId: TARGET, now: NOW });
    expect(freed.targets[0]).toMatchObject({ status: 'delivered', papers: 4 });
  });

  it('a run that fails half-way gives its leases up', async () => {
    const n = scriptedNotifier();
    const broken: Stores = { ...a, papers: { ...a.papers, getMany: () => Promise.reject(new Error('disk gone')) } };
    await expect(runDigests(deps(broken, n), { targetId: TARGET, now: NOW })).rejects.toThrow('disk gone');
    const again = await runDigests(deps(b, n), { targetId: TARGET, now: NOW });
    expect(again.targets[0]).toMatchObject({ status: 'delivered', resumed: true });
  });
});

/**
 * RunCoordinator on Prisma: the (job, slot) primary key makes a claim exclusive across
 * replicas; a lease is one RunLease row, taken over only by a conditional UPDATE, which both
 * databases run atomically (the row is re-checked under its lock): when it lapsed, or when its
 * holder is a process of this host that is gone (run-lease-holder.ts).
 */
import type { RunCoordinator } from '../core/ports.js';
import type { StoreDb } from './connect.js';
import { createUnlessExists } from './prisma-errors.js';
import { leaseHolderGone, leaseHolderProcess, newRunLeaseHolder } from './run-lease-holder.js';

export function createPrismaRunCoordinator(db: StoreDb): RunCoordinator {
  return {
    async claim(job, slot, replica, now) {
      return (await createUnlessExists(() => db.run((c) => c.jobRun.create({ data: { job, slot, replica, status: 'running', claimedAt: now } })))) === 'created';
    },
    async complete(job, slot, status, detail, now) {
      await db.run((c) => c.jobRun.updateMany({ where: { job, slot }, data: { status, detail, finishedAt: now } }));
    },
    newHolder: newRunLeaseHolder,
    async lease(key, holder, now, expiresAt) {
      // Three rounds at most: the row can come and go between the steps (a release, a take-over).
      for (let round = 0; ; round++) {
        if ((await createUnlessExists(() => db.run((c) => c.runLease.create({ data: { key, holder, expiresAt } })))) === 'created') return null;
        const taken = await db.run((c) => c.runLease.updateMany({ where: { key, OR: [{ holder }, { expiresAt: { lte: now } }] }, data: { holder, expiresAt } }));
        if (taken.count === 1) return null;
        const row = await db.run((c) => c.runLease.findUnique({ where: { key } }));
        if (row && !leaseHolderGone(row.holder)) return { holder: row.holder, expiresAt: row.expiresAt };
        // A dead holder renews nothing any more; naming it in the update lets one taker of several replace it.
        if (row && (await db.run((c) => c.runLease.updateMany({ where: { key, holder: row.holder }, data: { holder, expiresAt } }))).count === 1) return { tookOverFrom: leaseHolderProcess(row.holder) };
        if (round === 2) throw new Error(`could not take the lease on ${key}: it kept changing hands`);
      }
    },
    async release(key, holder) {
      await db.run((c) => c.runLease.deleteMany({ where: { key, holder } }));
    },
    async lastRun(job) {
      const row = await db.run((c) => c.jobRun.findFirst({ where: { job }, orderBy: [{ claimedAt: 'desc' }, { slot: 'desc' }] }));
      return row ? { slot: row.slot, status: row.status, finishedAt: row.finishedAt } : null;
    },
  };
}

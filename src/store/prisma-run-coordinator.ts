/** RunCoordinator on Prisma: the (job, slot) primary key makes a claim exclusive across replicas. */
import type { RunCoordinator } from '../core/ports.js';
import type { StoreDb } from './connect.js';
import { isUniqueViolation } from './prisma-errors.js';

export function createPrismaRunCoordinator(db: StoreDb): RunCoordinator {
  return {
    async claim(job, slot, replica, now) {
      try {
        await db.run((c) => c.jobRun.create({ data: { job, slot, replica, status: 'running', claimedAt: now } }));
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },
    async complete(job, slot, status, detail, now) {
      await db.run((c) => c.jobRun.updateMany({ where: { job, slot }, data: { status, detail, finishedAt: now } }));
    },
    async lastRun(job) {
      const row = await db.run((c) => c.jobRun.findFirst({ where: { job }, orderBy: [{ claimedAt: 'desc' }, { slot: 'desc' }] }));
      return row ? { slot: row.slot, status: row.status, finishedAt: row.finishedAt } : null;
    },
  };
}

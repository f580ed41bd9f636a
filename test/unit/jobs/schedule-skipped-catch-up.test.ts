/**
 * A slot of a job marked catchUpSkipped (the ingest) that was skipped because the database did
 * not answer runs once the database answers again, once across replicas; before, it was simply
 * lost until the job's next slot (an hour without papers, or a day on a daily cron).
 */
import { describe, expect, it, vi } from 'vitest';
import { startSchedules } from '../../../jobs/schedule.js';
import type { RunCoordinator } from '../../../src/core/ports.js';
import type { Logger } from '../../../src/log.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

function recording() {
  const lines: Array<{ level: string; msg: string }> = [];
  const at = (level: string) => (_fields: unknown, msg?: string) => void lines.push({ level, msg: msg ?? '' });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } as unknown as Logger };
}

describe('a scheduled slot skipped while the database did not answer', () => {
  it('runs once the database answers again, for a job that catches up; only once across replicas', async () => {
    const memory = createMemoryStores().runs;
    let down = true;
    // The database comes back only once both replicas failed to claim the same ingest slot: the
    // slot is then lost to both, whatever the machine's load did to the ticks' timing.
    let lost: string | null = null;
    const failed: string[] = [];
    const runs: RunCoordinator = {
      ...memory,
      claim: async (job, slot, replica, at) => {
        if (down) {
          if (job === 'ingest' && failed.push(slot) && failed.filter((s) => s === slot).length === 2) {
            lost = slot;
            down = false;
          }
          throw new Error('database postgresql://db is unavailable: connect ECONNREFUSED');
        }
        return memory.claim(job, slot, replica, at);
      },
      complete: (...args) => memory.complete(...args),
    };
    const ingested: string[] = [];
    const { logger, lines } = recording();
    // Two replicas sharing the database; the ingest ticks every 3 s, the digest check every second.
    const replicas = ['r1', 'r2'].map((replica) =>
      startSchedules({
        runs,
        replica,
        clock: { now: () => new Date() },
        logger,
        jobs: [
          { name: 'ingest', cron: '*/3 * * * * *', timeZone: 'UTC', catchUpSkipped: true, run: async (slot) => void ingested.push(slot.toISOString()) },
          { name: 'digest', cron: '* * * * * *', timeZone: 'UTC', run: async () => 'nothing' },
        ],
      }),
    );
    try {
      await vi.waitFor(() => expect(lost).not.toBeNull(), { timeout: 10_000, interval: 100 });
      // Before: the skipped ingest slot never ran.
      await vi.waitFor(() => expect(ingested).toContain(lost), { timeout: 10_000, interval: 100 });
      // Time for the other replica's claim of it to come, and lose.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(ingested.filter((s) => s === lost)).toEqual([lost]);
      expect(lines.filter((l) => l.msg === `ingest: running the ${lost} slot skipped while the database did not answer`)).toHaveLength(1);
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
  }, 30_000);
});

describe('a skipped slot caught up while the job runs its next slot', () => {
  it('never runs two of the job at once: a slot a run started since covers is not run again, any other waits for it', async () => {
    const memory = createMemoryStores().runs;
    let down = true;
    let lost: string | null = null;
    const runs: RunCoordinator = {
      ...memory,
      claim: async (job, slot, replica, at) => {
        if (down) {
          if (job === 'ingest') {
            lost = slot;
            down = false;
          }
          throw new Error('database file:/srv/paperboy.db is unavailable: disk full');
        }
        return memory.claim(job, slot, replica, at);
      },
      complete: (...args) => memory.complete(...args),
    };
    let running = 0;
    let most = 0;
    const ingested: string[] = [];
    const { logger } = recording();
    // An ingest takes 4 s, longer than its 3 s slot: the caught-up slot (run when the digest check, every second, finds the database back) overlaps the next one.
    const schedules = startSchedules({
      runs,
      replica: 'r1',
      clock: { now: () => new Date() },
      logger,
      jobs: [
        {
          name: 'ingest',
          cron: '*/3 * * * * *',
          timeZone: 'UTC',
          catchUpSkipped: true,
          run: async (slot) => {
            most = Math.max(most, ++running);
            ingested.push(slot.toISOString());
            await new Promise((r) => setTimeout(r, 4_000));
            running--;
          },
        },
        { name: 'digest', cron: '* * * * * *', timeZone: 'UTC', run: async () => 'nothing' },
      ],
    });
    try {
      await vi.waitFor(() => expect(lost).not.toBeNull(), { timeout: 10_000, interval: 100 });
      await vi.waitFor(() => expect(ingested).toContain(lost), { timeout: 10_000, interval: 100 });
      // The next slots come while it runs.
      await new Promise((r) => setTimeout(r, 6_000));
      expect(ingested.length).toBeGreaterThan(1);
      expect(most).toBe(1);
    } finally {
      await schedules.stop();
    }
  }, 40_000);
});

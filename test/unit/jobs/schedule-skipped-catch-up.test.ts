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

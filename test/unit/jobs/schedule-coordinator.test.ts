/**
 * A schedule slot whose claim the database cannot answer (down, or locked by another process)
 * is skipped and counted for /healthz, instead of throwing into node-cron (which printed a
 * 30-line stack of its own every minute, outside the log); the outage is said when it begins,
 * every 15 minutes while it lasts and when it ends, not once a slot.
 */
import { describe, expect, it } from 'vitest';
import { databaseCronCoordinator, type SkippedSlots } from '../../../jobs/schedule.js';
import type { RunCoordinator } from '../../../src/core/ports.js';
import type { Logger } from '../../../src/log.js';
import { checkHealth } from '../../../src/observability/health.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const now = new Date('2026-12-05T09:00:00Z');

function recording() {
  const lines: Array<{ level: string; msg: string }> = [];
  const at = (level: string) => (obj: unknown, msg?: string) => void lines.push({ level, msg: msg ?? String(obj) });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } as unknown as Logger };
}

describe('schedule slots when the database does not answer', () => {
  it('are skipped and counted, said once when the outage begins, every 15 minutes while it lasts, and once when it ends', async () => {
    let down = true;
    const runs = {
      claim: async () => {
        if (down) throw new Error('database file:x.db is locked by another process (gave up after 5000 ms)');
        return true;
      },
    } as unknown as RunCoordinator;
    const { lines, logger } = recording();
    const skipped: SkippedSlots = { count: 0, since: null, error: null };
    let at = now;
    const coordinator = databaseCronCoordinator(runs, 'r1', { now: () => at }, logger, skipped);
    // The every-minute digest check for 40 minutes, and the ingest at the half hour.
    const slots: string[] = [];
    for (let minute = 0; minute < 40; minute++) {
      at = new Date(now.getTime() + minute * 60_000);
      slots.push(`digest:${at.toISOString()}`);
      if (minute === 30) slots.push(`ingest:${at.toISOString()}`);
      for (const key of slots.splice(0)) expect(await coordinator.shouldRun(key, 60_000)).toBe(false);
    }
    const warnings = lines.filter((l) => l.level === 'warn').map((l) => l.msg);
    // Before: 41 warnings, one a slot.
    expect(warnings).toEqual([
      'digest slot skipped: could not record it (database file:x.db is locked by another process (gave up after 5000 ms)); schedule slots are skipped until the database answers',
      'database still not answering: 16 schedule slots skipped since 2026-12-05T09:00:00.000Z (database file:x.db is locked by another process (gave up after 5000 ms))',
      'database still not answering: 31 schedule slots skipped since 2026-12-05T09:00:00.000Z (database file:x.db is locked by another process (gave up after 5000 ms))',
    ]);
    expect(skipped).toMatchObject({ count: 41, since: now });

    const health = await checkHealth({ stores: createMemoryStores(), now: at, skipped });
    expect(health.status).toBe('degraded');
    expect(health.skippedSlots).toEqual({ skipped: 41, since: now.toISOString(), error: expect.stringContaining('locked by another process') });

    down = false;
    at = new Date(now.getTime() + 40 * 60_000);
    expect(await coordinator.shouldRun(`digest:${at.toISOString()}`, 60_000)).toBe(true);
    expect(lines.filter((l) => l.level === 'info').map((l) => l.msg)).toEqual([
      'database answers again: 41 schedule slots were skipped since 2026-12-05T09:00:00.000Z; catching up what fell due meanwhile',
    ]);
    expect(skipped).toEqual({ count: 0, since: null, error: null });
    expect((await checkHealth({ stores: createMemoryStores(), now: at, skipped })).status).toBe('ok');

    // The next outage is news again.
    down = true;
    expect(await coordinator.shouldRun(`digest:${new Date(at.getTime() + 60_000).toISOString()}`, 60_000)).toBe(false);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(4);
    expect(lines.at(-1)!.msg).toMatch(/^digest slot skipped: could not record it/);
  });
});

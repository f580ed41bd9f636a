/**
 * A schedule slot whose claim the database cannot answer (down, or locked by another process)
 * is skipped with one log line and counted for /healthz, instead of throwing into node-cron
 * (which printed a 30-line stack of its own every minute, outside the log).
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
  it('are skipped with one warning each, counted, and counted no more once a claim works', async () => {
    let down = true;
    const runs = {
      claim: async () => {
        if (down) throw new Error('database file:x.db is locked by another process (gave up after 5000 ms)');
        return true;
      },
    } as unknown as RunCoordinator;
    const { lines, logger } = recording();
    const skipped: SkippedSlots = { count: 0, since: null, error: null };
    const coordinator = databaseCronCoordinator(runs, 'r1', { now: () => now }, logger, skipped);
    expect(await coordinator.shouldRun('digest:2026-12-05T09:00:00.000Z', 60_000)).toBe(false);
    expect(await coordinator.shouldRun('digest:2026-12-05T09:01:00.000Z', 60_000)).toBe(false);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(2);
    expect(lines[0]!.msg).toBe('digest slot skipped: could not record it (database file:x.db is locked by another process (gave up after 5000 ms))');
    expect(skipped).toMatchObject({ count: 2, since: now });

    const health = await checkHealth({ stores: createMemoryStores(), now, skipped });
    expect(health.status).toBe('degraded');
    expect(health.skippedSlots).toEqual({ skipped: 2, since: now.toISOString(), error: expect.stringContaining('locked by another process') });

    down = false;
    expect(await coordinator.shouldRun('digest:2026-12-05T09:02:00.000Z', 60_000)).toBe(true);
    expect(skipped).toEqual({ count: 0, since: null, error: null });
    expect((await checkHealth({ stores: createMemoryStores(), now, skipped })).status).toBe('ok');
  });
});

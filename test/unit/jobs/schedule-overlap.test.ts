/**
 * A run that outlasts its schedule's interval: the slots it overlaps are skipped (noOverlap), said
 * once in the log in words and counted in its "finished" line. node-cron's own warning went to
 * the console at every tick, ANSI-coloured, outside the JSON log and naming no job.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSchedules } from '../../../jobs/schedule.js';
import type { RunCoordinator } from '../../../src/core/ports.js';
import type { Logger } from '../../../src/log.js';

function recording() {
  const lines: Array<{ level: string; fields: Record<string, unknown>; msg: string }> = [];
  const at = (level: string) => (fields: Record<string, unknown>, msg?: string) => void lines.push({ level, fields, msg: msg ?? '' });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } as unknown as Logger };
}

afterEach(() => vi.restoreAllMocks());

describe('a scheduled run that outlasts its interval', () => {
  it('skips the overlapped slots with one line in the log and none on the console', async () => {
    const consoleLines: unknown[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation((...args) => void consoleLines.push(args));
    const runs = { claim: async () => true, complete: async () => undefined } as unknown as RunCoordinator;
    const { lines, logger } = recording();
    let runsStarted = 0;
    const schedules = startSchedules({
      runs,
      replica: 'r1',
      clock: { now: () => new Date() },
      logger,
      // Every second; the first run takes 3.5 s, so about three slots come while it runs.
      jobs: [{ name: 'digest', cron: '* * * * * *', timeZone: 'UTC', run: () => new Promise((r) => setTimeout(r, runsStarted++ === 0 ? 3_500 : 10)) }],
    });
    try {
      await vi.waitFor(() => expect(lines.some((l) => l.msg === 'digest finished')).toBe(true), { timeout: 8_000, interval: 50 });
    } finally {
      await schedules.stop();
    }
    expect(consoleLines).toEqual([]);
    const overlaps = lines.filter((l) => l.level === 'info' && l.msg.includes('is still going'));
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0]!.msg).toMatch(/^digest: the run of \S+ is still going; later slots are skipped until it ends$/);
    const finished = lines.find((l) => l.msg === 'digest finished')!;
    expect(finished.fields.skippedWhileRunning).toBeGreaterThanOrEqual(2);
  }, 15_000);
});

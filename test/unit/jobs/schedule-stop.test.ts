/**
 * A slot that comes while the schedules are being stopped does not run. stop() waited only for
 * runs already started, so a slot whose claim was still on its way to the database when stop()
 * began ran afterwards: a digest check (and its deliveries) started during shutdown, while the
 * service waited for its start-up ingest.
 */
import { describe, expect, it } from 'vitest';
import { startSchedules } from '../../../jobs/schedule.js';
import type { RunCoordinator } from '../../../src/core/ports.js';
import { silentLogger } from '../../../src/log.js';
import { checkHealth } from '../../../src/observability/health.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { pinoLines } from '../../helpers/text-sink.js';

describe('stopping the schedules', () => {
  it('starts no run for a slot claimed while the stop was beginning, and closes that slot', async () => {
    const memory = createMemoryStores().runs;
    // The first claim is held until the test lets it answer: the stop begins in between,
    // whatever the clock and the machine's load do.
    let answerClaim: (() => void) | null = null;
    let claimAsked!: (slot: string) => void;
    const asked = new Promise<string>((r) => (claimAsked = r));
    const runs: RunCoordinator = {
      ...memory,
      claim: async (job, slot, replica, at) => {
        if (answerClaim) return false;
        await new Promise<void>((r) => {
          answerClaim = r;
          claimAsked(slot);
        });
        return memory.claim(job, slot, replica, at);
      },
      complete: (...args) => memory.complete(...args),
    };
    const ran: string[] = [];
    const schedules = startSchedules({
      runs,
      replica: 'r1',
      clock: { now: () => new Date() },
      logger: silentLogger(),
      jobs: [{ name: 'digest', cron: '* * * * * *', timeZone: 'UTC', run: async () => void ran.push('digest') }],
    });
    const slot = await asked;
    const stopped = schedules.stop();
    answerClaim!();
    await stopped;
    // Long enough for the claimed slot's run to have started, had it been allowed to.
    await new Promise((r) => setTimeout(r, 200));
    expect(ran).toEqual([]);
    expect(await memory.lastRun('digest')).toMatchObject({ slot, status: 'not-run' });
    // A replica's shutdown is no failed digest check.
    const stores = { ...createMemoryStores(), runs: memory };
    expect((await checkHealth({ stores, now: new Date() })).lastDigest).not.toHaveProperty('problem');
  }, 10_000);

  it('says a run the stop cut short (an ingest past its grace) is interrupted, as a warning, not an error', async () => {
    const runs = createMemoryStores().runs;
    const { logger, lines } = pinoLines();
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const interrupt = new AbortController();
    const schedules = startSchedules({
      runs,
      replica: 'r1',
      clock: { now: () => new Date() },
      logger,
      jobs: [
        {
          name: 'ingest',
          cron: '* * * * * *',
          timeZone: 'UTC',
          // As the service's ingest does: it ends when stop() aborts it, with the abort's reason.
          run: () =>
            new Promise<string>((_resolve, reject) => {
              started();
              interrupt.signal.addEventListener('abort', () => reject(interrupt.signal.reason as Error));
            }),
        },
      ],
    });
    await running;
    const stopped = schedules.stop();
    interrupt.abort(new Error('interrupted by SIGTERM'));
    await stopped;
    const said = lines.filter((l) => l.msg.startsWith('ingest '));
    expect(said.map((l) => [l.level, l.msg])).toEqual([[40, 'ingest interrupted: the service is stopping (interrupted by SIGTERM)']]);
    // Still recorded as not having run to its end.
    expect(await runs.lastRun('ingest')).toMatchObject({ status: 'failed' });
  }, 10_000);
});

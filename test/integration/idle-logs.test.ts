/**
 * An idle service is quiet: the every-minute digest check that finds nothing logs at debug,
 * not two INFO lines a minute (2,880 a day).
 */
import { describe, expect, it } from 'vitest';
import { startSchedules } from '../../jobs/schedule.js';
import { enqueueDueDigests } from '../../src/delivery/queue-digests.js';
import { createInProcessQueue } from '../../src/delivery/in-process-queue.js';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { pinoLines } from '../helpers/text-sink.js';

function capturingLogger() {
  const { logger, lines } = pinoLines();
  return { logger, info: () => lines.filter((l) => l.level >= 30).map((l) => l.msg), all: () => lines.map((l) => l.msg) };
}

describe('an idle service', () => {
  it('logs an empty digest check and a run that did nothing at debug only', async () => {
    const { logger, info, all } = capturingLogger();
    const stores = createMemoryStores();
    const queue = createInProcessQueue(logger);
    const schedules = startSchedules({
      runs: stores.runs,
      replica: 'r1',
      clock: { now: () => new Date() },
      logger,
      jobs: [
        {
          name: 'digest',
          cron: '* * * * * *',
          timeZone: 'UTC',
          run: async () => {
            const r = await enqueueDueDigests({ stores, queue, logger }, new Date());
            return `${r.due} due, ${r.resumed} resumed`;
          },
          idle: (detail) => detail === '0 due, 0 resumed',
        },
      ],
    });
    try {
      await new Promise((r) => setTimeout(r, 2_300));
    } finally {
      await schedules.stop();
      await queue.close();
    }
    expect(all()).toContain('digest finished: nothing to do');
    expect(all()).toContain('no digest due');
    expect(info()).toEqual([]);
  }, 20_000);
});

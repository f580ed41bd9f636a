/**
 * A delivery worker in its own process, for tests that kill a replica. It prints
 * `started <targetId>` when it takes a job and then holds it until killed (HOLD=1), or
 * `done <targetId>` after finishing (HOLD=0).
 */
import { createBullmqQueue } from '../../src/delivery/bullmq-queue.js';
import { silentLogger } from '../../src/log.js';

const queue = createBullmqQueue(silentLogger(), {
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  prefix: process.env.QUEUE_PREFIX ?? 'paperboy-test',
  lockDurationMs: Number(process.env.LOCK_MS ?? 1000),
  stalledIntervalMs: Number(process.env.STALLED_MS ?? 500),
  concurrency: 1,
});
const hold = process.env.HOLD === '1';
queue.start(async (job) => {
  process.stdout.write(`started ${job.targetId}\n`);
  if (hold) await new Promise(() => undefined);
  process.stdout.write(`done ${job.targetId}\n`);
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => void queue.close().then(() => process.exit(0)));

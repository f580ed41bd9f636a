/**
 * One paperboy replica as its own process, wired like the service: PostgreSQL stores, the
 * BullMQ delivery queue, real Slack/Discord notifiers (pointed at local fakes), and the
 * digest schedule coordinated through the database. Matching and summaries are the fixture's
 * trivial ones: what is under test is sharing delivery work between replicas.
 *
 * Prints JSON lines on stdout: ready, slot (this replica won a schedule slot), job-start,
 * job-done, closed. SIGTERM closes gracefully.
 */
import { hostname } from 'node:os';
import { createDiscordNotifier } from '../../src/chat/discord/notifier.js';
import { createSlackNotifier } from '../../src/chat/slack/notifier.js';
import { loadConfig } from '../../src/config.js';
import { createDeliveryQueue } from '../../src/delivery/queue-factory.js';
import { createDigestJobHandler, enqueueDueDigests } from '../../src/delivery/queue-digests.js';
import { createLogger } from '../../src/log.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { openStores } from '../../src/store/index.js';
import { startSchedules } from '../../jobs/schedule.js';
import { channels, firstSentenceSummaries, matchEverything } from './replica-fixture.js';

const emit = (event: string, fields: Record<string, unknown> = {}) => process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);

const config = loadConfig(process.env);
const replica = config.PAPERBOY_REPLICA_ID ?? `${hostname()}-${process.pid}`;
const logger = createLogger(config.LOG_LEVEL, replica);
const stores = await openStores(config.DATABASE_URL);
const queue = await createDeliveryQueue(config, logger, {
  prefix: process.env.QUEUE_PREFIX ?? 'paperboy',
  lockDurationMs: Number(process.env.REPLICA_LOCK_MS ?? 30_000),
  stalledIntervalMs: Number(process.env.REPLICA_STALLED_MS ?? 15_000),
  // Fake platforms: the limiter would only slow the test down.
  limits: { slack: { max: 10_000, durationMs: 1000 }, discord: { max: 10_000, durationMs: 1000 }, console: { max: 10_000, durationMs: 1000 } },
});
const slack = config.SLACK_BOT_TOKEN ? createSlackNotifier({ token: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL }) : undefined;
// The scale bench gives each replica its share of the fake bot's global limit.
const globalRequestsPerSecond = process.env.DISCORD_GLOBAL_RPS ? Number(process.env.DISCORD_GLOBAL_RPS) : undefined;
const discord = config.DISCORD_TOKEN ? createDiscordNotifier({ token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL, globalRequestsPerSecond }) : undefined;
const metrics = createMetrics({ defaultLabels: { replica } });
const handler = createDigestJobHandler(
  {
    stores,
    matcher: matchEverything,
    summaries: firstSentenceSummaries,
    channels: channels(slack, discord),
    logger,
    concurrency: 1,
    policy: { backoffBaseMs: 50, backoffMaxMs: 500 },
  },
  { metrics },
);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
let delivered = 0;
queue.start(async (job) => {
  emit('job-start', { replica, targetId: job.targetId, slot: job.slot, attempt: job.attempt });
  await handler(job);
  delivered += 1;
  emit('job-done', { replica, targetId: job.targetId });
});

const schedules = startSchedules({
  jobs: [
    {
      name: 'digest',
      cron: process.env.REPLICA_CRON ?? '* * * * * *',
      timeZone: 'UTC',
      async run(slot) {
        emit('slot', { replica, slot: slot.toISOString() });
        const r = await enqueueDueDigests({ stores, queue, logger }, new Date());
        return `${r.due} due, ${r.resumed} resumed`;
      },
    },
  ],
  runs: stores.runs,
  replica,
  clock: { now: () => new Date() },
  logger,
});
emit('ready', { replica, queue: queue.kind });

let closing = false;
process.on('SIGTERM', () => {
  if (closing) return;
  closing = true;
  void (async () => {
    await schedules.stop();
    await queue.close();
    await stores.close();
    clearInterval(sampler);
    emit('closed', { replica, delivered, peakRssBytes: peakRss });
    process.exit(0);
  })();
});

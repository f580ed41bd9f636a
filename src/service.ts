/**
 * The long-running service: migrate, seed the topic catalog, open the search index, serve chat
 * and health over HTTP, run the ingest and digest schedules, and stop cleanly.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from './config.js';
import type { Clock, Stores } from './core/ports.js';
import type { Logger } from './log.js';
import { openStores } from './store/index.js';
import { composeServices } from './app/compose.js';
import { runScheduledIngest } from './app/scheduled-ingest.js';
import { startSchedules, type Schedules } from '../jobs/schedule.js';
import { createDeliveryQueue } from './delivery/queue-factory.js';
import { createDigestJobHandler, enqueueDueDigests } from './delivery/queue-digests.js';
import { reportAccessProblems } from './core/digest/access.js';
import type { DeliveryQueue } from './delivery/queue.js';
import { createMetrics, timeJob, type Metrics } from './observability/metrics.js';
import { checkHealth } from './observability/health.js';
import { createRejectionReporter } from './http/rejections.js';
import { startChat, type RunningChat } from './http/start-chat.js';

export const INGEST_JOB = 'ingest';
export const DIGEST_JOB = 'digest';

export interface RunningService {
  stores: Stores;
  metrics: Metrics;
  chat: RunningChat;
  queue: DeliveryQueue;
  schedules: Schedules;
  /** Settles when the start-up catch-up is done: a stale ingest run again, due digests enqueued. */
  caughtUp: Promise<void>;
  stop(reason?: string): Promise<void>;
}

/** An ingest older than this at start-up runs again before the first digest. */
const STALE_INGEST_MS = 60 * 60 * 1000;

const systemClock: Clock = { now: () => new Date() };

export interface ServiceOptions {
  clock?: Clock;
  /** Where console digests go (default: process.stdout). */
  stdout?: NodeJS.WritableStream;
}

export async function startService(config: Config, logger: Logger, opts: ServiceOptions = {}): Promise<RunningService> {
  const clock = opts.clock ?? systemClock;
  // Containers on host networking share the hostname and all run as PID 1: the suffix keeps
  // their ids (logs, run records, metrics label) apart.
  const replica = config.PAPERBOY_REPLICA_ID ?? `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  const metrics = createMetrics({ processMetrics: true, defaultLabels: { replica } });
  const stores = await openStores(config.DATABASE_URL, { migrate: true, logger });
  // What start-up has opened so far, closed in reverse when a later step fails: a service that
  // cannot start must not keep a port, a queue worker or a search thread alive half-started.
  const started: Array<() => Promise<unknown>> = [() => stores.close()];
  try {
    return await startOn();
  } catch (err) {
    for (const close of started.reverse()) await close().catch(() => undefined);
    throw err;
  }

  async function startOn(): Promise<RunningService> {
    const app = composeServices(config, stores, logger, { channelOptions: { stdout: opts.stdout } }, { searchWorker: true });
    started.push(() => app.close());

    const seeded = await app.topics.topics.seed();
    if (seeded.created.length) logger.info({ topics: seeded.created }, `seeded ${seeded.created.length} starter topics`);
    const chatConfigured = Boolean(config.SLACK_BOT_TOKEN || config.DISCORD_TOKEN);
    if (!chatConfigured) {
      await app.targets.ensureConsole();
      logger.info('no Slack or Discord configured: digests go to the console');
    }
    // The index opens in the background; searches wait for it, start-up does not.
    app.topics.search.ready().then(
      (o) => logger.info(o, `search index ready (${o.source}, ${o.papers} papers, ${o.ms} ms)`),
      (err: unknown) => logger.error({ err: String(err) }, 'search index failed to open'),
    );

    const queue = createDeliveryQueue(config, logger);
    metrics.watchQueue(queue);
    started.push(() => queue.close());
    const digests = await app.digests();
    queue.start(createDigestJobHandler(digests.deps, { metrics }));
    // Credentials short of what delivery relies on (Slack history scopes) are said at start,
    // not first at a digest hours later; in the background, so a slow platform does not hold start-up.
    void reportAccessProblems(digests.deps.channels, logger);

    const chat = await startChat({
      config,
      logger,
      services: app.commands,
      health: async () => {
        const report = await checkHealth({ stores, now: clock.now(), digestJob: DIGEST_JOB });
        return { status: report.status, checks: { ...report } };
      },
      metrics: async () => ({ contentType: metrics.contentType, body: await metrics.render() }),
      onRejected: createRejectionReporter({ logger, count: (endpoint, reason) => metrics.httpRejected.inc({ endpoint, reason }) }),
    });
    started.push(() => chat.close());

    const enqueueDigests = () => enqueueDueDigests({ stores, queue, logger }, clock.now());
    const ingestNow = () => timeJob(metrics, INGEST_JOB, () => runScheduledIngest({ config, stores, search: app.topics.search, logger, metrics }, clock.now()));
    const schedules = startSchedules({
      runs: stores.runs,
      replica,
      clock,
      logger,
      jobs: [
        {
          name: INGEST_JOB,
          cron: config.PAPERBOY_INGEST_CRON,
          timeZone: config.PAPERBOY_INGEST_TZ,
          run: ingestNow,
        },
        {
          name: DIGEST_JOB,
          cron: config.PAPERBOY_DIGEST_CRON,
          timeZone: 'UTC',
          run: async () => {
            const r = await timeJob(metrics, DIGEST_JOB, enqueueDigests);
            return `${r.due} due, ${r.resumed} resumed`;
          },
          idle: (detail) => detail === '0 due, 0 resumed',
        },
      ],
    });
    // After downtime, catch up once now rather than waiting for the next tick: ingest first when
    // the last one is stale (so the digest has papers), then due digests. The (job, slot) claim
    // keeps replicas starting together from ingesting twice; the queue's (target, slot) job ids
    // and the ledger make a second digest catch-up harmless.
    // Set by stop(): a catch-up still ingesting then leaves the digests to the next start (or
    // another replica) instead of delivering them while the process is being shut down.
    let stopping: Promise<void> | null = null;
    const catchUp = (async () => {
      const now = clock.now();
      // One run per scheduled source: a failed or partial one among them (a start-up ingest
      // that failed) is retried now, not at the next tick up to an hour later.
      const recent = await stores.ingestRuns.latest(Math.max(1, config.PAPERBOY_INGEST_SOURCES.length));
      const last = recent[0];
      const settled = last !== undefined && recent.every((r) => r.status === 'succeeded' || r.status === 'running');
      if (!last || !settled || now.getTime() - last.startedAt.getTime() > STALE_INGEST_MS) {
        // Replicas starting together see the same last run and claim one slot; a failed attempt
        // records a new run, so the next start claims a new slot and tries again.
        const hour = new Date(Math.floor(now.getTime() / STALE_INGEST_MS) * STALE_INGEST_MS).toISOString();
        const slot = `catch-up:${hour}:${last?.id ?? 'none'}`;
        if (await stores.runs.claim(INGEST_JOB, slot, replica, now)) {
          try {
            const detail = await ingestNow();
            await stores.runs.complete(INGEST_JOB, slot, 'succeeded', detail, clock.now());
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            logger.error({ err: message }, `start-up ingest failed: ${message}`);
            await stores.runs.complete(INGEST_JOB, slot, 'failed', message, clock.now()).catch(() => undefined);
          }
        }
      }
      if (stopping) {
        logger.info('stopping: start-up digests left to the next start');
        return;
      }
      await enqueueDigests();
    })().catch((err: unknown) => logger.error({ err: String(err) }, 'start-up catch-up failed'));
    logger.info(
      { replica, database: config.DATABASE_URL.startsWith('file:') ? 'sqlite' : 'postgresql', queue: queue.kind, ingest: config.PAPERBOY_INGEST_CRON, sources: config.PAPERBOY_INGEST_SOURCES },
      'paperboy started',
    );

    return {
      stores,
      metrics,
      chat,
      queue,
      schedules,
      caughtUp: catchUp,
      stop(reason = 'stop') {
        stopping ??= (async () => {
          logger.info({ reason }, 'paperboy stopping: finishing in-flight work');
          await schedules.stop();
          await catchUp;
          await queue.close();
          await chat.close();
          await app.topics.search.persist().catch(() => undefined);
          await app.close();
          await stores.close();
          logger.info('paperboy stopped');
        })();
        return stopping;
      },
    };
  }
}

/**
 * The long-running service: migrate, seed the topic catalog, open the search index, serve chat
 * and health over HTTP, run the ingest and digest schedules, and stop cleanly.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { missingToken, type Config } from './config.js';
import type { Clock, Stores } from './core/ports.js';
import type { Logger } from './log.js';
import { openStores } from './store/index.js';
import { checkDataDir } from './store/data-dir.js';
import { composeServices, type AppServices } from './app/compose.js';
import { runScheduledIngest, scheduledSources } from './app/scheduled-ingest.js';
import { catchUpAtStart } from './app/start-up-catch-up.js';
import { consoleOutlook } from './app/console-outlook.js';
import { startSchedules, type Schedules, type SkippedSlots } from '../jobs/schedule.js';
import { sweepRetrySummaries } from '../jobs/summary-sweep.js';
import { createSummaryServiceFromConfig } from './summarize/factory.js';
import { watchSqlitePresence } from './app/sqlite-presence.js';
import { createDeliveryQueue } from './delivery/queue-factory.js';
import { createDigestJobHandler, enqueueDueDigests } from './delivery/queue-digests.js';
import { reportAccessProblems } from './core/digest/access.js';
import type { DeliveryQueue } from './delivery/queue.js';
import { createMetrics, timeJob, type Metrics } from './observability/metrics.js';
import { checkHealth } from './observability/health.js';
import { createRejectionReporter } from './http/rejections.js';
import { startChat, type RunningChat } from './http/start-chat.js';
import { shippedVocabulary } from './core/topics/vocabulary/index.js';
import { waitForJobsOrCloseQueue } from './delivery/stop-queue.js';
import { describeError } from './core/error-text.js';

export const INGEST_JOB = 'ingest';
export const DIGEST_JOB = 'digest';
export const SUMMARY_SWEEP_JOB = 'summary-sweep';

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

const systemClock: Clock = { now: () => new Date() };

export interface ServiceOptions {
  clock?: Clock;
  /** Where console digests go (default: process.stdout). */
  stdout?: NodeJS.WritableStream;
}

/** What every start-up step shares. */
interface StartContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  replica: string;
  /** When start-up began: a digest for an earlier slot is the start-up catch-up's. */
  startedAt: Date;
  metrics: Metrics;
  stores: Stores;
  app: AppServices;
  /** Schedule slots skipped while the database did not answer: written by the scheduler, read by /healthz. */
  skippedSlots: SkippedSlots;
  /** Set when start-up failed and is closing what it opened: the search thread it stops is no failure of its own. */
  abandoned: boolean;
}

export async function startService(config: Config, logger: Logger, opts: ServiceOptions = {}): Promise<RunningService> {
  const clock = opts.clock ?? systemClock;
  const replica = replicaId(config);
  // Before anything is opened: a data folder that cannot be used otherwise failed at the first
  // snapshot write, long after start-up, or hung the service on a filesystem that did not answer.
  await checkDataDir(config.PAPERBOY_DATA_DIR);
  const metrics = createMetrics({ processMetrics: true, defaultLabels: { replica } });
  const stores = await openStores(config.DATABASE_URL, { migrate: true, logger });
  // What start-up has opened so far, closed in reverse when a later step fails: a service that
  // cannot start must not keep a port, a queue worker or a search thread alive half-started.
  const started: Array<() => Promise<unknown>> = [() => stores.close()];
  let ctx: StartContext | undefined;
  try {
    const app = composeServices(config, stores, logger, { channelOptions: { stdout: opts.stdout } }, { searchWorker: true, matchWorker: true });
    started.push(() => app.close());
    ctx = { config, logger, clock, replica, startedAt: clock.now(), metrics, stores, app, skippedSlots: { count: 0, since: null, error: null }, abandoned: false };
    await prepareContent(ctx);
    const queue = await startDelivery(ctx);
    started.push(() => queue.close());
    // The first topic someone types in chat built the shipped vocabulary (1.5 s of CPU) on the
    // thread that answers every command, so another user's command or a Discord autocomplete
    // (dropped after 3 s) waited behind it. Before chat listens, nobody does; console-only
    // services never need it on this thread and keep its 12 MB.
    if (config.SLACK_BOT_TOKEN || config.DISCORD_TOKEN) shippedVocabulary();
    const chat = await startChatServer(ctx, queue);
    started.push(() => chat.close());
    warmPreviews(ctx);
    syncDiscordCommands(ctx);
    return await startJobs(ctx, queue, chat);
  } catch (err) {
    if (ctx) ctx.abandoned = true;
    for (const close of started.reverse()) await close().catch(() => undefined);
    throw err;
  }
}

/**
 * The first `subscribe` after a start or an ingest read the recent papers into matching's
 * reference corpus inside that person's answer (seconds with thousands stored, on the thread
 * that acknowledges everyone's commands). With chat on, it is read here, in the background and
 * yielding between chunks, so that answer is the topic's own matching only.
 */
function warmPreviews({ config, app, logger }: StartContext): void {
  if (!config.SLACK_BOT_TOKEN && !config.DISCORD_TOKEN) return;
  app.topics.matching.warm().catch((err: unknown) => logger.warn({ err: String(err) }, 'reference papers for topic previews not read ahead; the next preview reads them'));
}

function replicaId(config: Config): string {
  // Containers on host networking share the hostname and all run as PID 1: the suffix keeps
  // their ids (logs, run records, metrics label) apart.
  return config.PAPERBOY_REPLICA_ID ?? `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
}

/** Starter topics, the console target when no chat platform is configured, the search index. */
async function prepareContent(ctx: StartContext): Promise<void> {
  const { config, logger, app } = ctx;
  const seeded = await app.topics.topics.seed();
  if (seeded.created.length) logger.info({ topics: seeded.created }, `seeded ${seeded.created.length} starter topics`);
  const chatConfigured = Boolean(config.SLACK_BOT_TOKEN || config.DISCORD_TOKEN);
  if (!chatConfigured) {
    await app.targets.ensureConsole();
    logger.info('no Slack or Discord configured: digests go to the console');
  }
  // The index opens in the background; searches wait for it, start-up does not.
  const hotDays = config.PAPERBOY_SEARCH_HOT_DAYS;
  const windowed = hotDays > 0 ? `of the last ${hotDays} days in memory; older ones are searched in the database` : 'in memory';
  app.topics.search.ready().then(
    // "0 papers" alone read as an empty index when every stored paper is older than the window.
    (o) => logger.info(o, `search index ready (${o.source}, ${o.papers} papers ${windowed}, ${o.ms} ms)`),
    // A start-up that failed later (the port taken) stops the search thread: its error, not this, is the news.
    (err: unknown) => (ctx.abandoned ? logger.debug({ err: String(err) }, 'search index closed: start-up failed') : logger.error({ err: String(err) }, 'search index failed to open')),
  );
}

/**
 * How long stop() lets an ingest in flight finish before interrupting it: an ordinary ingest
 * (seconds) completes, one stuck on a source that does not answer is cut well within Docker's
 * default 10 s stop timeout.
 */
export const INGEST_STOP_GRACE_MS = 5_000;
/** How long stop() still waits for the schedules and the catch-up once it closed an unreachable queue under them. */
const STOP_AFTER_QUEUE_CLOSED_MS = 2_000;

/** How long start-up waits for the delivery queue's Redis to answer (compose starts it first, healthy). */
export const REDIS_START_WAIT_MS = 10_000;

/** Longest Retry-After wait a service worker sleeps through within one delivery job. */
export const SERVICE_RATE_LIMIT_WAIT_MS = 30_000;

/** The delivery queue with its digest handler running. */
async function startDelivery({ config, logger, metrics, app, startedAt }: StartContext): Promise<DeliveryQueue> {
  const queue = await createDeliveryQueue(config, logger);
  try {
    // A REDIS_URL naming no server that answers (a mistyped host, Redis not started) started a
    // service that never delivered, while /healthz said 200 "degraded" and Docker "healthy".
    // Redis going away later is an outage the service rides out; at start it is a failure.
    await queue.answering?.(REDIS_START_WAIT_MS);
    metrics.watchQueue(queue);
    // After a backfill a digest window holds every paper, and matching it is a minute or more
    // of silence in the log: a big window says when it starts and how long it took.
    const { createMatchProgress, MATCH_BAR_FROM } = await import('./cli/progress.js');
    // A worker waits out a short Retry-After itself; a longer one postpones the job in the queue
    // (RetryLaterError), so the worker and a SIGTERM are not held for minutes.
    const digests = await app.digests({ progress: createMatchProgress({ stream: process.stderr, logger, plain: true, logFrom: MATCH_BAR_FROM }), policy: { maxRateLimitWaitMs: SERVICE_RATE_LIMIT_WAIT_MS } });
    queue.start(createDigestJobHandler(digests.deps, { metrics, startedAt }));
    // Credentials short of what delivery relies on (Slack history scopes) are said at start,
    // not first at a digest hours later; in the background, so a slow platform does not hold start-up.
    void reportAccessProblems(digests.deps.channels, logger);
    return queue;
  } catch (err) {
    await queue.close().catch(() => undefined);
    throw err;
  }
}

/** Slack, Discord, /healthz and /metrics on one HTTP server. */
function startChatServer({ config, logger, clock, metrics, stores, app, skippedSlots }: StartContext, queue: DeliveryQueue): Promise<RunningChat> {
  return startChat({
    config,
    logger,
    services: app.commands,
    health: async () => {
      const report = await checkHealth({ stores, now: clock.now(), digestJob: DIGEST_JOB, skipped: skippedSlots, ingestSources: scheduledSources(config), queue: queue.health });
      return { status: report.status, checks: { ...report } };
    },
    metrics: async () => ({ contentType: metrics.contentType, body: await metrics.render() }),
    onRejected: createRejectionReporter({ logger, count: (endpoint, reason) => metrics.httpRejected.inc({ endpoint, reason }) }),
  });
}

/**
 * /papers as servers see it, brought up to papersCommand() when it is missing or differs: a
 * changed definition otherwise waited for someone to run `npm run discord:register`. In the
 * background, and a failure only warns: the bot works with the definition Discord has.
 */
function syncDiscordCommands({ config, logger }: StartContext): void {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId } = config;
  if (!token || !applicationId || !config.DISCORD_REGISTER_COMMANDS) return;
  const scope = guildId ? { guild: guildId } : { scope: 'global' };
  import('./chat/discord/register-commands.js')
    .then(({ syncCommands }) => syncCommands({ token, applicationId, guildId, apiUrl: config.DISCORD_API_URL }))
    .then(
      (outcome) => {
        if (outcome.status === 'unchanged') logger.debug(scope, '/papers is registered as defined');
        else logger.info(scope, outcome.reason === 'changed' ? 're-registered /papers: definition changed' : 'registered /papers: it was not registered');
      },
      (err: unknown) => {
        const message = describeError(err);
        logger.warn({ ...scope, err: message }, `could not check or register /papers with Discord (${message}); servers keep the definition they have (npm run discord:register, or DISCORD_REGISTER_COMMANDS=false)`);
      },
    );
}

/** The start-up banner: where the service answers and how to stop it, for whoever started it in a terminal. */
function startedText(chat: RunningChat): string {
  const where = chat.http ? `health at ${chat.http.url}/healthz` : 'no HTTP server (PAPERBOY_HTTP=false)';
  return `paperboy started: ${where}; Ctrl-C stops it`;
}

/** The ingest and digest schedules, the start-up catch-up, and the stop that undoes it all. */
async function startJobs(ctx: StartContext, queue: DeliveryQueue, chat: RunningChat): Promise<RunningService> {
  const { config, logger, clock, replica, metrics, stores, app } = ctx;
  // A platform that cannot post now (the console with its stdout gone) is skipped as one without a token is.
  const platforms = { missingToken: (platform: string) => missingToken(config, platform), unavailable: (platform: string) => app.unavailable(platform), warned: new Set<string>() };
  // Read before the catch-up can close a due window: the line says what this start found.
  const outlook = await consoleOutlook(stores, clock.now()).catch((err: unknown) => {
    logger.debug({ err: String(err) }, 'console digest outlook not read');
    return null;
  });
  // Its own summary service: a sweep's run resets only its own breaker, never a digest's in flight; the budget and the day's stop are shared through the cache.
  const sweepSummaries = createSummaryServiceFromConfig(config, { papers: stores.papers, cache: stores.cache, logger });
  const enqueueDigests = () => enqueueDueDigests({ stores, queue, logger, platforms }, clock.now());
  // Aborted by stop() when an ingest in flight has not finished within INGEST_STOP_GRACE_MS: it
  // then ends after its current request (scheduled-ingest.ts) and records itself interrupted.
  const interrupt = new AbortController();
  const ingestNow = async () => {
    const outcome = await timeJob(metrics, INGEST_JOB, () => runScheduledIngest({ config, stores, search: app.topics.search, logger, metrics, signal: interrupt.signal }, clock.now()));
    warmPreviews(ctx);
    return outcome;
  };
  const schedules = startSchedules({
    runs: stores.runs,
    replica,
    clock,
    logger,
    skipped: ctx.skippedSlots,
    jobs: [
      { name: INGEST_JOB, cron: config.PAPERBOY_INGEST_CRON, timeZone: config.PAPERBOY_INGEST_TZ, run: ingestNow, catchUpSkipped: true },
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
      // The ingest's tick, as a job of its own: claimed once across replicas and waited for by stop().
      {
        name: SUMMARY_SWEEP_JOB,
        cron: config.PAPERBOY_INGEST_CRON,
        timeZone: config.PAPERBOY_INGEST_TZ,
        run: async () => {
          const r = await sweepRetrySummaries({ papers: stores.papers, summaries: sweepSummaries, logger });
          return `${r.asked} asked again, ${r.replaced} replaced`;
        },
        // The sweep says a replacement itself; the scheduler's line for it would only repeat it.
        idle: () => true,
      },
    ],
  });
  // Set by stop(): a catch-up still ingesting then leaves the digests to the next start (or
  // another replica) instead of delivering them while the process is being shut down.
  let stopping: Promise<void> | null = null;
  const caughtUp = catchUpAtStart({
    stores,
    clock,
    logger,
    replica,
    ingestJob: INGEST_JOB,
    sources: scheduledSources(config),
    ingestNow,
    enqueueDigests,
    stopping: () => stopping !== null,
  });
  const sqlite = config.DATABASE_URL.startsWith('file:');
  const presence = sqlite ? watchSqlitePresence({ runs: stores.runs, replica, clock, logger, database: config.DATABASE_URL }) : null;
  logger.info(
    { replica, database: sqlite ? 'sqlite' : 'postgresql', queue: queue.kind, ingest: config.PAPERBOY_INGEST_CRON, sources: config.PAPERBOY_INGEST_SOURCES },
    startedText(chat),
  );
  if (outlook) logger.info({ target: 'console' }, outlook);
  return {
    stores,
    metrics,
    chat,
    queue,
    schedules,
    caughtUp,
    stop(reason = 'stop') {
      stopping ??= (async () => {
        logger.info({ reason }, 'paperboy stopping: finishing in-flight work');
        const grace = setTimeout(() => interrupt.abort(new Error(`interrupted by ${reason}`)), INGEST_STOP_GRACE_MS);
        // A queue whose server is away is closed under the jobs (stop-queue.ts says why).
        const jobsDone = Promise.all([schedules.stop(), caughtUp]);
        const queueClosed = await waitForJobsOrCloseQueue(jobsDone, queue, logger, { afterCloseMs: STOP_AFTER_QUEUE_CLOSED_MS });
        clearTimeout(grace);
        if (!queueClosed) await queue.close();
        await chat.close();
        await app.topics.search.persist().catch(() => undefined);
        await app.close();
        await presence?.stop();
        await stores.close();
        logger.info('paperboy stopped');
      })();
      return stopping;
    },
  };
}

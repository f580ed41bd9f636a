/** `npm start`: the service. Configuration from the environment and ./.env (see .env.example). */
import { configWarnings, loadConfigOrReport, reportUnknownSettings } from './config.js';
import { createLogger, type Logger } from './log.js';
import { exitOnStdoutFailure, writeFailureReason } from './output-failure.js';
import { startService } from './service.js';
import { DataDirError } from './store/data-dir.js';
import { describeError } from './core/error-text.js';

const USAGE = `Usage: npm start  (the Docker image: node dist/src/main.js)

The paperboy service: ingests new papers on a schedule (Hugging Face Daily Papers by default),
matches them to the topics people follow and posts each target's digest to Slack, Discord or
the console; answers /papers and serves /healthz and /metrics over HTTP. Runs until SIGINT/SIGTERM.

Configuration comes from the environment and ./.env (every key in .env.example); none is needed:
  DATABASE_URL         SQLite file or postgresql://… (default file:./data/paperboy.db)
  PORT                 HTTP port (default 3000; PAPERBOY_HTTP=false: no server)
  LOG_LEVEL            info by default
  SLACK_BOT_TOKEN      with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)
  DISCORD_TOKEN        with DISCORD_APPLICATION_ID (and DISCORD_PUBLIC_KEY for HTTP interactions)
  OPENAI_API_KEY       LLM summaries (offline fallbacks without it)
  REDIS_URL            a delivery queue shared by several replicas

One-off commands (ingest, subscribe, channel add, digest …): paperboy --help
(from source: npm run paperboy -- --help).
`;

/**
 * A stdout that cannot be written (`npm start > /dev/full`, `npm start | true`) was an unhandled
 * 'error' event that ended the service at its first console digest. Only console digests go
 * there: the console notifier leaves each unsent for a later run, and the service runs on, saying once why.
 */
function keepRunningWithoutStdout(logger: Logger): void {
  let said = false;
  process.stdout.on('error', (err) => {
    if (said) return;
    said = true;
    logger.error(`stdout cannot be written (${writeFailureReason(err)}): console digests are not printed, and each is kept unsent for a later digest run`);
  });
}

async function main(): Promise<void> {
  // The service takes no arguments: anything else given to it would otherwise start it anyway.
  const args = process.argv.slice(2);
  if (args.some((a) => a === '--help' || a === '-h')) {
    // The usage is the output here, as a CLI command's is: one way for both when it cannot go.
    exitOnStdoutFailure();
    process.stdout.write(USAGE);
    return;
  }
  if (args.length) {
    process.stderr.write(`paperboy: unknown argument "${args[0]!.slice(0, 40)}": the service takes none (npm start -- --help)\n`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfigOrReport();
  if (!config) {
    process.exitCode = 2;
    return;
  }
  const logger = createLogger(config.LOG_LEVEL);
  keepRunningWithoutStdout(logger);
  reportUnknownSettings(logger);
  for (const warning of configWarnings(config)) logger.warn(warning);
  process.on('unhandledRejection', (err) => logger.error({ err: String(err) }, 'unhandled rejection (kept running)'));

  // Listened for before start-up: a signal in it (a migration, the index opening, or the moment
  // after "paperboy started" while start-up's own work still holds the thread) otherwise found no
  // listener and killed the process outright, leaving what it had begun unclosed.
  let service: Awaited<ReturnType<typeof startService>> | undefined;
  let stopAfterStart: NodeJS.Signals | null = null;
  const stop = (signal: NodeJS.Signals, running: NonNullable<typeof service>) =>
    running.stop(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err: String(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // A second signal while stopping (or still starting) forces the exit.
      process.once(signal, () => process.exit(130));
      if (service) return void stop(signal, service);
      if (process.exitCode) return void process.exit(); // start-up failed, and said why: nothing to wait for
      stopAfterStart = signal;
      logger.info({ signal }, `${signal} during start-up: paperboy stops as soon as it has started (${signal} again stops it now)`);
    });
  }
  try {
    service = await startService(config, logger);
  } catch (err) {
    // A folder that cannot be used is the user's to fix, like a bad variable: said as configuration
    // errors are, one plain line, not a JSON log record when stderr is piped.
    if (err instanceof DataDirError) process.stderr.write(`paperboy: ${err.message}\n`);
    else logger.fatal({ err: describeError(err, 600) }, `paperboy could not start: ${describeError(err, 600)}`);
    process.exitCode = 1;
    // startService closed what it had opened; should anything still hold the process, leave anyway.
    setTimeout(() => process.exit(1), 5_000).unref();
    return;
  }
  if (stopAfterStart) void stop(stopAfterStart, service);
}

void main();

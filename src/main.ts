/** `npm start`: the service. Configuration from the environment and ./.env (see .env.example). */
import { configWarnings, loadConfigOrReport } from './config.js';
import { createLogger } from './log.js';
import { startService } from './service.js';

async function main(): Promise<void> {
  const config = loadConfigOrReport();
  if (!config) {
    process.exitCode = 2;
    return;
  }
  const logger = createLogger(config.LOG_LEVEL);
  for (const warning of configWarnings(config)) logger.warn(warning);
  process.on('unhandledRejection', (err) => logger.error({ err: String(err) }, 'unhandled rejection (kept running)'));

  let service;
  try {
    service = await startService(config, logger);
  } catch (err) {
    logger.fatal({ err: err instanceof Error ? err.message : String(err) }, `paperboy could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
    // startService closed what it had opened; should anything still hold the process, leave anyway.
    setTimeout(() => process.exit(1), 5_000).unref();
    return;
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // A second signal while stopping forces the exit.
      process.once(signal, () => process.exit(130));
      service.stop(signal).then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err: String(err) }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

void main();

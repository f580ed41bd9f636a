#!/usr/bin/env node
/** Entry point of the `paperboy` command. */
import { loadConfigOrReport, reportUnknownSettings } from './config.js';
import type { Stores } from './core/ports.js';
import { createLogger } from './log.js';
import { openSeededStores } from './cli/open-stores.js';
import { cliErrorText } from './cli/fail.js';
import { cliLogLevel, runCli } from './cli/program.js';
import { exitOnStdoutFailure } from './output-failure.js';

const output = exitOnStdoutFailure();

async function main(): Promise<number> {
  const config = loadConfigOrReport();
  if (!config) return 2;
  const logger = createLogger(cliLogLevel(config.LOG_LEVEL, process.argv.slice(2)));
  reportUnknownSettings(logger);
  let stores: Promise<Stores> | null = null;
  let exitCode = 0;
  const code = await runCli(process.argv.slice(2), {
    config,
    logger,
    openStores: () => (stores ??= openSeededStores(config.DATABASE_URL, logger)),
    stdout: process.stdout,
    stderr: process.stderr,
    setExitCode: (c) => {
      exitCode = Math.max(exitCode, c);
    },
    exitCode: () => exitCode,
  });
  if (stores) await (await (stores as Promise<Stores>).catch(() => null))?.close();
  return code;
}

main().then(
  (code) => {
    process.exitCode = output.failed() ? Math.max(code, 1) : code;
  },
  (err) => {
    process.stderr.write(`paperboy: ${cliErrorText(err)}\n`);
    process.exitCode = 1;
  },
);

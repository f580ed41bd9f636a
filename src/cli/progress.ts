/**
 * Ingest progress: a bar on an interactive terminal when there is more than one unit (a
 * backfill), plain log lines otherwise (pipes, CI, the scheduler).
 */
import cliProgress from 'cli-progress';
import type { ProgressReporter, UnitOutcome } from '../../jobs/ingest.js';
import type { Logger } from '../core/ports.js';

export interface ProgressOptions {
  /** Where the bar is drawn (stderr, so stdout stays clean for --json). */
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  logger: Logger;
  /** Force the plain mode (e.g. --json, LOG_LEVEL=debug). */
  plain?: boolean;
}

function outcomeText(o: UnitOutcome): string {
  return o.kind === 'ok' ? `${o.created} new, ${o.updated} updated, ${o.unchanged} unchanged` : `failed: ${o.error}`;
}

/** Log one line per unit. */
export function createLogProgress(logger: Logger): ProgressReporter {
  let done = 0;
  let total = 0;
  return {
    start(n, source, window) {
      total = n;
      done = 0;
      logger.info({ source, window, units: n }, 'ingest started');
    },
    unitDone(unit, outcome) {
      done++;
      const line = `[${done}/${total}] ${unit}: ${outcomeText(outcome)}`;
      if (outcome.kind === 'ok') logger.info({ unit, ...outcome }, line);
      // The command prints each failure once after the run (and Ctrl-C's leftovers as one line).
      else logger.info({ unit, error: outcome.error }, line);
    },
    stop() {},
  };
}

/** A cli-progress bar with running totals; the command prints the failures after it stops. */
export function createBarProgress(stream: NodeJS.WritableStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{source} {bar} {value}/{total} units | {created} new, {updated} updated, {failedUnits} failed | {unit}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const t = { created: 0, updated: 0, failedUnits: 0 };
  return {
    start(n, source) {
      bar.start(n, 0, { source, unit: '', ...t });
    },
    unitDone(unit, outcome) {
      if (outcome.kind === 'ok') {
        t.created += outcome.created;
        t.updated += outcome.updated;
      } else {
        t.failedUnits++;
      }
      bar.increment(1, { unit, ...t });
    },
    stop() {
      bar.stop();
    },
  };
}

/** The reporter that fits the output: a bar for a multi-unit run on a TTY, log lines otherwise. */
export function createProgressReporter(opts: ProgressOptions, units: number): ProgressReporter {
  if (!opts.plain && opts.stream.isTTY && units > 1) return createBarProgress(opts.stream);
  return createLogProgress(opts.logger);
}

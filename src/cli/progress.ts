/**
 * Ingest progress: on an interactive terminal a bar when there is more than one unit (a
 * backfill) and a running count of papers written for one (a big file); plain log lines
 * otherwise (pipes, CI, the scheduler).
 */
import cliProgress from 'cli-progress';
import { describeCounts, type ProgressReporter, type UnitOutcome } from '../../jobs/ingest.js';
import type { Logger } from '../core/ports.js';

export interface ProgressOptions {
  /** Where the bar is drawn (stderr, so stdout stays clean for --json). */
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  logger: Logger;
  /** Force the plain mode (e.g. --json, LOG_LEVEL=debug). */
  plain?: boolean;
}

function outcomeText(o: UnitOutcome): string {
  return o.kind === 'ok' ? describeCounts(o) : `failed: ${o.error}`;
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

/**
 * One unit on a terminal (a big file, a feed): how many papers are written so far, on one line
 * redrawn at most every RECOUNT_MS, then the unit's log line as in the plain mode.
 */
export function createCountProgress(stream: NodeJS.WritableStream, logger: Logger, now = () => Date.now()): ProgressReporter {
  const lines = createLogProgress(logger);
  let drawn = 0;
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  return {
    start: (n, source, window) => lines.start(n, source, window),
    batchDone(unit, papers) {
      if (now() - drawn < RECOUNT_MS) return;
      drawn = now();
      stream.write(`\r\x1b[2K${unit}: ${papers.toLocaleString('en-US')} papers written…`);
      shown = true;
    },
    unitDone(unit, outcome) {
      clear();
      lines.unitDone(unit, outcome);
    },
    stop: clear,
  };
}

const RECOUNT_MS = 200;

/** The reporter that fits the output: a bar for a multi-unit run on a TTY, a running count for one unit, log lines otherwise. */
export function createProgressReporter(opts: ProgressOptions, units: number): ProgressReporter {
  if (!opts.plain && opts.stream.isTTY) return units > 1 ? createBarProgress(opts.stream) : createCountProgress(opts.stream, opts.logger);
  return createLogProgress(opts.logger);
}

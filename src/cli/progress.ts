/**
 * Progress of long CLI work, one way for every command: on an interactive terminal a bar (or a
 * running count) redrawn in place on stderr; plain log lines otherwise (pipes, CI, --json, the
 * scheduler). Ingest shows a bar when there is more than one unit (a backfill) and a running
 * count of papers written for one (a big file); the digest a bar while it matches a big window.
 */
import cliProgress from 'cli-progress';
import { describeCounts, type ProgressReporter, type UnitOutcome } from '../../jobs/ingest.js';
import { count, thousands } from '../core/count.js';
import type { Logger, MatchProgress } from '../core/ports.js';
import type { BackupWait } from '../store/sqlite-backup.js';

export interface ProgressOptions {
  /** Where the bar is drawn (stderr, so stdout stays clean for --json). */
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  logger: Logger;
  /** Force the plain mode (e.g. --json, LOG_LEVEL=debug). */
  plain?: boolean;
  /**
   * Plain mode: log a digest window's matching only from this many papers (default: every
   * window). The service's every digest run would otherwise log two lines per window.
   */
  logFrom?: number;
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
  // Grouped as the summary line after the bar and the one-file count write them ("12,200 new"),
  // so the last frame and the line under it do not show the same total two ways.
  const totals = () => ({ created: thousands(t.created), updated: thousands(t.updated), failedUnits: thousands(t.failedUnits) });
  return {
    start(n, source) {
      bar.start(n, 0, { source, unit: '', ...totals() });
    },
    unitDone(unit, outcome) {
      if (outcome.kind === 'ok') {
        t.created += outcome.created;
        t.updated += outcome.updated;
      } else {
        t.failedUnits++;
      }
      bar.increment(1, { unit, ...totals() });
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
      stream.write(`\r\x1b[2K${unit}: ${thousands(papers)} papers written…`);
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

/** Whether progress is drawn on the stream (a terminal, not --json) rather than logged. */
function drawn(opts: ProgressOptions): boolean {
  return !opts.plain && opts.stream.isTTY === true;
}

/** The reporter that fits the output: a bar for a multi-unit run on a TTY, a running count for one unit, log lines otherwise. */
export function createProgressReporter(opts: ProgressOptions, units: number): ProgressReporter {
  if (drawn(opts)) return units > 1 ? createBarProgress(opts.stream) : createCountProgress(opts.stream, opts.logger);
  return createLogProgress(opts.logger);
}

/** "850 ms", "2.3 s", "42 s", "1 min 4 s": how long a step took (or is left), as people say it. */
export function tookText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 59_500) return `${Math.round(ms / 1000)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** A window of fewer papers shows no bar (a day's digest, matched in a second, stays as quiet as before). */
export const MATCH_BAR_FROM = 1000;

/**
 * Digest matching: on a terminal, a bar for a window of MATCH_BAR_FROM papers or more (after a
 * backfill every paper is in the window, and matching takes minutes), then a line saying how
 * long it took; log lines otherwise (seen with --verbose).
 */
export function createMatchProgress(opts: ProgressOptions, now = () => Date.now()): MatchProgress {
  const onTerminal = drawn(opts);
  const silent = { advance() {}, stop() {} };
  return {
    start(papers, topics) {
      const startedAt = now();
      let total = papers;
      let matched = 0;
      const what = `${count(papers, 'paper')} against ${count(topics, 'topic')}`;
      const took = () => tookText(now() - startedAt);
      const closing = (outcome: 'done' | 'failed') => (outcome === 'done' ? `matched ${what} in ${took()}` : `matching ${what} failed after ${count(matched, 'paper')}, ${took()}`);
      if (!onTerminal) {
        if (papers < (opts.logFrom ?? 0)) return silent;
        opts.logger.info({ papers, topics }, `digest: matching ${what}`);
        return {
          advance: (n) => void (matched = n),
          stop: (outcome) => opts.logger.info({ papers: matched, outcome, ms: now() - startedAt }, `digest: ${closing(outcome)}`),
        };
      }
      if (papers < MATCH_BAR_FROM) return silent;
      // The pace since the first page: that one also waited for the matcher to warm up (seconds).
      let first: { at: number; n: number } | null = null;
      // cli-progress's own ETA reads "1m60s"; this one reads as the closing line does.
      const left = () => {
        const ms = first && matched > first.n ? ((now() - first.at) / (matched - first.n)) * (total - matched) : 0;
        return ms < 1000 ? '' : `| about ${tookText(Math.round(ms / 1000) * 1000)} left`;
      };
      const bar = new cliProgress.SingleBar(
        { stream: opts.stream, format: `matching ${what} {bar} {percentage}% {left}`, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { left: '' });
      return {
        advance(n) {
          matched = n;
          first ??= { at: now(), n };
          // A paper first seen while we match is in no count: the bar never runs past its end.
          if (n > total) {
            total = n;
            bar.setTotal(total);
          }
          bar.update(n, { left: left() });
        },
        stop(outcome) {
          bar.stop();
          opts.stream.write(`${closing(outcome)}\n`);
        },
      };
    },
  };
}

/** A backup of fewer pages (4 KB each) shows no bar: it is done in a blink. */
export const BACKUP_BAR_FROM = 25_000;

/**
 * `db backup`: on a terminal, a bar for a database of BACKUP_BAR_FROM pages or more (about
 * 100 MB); nothing otherwise, the command's closing line says what was written. The total is
 * the database's size at each step: it grows while the service writes. A wait for another
 * process's lock is said on any stream (a cron log too): when it begins, every 10 s, and when it ends.
 */
export function createBackupProgress(opts: ProgressOptions): { step(copied: number, total: number): void; waiting(wait: BackupWait): void; stop(): void } {
  const bars = drawn(opts);
  let bar: cliProgress.SingleBar | null = null;
  let wait: BackupWait | null = null;
  let saidAt = -1;
  const seconds = (ms: number) => Math.floor(ms / 1000);
  return {
    step(copied, total) {
      if (wait) {
        opts.stream.write(`the lock on ${wait.file} was released after ${seconds(wait.waitedMs)} s; copying on\n`);
        wait = null;
        saidAt = -1;
      }
      if (!bars || total < BACKUP_BAR_FROM) return;
      if (!bar) {
        bar = new cliProgress.SingleBar({ stream: opts.stream, format: 'backing up {bar} {percentage}%', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
        bar.start(total, copied);
      }
      bar.setTotal(total);
      bar.update(copied);
    },
    waiting(next) {
      wait = next;
      const tens = Math.floor(next.waitedMs / 10_000);
      if (tens === saidAt) return;
      saidAt = tens;
      // The bar gives the line room; the next step draws it again.
      bar?.stop();
      bar = null;
      const copied = next.totalPages > 0 ? Math.floor((100 * next.copiedPages) / next.totalPages) : 0;
      opts.stream.write(`waiting: another process holds a lock on ${next.file} (${seconds(next.waitedMs)} s of at most ${seconds(next.giveUpMs)}; ${copied}% copied)\n`);
    },
    stop() {
      bar?.stop();
    },
  };
}

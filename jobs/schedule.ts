/**
 * Cron schedules for the service. Each job runs once per schedule slot across all replicas:
 * node-cron's `distributed` option asks our database-backed RunCoordinator, which inserts
 * (job, slot) if absent — the replica whose insert wins runs the slot and records its outcome.
 */
import type { RunCoordinator as CronCoordinator, ScheduledTask, TaskOptions } from 'node-cron';
import { nodeCron } from '../src/node-cron.js';
import type { Clock, RunCoordinator } from '../src/core/ports.js';
import type { Logger } from '../src/log.js';
import { describeError } from '../src/core/error-text.js';

export interface ScheduledJob {
  /** Unique job name: the coordinator key prefix. */
  name: string;
  cron: string;
  timeZone: string;
  run(slot: Date): Promise<string | void>;
  /** A run that did nothing (by its detail) is logged at debug, not info: a quiet service stays quiet. */
  idle?(detail: string | void): boolean;
  /**
   * Run a slot skipped because the database did not answer once it answers again. For the
   * ingest: its slot lost to a minute's outage meant an hour without papers (a day, on a daily
   * cron), while a digest check runs every minute anyway and finds what fell due.
   */
  catchUpSkipped?: boolean;
}

/** What the coordinator tells the scheduler about slots it could not claim. */
interface SkipHooks {
  skipped(job: string, slot: string): void;
  /** A claim worked again after one or more were skipped. */
  recovered(): void;
  /** True once the schedules are stopping: a slot that comes then is not claimed. */
  stopping(): boolean;
}

/** Slots this replica could not claim because the database did not answer, since the last claim that worked. */
export interface SkippedSlots {
  count: number;
  since: Date | null;
  error: string | null;
}

/** While the database does not answer, how often the warning is said again, with the count so far. */
export const SKIPPED_REMINDER_MS = 15 * 60_000;

/**
 * Adapts our RunCoordinator port to node-cron's `shouldRun(key)` (key = `${name}:${slotIso}`).
 * A claim the database cannot answer (down, locked) skips the slot and is counted in `skipped`
 * for /healthz: thrown, node-cron printed a 30-line stack of its own every minute, outside the
 * log. An outage is said once when it begins, again at most every SKIPPED_REMINDER_MS, and once
 * when it ends: a warning a minute (the digest check's cron) buried the rest of the log.
 */
export function databaseCronCoordinator(
  runs: RunCoordinator,
  replica: string,
  clock: Clock,
  logger: Logger,
  skipped: SkippedSlots = { count: 0, since: null, error: null },
  hooks?: SkipHooks,
): CronCoordinator {
  let remindedAt: Date | null = null;
  return {
    async shouldRun(key: string): Promise<boolean> {
      const cut = key.indexOf(':');
      const job = key.slice(0, cut);
      const slot = key.slice(cut + 1);
      // Unclaimed, the slot stays free for a replica that is not stopping.
      if (hooks?.stopping()) return false;
      let won: boolean;
      try {
        won = await runs.claim(job, slot, replica, clock.now());
      } catch (err) {
        const error = describeError(err);
        const now = clock.now();
        skipped.count++;
        skipped.since ??= now;
        skipped.error = error;
        const fields = { job, slot, skipped: skipped.count, since: skipped.since.toISOString(), err: error };
        if (skipped.count === 1) {
          remindedAt = now;
          logger.warn(fields, `${job} slot skipped: could not record it (${error}); schedule slots are skipped until the database answers`);
        } else if (remindedAt && now.getTime() - remindedAt.getTime() >= SKIPPED_REMINDER_MS) {
          remindedAt = now;
          logger.warn(fields, `database still not answering: ${skipped.count} schedule slots skipped since ${skipped.since.toISOString()} (${error})`);
        }
        hooks?.skipped(job, slot);
        return false;
      }
      const wasSkipping = skipped.count;
      const since = skipped.since;
      Object.assign(skipped, { count: 0, since: null, error: null });
      remindedAt = null;
      if (wasSkipping) {
        logger.info(
          { skipped: wasSkipping, since: since?.toISOString() },
          `database answers again: ${wasSkipping} schedule ${wasSkipping === 1 ? 'slot was' : 'slots were'} skipped since ${since?.toISOString()}; catching up what fell due meanwhile`,
        );
        hooks?.recovered();
      }
      logger.debug({ job, slot, replica, won }, won ? 'claimed schedule slot' : 'slot already claimed by another replica');
      return won;
    },
  };
}

/**
 * node-cron's own messages, into our log. Left to its default logger they went to the console as
 * ANSI-coloured text outside the JSON log ("[NODE-CRON] [WARN] task still running, new
 * execution blocked by overlap prevention!" at every tick a run outlasted, naming no job); what
 * they report that matters (overlaps) is logged by startSchedules in words, so they are debug.
 */
function cronLogger(logger: Logger, job: string): NonNullable<TaskOptions['logger']> {
  const fields = { job, source: 'node-cron' };
  return {
    info: (message) => logger.debug(fields, message),
    warn: (message) => logger.debug(fields, message),
    error: (message, err) => logger.error({ ...fields, err: describeError(err ?? message) }, `${job} schedule: ${describeError(message)}`),
    debug: (message) => logger.debug(fields, describeError(message)),
  };
}

export interface Schedules {
  tasks: ScheduledTask[];
  stop(): Promise<void>;
}

export function startSchedules(opts: {
  jobs: ScheduledJob[];
  runs: RunCoordinator;
  replica: string;
  clock: Clock;
  logger: Logger;
  /** Filled in as slots are skipped (a database that does not answer), for /healthz. */
  skipped?: SkippedSlots;
}): Schedules {
  const { runs, logger, clock } = opts;
  const inFlight = new Set<Promise<unknown>>();
  /** Per job, its slot function (the task body), and the last slot skipped for want of the database. */
  const runSlot = new Map<string, (date: Date) => Promise<void>>();
  const missed = new Map<string, string>();
  /**
   * Per job, its run in flight. node-cron keeps a job's own ticks apart (noOverlap), not a
   * skipped slot caught up beside them: the two ran at once (two ingests of the same window,
   * racing on the search snapshot).
   */
  const active = new Map<string, { slot: string; startedAt: number; done: Promise<unknown> }>();
  let stopped = false;
  const catchUp = new Set(opts.jobs.filter((j) => j.catchUpSkipped).map((j) => j.name));
  const coordinator = databaseCronCoordinator(runs, opts.replica, clock, logger, opts.skipped, {
    stopping: () => stopped,
    skipped: (job, slot) => void (catchUp.has(job) && missed.set(job, slot)),
    recovered: () => {
      for (const [job, slot] of [...missed]) {
        missed.delete(job);
        // Claimed as any slot is, so of replicas that all skipped it one runs it.
        void runs
          .claim(job, slot, opts.replica, clock.now())
          .catch(() => false)
          .then((won) => {
            if (!won) return;
            logger.info({ job, slot }, `${job}: running the ${slot} slot skipped while the database did not answer`);
            return runSlot.get(job)?.(new Date(slot));
          });
      }
    },
  });
  const cron = nodeCron();
  // Every expression is checked before the first task starts: a bad second one must not leave
  // the first one ticking in a service that failed to start.
  for (const job of opts.jobs) if (!cron.validate(job.cron)) throw new Error(`invalid cron expression for ${job.name}: "${job.cron}"`);
  const tasks = opts.jobs.map((job) => {
    // Slots that came while this job's previous run was still going (noOverlap skips them): said
    // once per run, and counted in its "finished" line, not once a tick.
    let current: { slot: string; skipped: number } | null = null;
    const body = async (date: Date) => {
      const slot = date.toISOString();
      // A slot whose claim was still in flight when stop() began: stop() no longer waits for
      // it, so running it now would start a digest while the service shuts down. The claim is
      // closed so the slot does not read as running for ever, and as not run, not failed: /healthz
      // would report the replica's shutdown as a failed digest check until the next one.
      if (stopped) {
        logger.info({ job: job.name, slot }, `${job.name}: the ${slot} slot is not run: the service is stopping`);
        await runs.complete(job.name, slot, 'not-run', 'the service was stopping', clock.now()).catch(() => undefined);
        return;
      }
      const other = active.get(job.name);
      if (other) {
        // A run that started at or after this slot's time already does what this slot would.
        if (other.startedAt >= date.getTime()) {
          logger.info({ job: job.name, slot, running: other.slot }, `${job.name}: the ${slot} slot is covered by the run of ${other.slot}, which started since`);
          await runs.complete(job.name, slot, 'not-run', `covered by the run of ${other.slot}`, clock.now()).catch(() => undefined);
          return;
        }
        await other.done.catch(() => undefined);
        if (stopped) {
          await runs.complete(job.name, slot, 'not-run', 'the service was stopping', clock.now()).catch(() => undefined);
          return;
        }
      }
      const started = Date.now();
      const run = (current = { slot, skipped: 0 });
      const work = (async () => {
        try {
          const detail = await job.run(date);
          await runs.complete(job.name, slot, 'succeeded', detail ?? null, clock.now());
          const fields = { job: job.name, slot, ms: Date.now() - started, detail, ...(run.skipped ? { skippedWhileRunning: run.skipped } : {}) };
          if (job.idle?.(detail)) logger.debug(fields, `${job.name} finished: nothing to do`);
          else logger.info(fields, `${job.name} finished`);
        } catch (err) {
          const message = describeError(err);
          // A run cut short by the service's own stop (an ingest past its grace) is no fault: an
          // ERROR line on every `docker stop` mid-ingest paged whoever alerts on errors.
          if (stopped) logger.warn({ job: job.name, slot, err: message }, `${job.name} interrupted: the service is stopping (${message})`);
          else logger.error({ job: job.name, slot, err: message }, `${job.name} failed: ${message}`);
          await runs.complete(job.name, slot, 'failed', message, clock.now()).catch(() => undefined);
        }
      })();
      inFlight.add(work);
      const mine = { slot, startedAt: started, done: work };
      active.set(job.name, mine);
      await work.finally(() => {
        inFlight.delete(work);
        if (active.get(job.name) === mine) active.delete(job.name);
        if (current === run) current = null;
      });
    };
    runSlot.set(job.name, body);
    const task = cron.schedule(
      job.cron,
      (ctx) => body(ctx.date),
      { name: job.name, timezone: job.timeZone, noOverlap: true, distributed: true, runCoordinator: coordinator, logger: cronLogger(logger, job.name) },
    );
    task.on('execution:overlap', (ctx) => {
      if (!current) return;
      if (current.skipped++ === 0) {
        logger.info({ job: job.name, running: current.slot, skippedSlot: ctx.date.toISOString() }, `${job.name}: the run of ${current.slot} is still going; later slots are skipped until it ends`);
      }
    });
    return task;
  });
  return {
    tasks,
    async stop() {
      stopped = true;
      for (const t of tasks) await t.stop();
      // Let a running job finish its current step rather than cutting a transaction in half.
      await Promise.allSettled([...inFlight]);
      for (const t of tasks) await t.destroy();
    },
  };
}

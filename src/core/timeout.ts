/**
 * Bounded waits on work that may hang: a database or Redis that stopped answering, an LLM. One
 * place, so every bound clears its timer when the work settles first (a leftover timer kept a
 * process up for its length, or had to be unref'd to hide it).
 */

export interface TimerOptions {
  /**
   * Let the process exit while only this timer is pending. Off by default: when nothing else
   * holds the process, the bound running out is what the caller is waiting for.
   */
  unref?: boolean;
}

/** Races `work` against a timer that settles through `onTime`; the timer goes when either does. */
function raceTimer<T>(work: Promise<T>, ms: number, onTime: (resolve: (v: T) => void, reject: (e: Error) => void) => void, opts: TimerOptions): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => onTime(resolve, reject), ms);
    if (opts.unref) timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * `work`'s outcome, or a rejection after `ms`: with `error` as its message, or `error()` for a
 * caller's own error. The work goes on after a timeout; its later rejection is handled.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, error: string | (() => Error), opts: TimerOptions = {}): Promise<T> {
  return raceTimer(work, ms, (_, reject) => reject(typeof error === 'string' ? new Error(error) : error()), opts);
}

/**
 * Waits for `work` at most `ms`: true when it finished in time, false when the wait ran out
 * (the work goes on). A rejection within the wait is passed on, as awaiting the work would.
 */
export function waitAtMost(work: Promise<unknown>, ms: number, opts: TimerOptions = {}): Promise<boolean> {
  return raceTimer(
    work.then(() => true),
    ms,
    (resolve) => resolve(false),
    opts,
  );
}

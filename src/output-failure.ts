/** What a stdout that cannot be written means, said one way by the CLI and the service. */

/**
 * Node's messages name the system call ("ENOSPC: no space left on device, write", "write
 * EPIPE"), which says nothing to the reader; a closed pipe (`| head`, `| true`) is said as such.
 */
export function writeFailureReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EPIPE') return 'EPIPE: the program reading it has closed it';
  return String(e?.message ?? err).replace(/, write$/, '');
}

/**
 * `paperboy match … | head` closes the pipe early: that is the reader being done, exit 0 at
 * once. Any other failure (a full disk under `> out.json`, a closed descriptor) is one line and
 * exit 1 once the command has finished: rethrown, it was Node's uncaught-exception stack trace,
 * and a digest stopped in the middle of sending held its target until the run's lease ran out.
 */
export function stdoutFailure(err: NodeJS.ErrnoException): { exitNow: true } | { exitNow: false; message: string } {
  if (err.code === 'EPIPE') return { exitNow: true };
  return { exitNow: false, message: `paperboy: the output could not be written (${writeFailureReason(err)}); what was written of it is incomplete\n` };
}

/**
 * For a run whose output is the point (a CLI command, the service's --help): a stdout that fails
 * is handled as stdoutFailure says. Returns whether it has failed, for the run's exit code.
 */
export function exitOnStdoutFailure(): { failed(): boolean } {
  let failed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    const failure = stdoutFailure(err);
    if (failure.exitNow) process.exit(0);
    // Every later write fails too: said once, and the command finishes (recording what it did).
    if (!failed) process.stderr.write(failure.message);
    failed = true;
    // The stream says so after its write returned: perhaps after the command's own code was set.
    process.exitCode = Math.max(Number(process.exitCode ?? 0), 1);
  });
  return { failed: () => failed };
}

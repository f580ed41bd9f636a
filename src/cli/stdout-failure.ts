/** What the CLI does when its stdout cannot be written. */

/**
 * `paperboy match … | head` closes the pipe early: that is the reader being done, exit 0. Any
 * other failure (a full disk under `> out.json`, a closed descriptor) is one line and exit 1:
 * rethrown, it was Node's uncaught-exception stack trace.
 */
export function stdoutFailure(err: NodeJS.ErrnoException): { code: number; message: string | null } {
  if (err.code === 'EPIPE') return { code: 0, message: null };
  const why = err.message.replace(/, write$/, '');
  return { code: 1, message: `paperboy: the output could not be written (${why}); what was written of it is incomplete\n` };
}

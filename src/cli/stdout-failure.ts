/** What the CLI does when its stdout cannot be written. */
import { writeFailureReason } from '../output-failure.js';

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

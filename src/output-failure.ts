/** Why a write to stdout failed, in words for a person: shared by the CLI and the service. */

/**
 * Node's messages name the system call ("ENOSPC: no space left on device, write", "write
 * EPIPE"), which says nothing to the reader; a closed pipe (`| head`, `| true`) is said as such.
 */
export function writeFailureReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EPIPE') return 'EPIPE: the program reading it has closed it';
  return String(e?.message ?? err).replace(/, write$/, '');
}

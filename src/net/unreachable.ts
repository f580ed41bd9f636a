/**
 * Whether a failed request never reached the server: no connection could be made, so nothing it
 * carried (a chat post) can have arrived. A timeout or a dropped answer is not that: the server
 * may have acted on the request before the client gave up.
 */

interface SystemError {
  code?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  syscall?: unknown;
}

/** The connection-phase failure in `err` or what it wraps, in words; null when the server may have been reached. */
export function unreachableReason(err: unknown): string | null {
  const seen = new Set<unknown>();
  const queue = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const reason = connectFailure(e as SystemError);
    if (reason) return reason;
    // fetch wraps the socket error in `cause`, the Slack web client wraps fetch's in `original`,
    // and a host with several addresses fails with an AggregateError of them all.
    const { cause, original, errors } = e as { cause?: unknown; original?: unknown; errors?: unknown };
    queue.push(cause, original, ...(Array.isArray(errors) ? errors : []));
  }
  return null;
}

/** "could not reach Slack: connection refused by …": the words every adapter reports it in; null when the server may have been reached. */
export function couldNotReach(platform: string, err: unknown): string | null {
  const reason = unreachableReason(err);
  return reason === null ? null : `could not reach ${platform}: ${reason}`;
}

function connectFailure(e: SystemError): string | null {
  const where = typeof e.address === 'string' ? `${e.address}${typeof e.port === 'number' ? `:${e.port}` : ''}` : 'the server';
  switch (e.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where}`;
    case 'ENOTFOUND':
      return `host ${typeof e.hostname === 'string' ? e.hostname : '?'} not found (is the network up?)`;
    case 'EAI_AGAIN':
      return `host ${typeof e.hostname === 'string' ? e.hostname : '?'} could not be looked up (temporary DNS failure)`;
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return `network unreachable (${where})`;
    case 'EHOSTUNREACH':
    case 'EHOSTDOWN':
      return `no route to ${where}`;
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connecting timed out';
    case 'ETIMEDOUT':
      // Only while connecting: a read that timed out may follow a request the server took.
      return e.syscall === 'connect' ? `connecting to ${where} timed out` : null;
    default:
      return null;
  }
}

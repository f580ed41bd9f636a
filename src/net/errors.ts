/**
 * Typed failures of fetching and decoding upstream data. Every message names the URL and
 * says what went wrong in words an operator can act on; the ingest job prints `message` as is.
 */
import { formatBytes } from '../core/bytes.js';
import type { PaperInput } from '../core/papers/paper.js';

/** Base class: anything a source could not fetch or understand. */
export class SourceError extends Error {
  constructor(
    message: string,
    public readonly url: string | null,
    /** Worth another attempt later (5xx, 429, network, timeout) as opposed to a bad request or bad body. */
    public readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SourceError';
  }
}

/** The server answered with a non-2xx status; 408, 429 and 5xx are worth retrying. */
export class HttpError extends SourceError {
  constructor(
    public readonly status: number,
    url: string,
    /** The first few hundred characters of the body, cleaned for a log line. */
    public readonly bodyExcerpt: string,
    /** Milliseconds the server asked us to wait (429/503 Retry-After), when it said. */
    public readonly retryAfterMs: number | null = null,
    detail = '',
  ) {
    const excerpt = bodyExcerpt ? `: ${bodyExcerpt}` : '';
    super(`HTTP ${status} from ${url}${detail}${excerpt}`, url, status === 408 || status === 429 || status >= 500);
    this.name = 'HttpError';
  }
}

/** No complete answer within the per-request timeout. */
export class TimeoutError extends SourceError {
  constructor(url: string, public readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms waiting for ${url}`, url, true);
    this.name = 'TimeoutError';
  }
}

/**
 * A body labelled compressed (Content-Encoding) that does not unpack: a plain body under a
 * `gzip` label, as some PHP and WordPress hosts send. Not retried as a network failure: the
 * client asks once more for the body uncompressed (HttpClient.getText).
 */
export class ContentEncodingError extends SourceError {
  constructor(url: string, public readonly encoding: string, cause?: unknown) {
    super(`the body of ${url} is labelled Content-Encoding: ${encoding} but is not ${encoding} data, even when asked for uncompressed: the server is misconfigured (its compression setting or plugin labels bodies it does not compress)`, url, false, { cause });
    this.name = 'ContentEncodingError';
  }
}

/** What arrived of a 2xx body before its connection dropped. */
export interface ReceivedBody {
  /** The address it came from, after redirects. */
  url: string;
  status: number;
  contentType: string;
  /** Decoded up to the last whole character. */
  text: string;
}

/** Connection refused/reset, body cut off mid-transfer (a name that does not resolve is a HostNotFoundError). */
export class NetworkError extends SourceError {
  constructor(
    url: string,
    reason: string,
    cause?: unknown,
    /** A 2xx body cut off mid-transfer: what arrived (see HttpRequest.keepCutBody). */
    public readonly received: ReceivedBody | null = null,
  ) {
    super(`network error fetching ${url}: ${reason}`, url, true, { cause });
    this.name = 'NetworkError';
  }
}

/**
 * The host name did not resolve. ENOTFOUND is the resolver's answer (no such name, or no network
 * to ask over): asking again at once gets it again, so it is not retried. EAI_AGAIN says the
 * resolver could not answer for now: retried as any network failure. Either way, once a unit
 * fails so, the ingest job fetches nothing more from that host in the run (jobs/ingest.ts).
 */
export class HostNotFoundError extends SourceError {
  constructor(
    url: string,
    public readonly host: string,
    temporary: boolean,
    cause?: unknown,
  ) {
    super(`host ${host} ${temporary ? 'could not be looked up (temporary DNS failure)' : 'not found'} — is the network up?`, url, temporary, { cause });
    this.name = 'HostNotFoundError';
  }
}

/**
 * A unit only partly read: `papers` are what could be kept of it (the whole entries of a feed
 * whose connection dropped after the last retry). The ingest job writes them, then counts the
 * unit as cut short rather than done: the run is partial, and the next run reads it again.
 */
export class IncompleteUnitError extends SourceError {
  constructor(
    message: string,
    url: string | null,
    public readonly papers: PaperInput[],
  ) {
    super(message, url, true);
    this.name = 'IncompleteUnitError';
  }
}

/** The body is larger than we are willing to hold in memory. */
export class BodyTooLargeError extends SourceError {
  constructor(url: string, public readonly limitBytes: number) {
    super(`response from ${url} is larger than ${formatBytes(limitBytes)}`, url, false);
    this.name = 'BodyTooLargeError';
  }
}

/** The body arrived but is not what the source expected (malformed, truncated, an HTML error page). */
export class ParseError extends SourceError {
  constructor(message: string, url: string | null, cause?: unknown) {
    super(url ? `${message} (from ${url})` : message, url, false, { cause });
    this.name = 'ParseError';
  }
}

/** The upstream answered 200 but said, in its own format, that it failed (arXiv `Error` entry, `Rate exceeded.`). */
export class UpstreamError extends SourceError {
  constructor(message: string, url: string | null, retryable: boolean) {
    super(url ? `${message} (from ${url})` : message, url, retryable);
    this.name = 'UpstreamError';
  }
}

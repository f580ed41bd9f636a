/**
 * Answering through a command's or button's `response_url`, which is the only way to answer
 * once the 3 s ack has gone: a server error or a dropped connection there is tried again a
 * couple of times (a slow answer beats none); a 429 after the Retry-After Slack asked for; any
 * other 4xx (the URL expired or was used up) is not.
 */
import type { Logger } from '../../core/ports.js';
import { realSleep } from '../../core/sleep.js';
import { parseRetryAfter } from '../../net/retry-after.js';

export const RESPOND_RETRY_DELAYS_MS = [500, 1500];

/**
 * The longest Retry-After waited out: a response_url stays valid 30 minutes, but the person is
 * waiting for the answer.
 */
export const RESPOND_MAX_RETRY_AFTER_MS = 30_000;

/**
 * How long one post to a response_url may take: without a limit, one that never answered held
 * the command's handler (and its retries) for good. A post cut off is tried again like a dropped
 * connection.
 */
export const RESPOND_TIMEOUT_MS = 10_000;

/** A response_url's refusal: its HTTP status, and the wait a 429 asked for. */
export class ResponseUrlError extends Error {
  constructor(
    readonly statusCode: number,
    readonly retryAfterMs: number | null,
  ) {
    super(`response_url answered HTTP ${statusCode}`);
  }
}

/**
 * Posts a message to `responseUrl`, as Bolt's `respond` does, but keeping what a refusal said:
 * Bolt's RespondError carries the status alone, so a 429's Retry-After was lost and the retries
 * came on a fixed schedule, within the wait Slack had asked for.
 */
export function responder(responseUrl: string, fetchFn: typeof fetch = fetch, timeoutMs = RESPOND_TIMEOUT_MS): (message: object) => Promise<void> {
  return async (message) => {
    const res = await fetchFn(responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message), signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) return;
    throw new ResponseUrlError(res.status, parseRetryAfter(res.headers.get('retry-after'), Date.now()));
  };
}

export async function respondWithRetry<T>(respond: (message: T) => Promise<unknown>, message: T, logger: Logger, what: string, delays: readonly number[] = RESPOND_RETRY_DELAYS_MS): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      await respond(message);
      return true;
    } catch (err) {
      // Ours (ResponseUrlError) and Bolt's RespondError name it statusCode.
      const status = (err as { statusCode?: number }).statusCode;
      const retryable = status === undefined || status >= 500 || status === 429;
      if (!retryable || attempt >= delays.length) {
        logger.warn({ err: String(err), status, attempts: attempt + 1 }, `slack: ${what} failed`);
        return false;
      }
      const asked = status === 429 ? Math.min((err as { retryAfterMs?: number | null }).retryAfterMs ?? 0, RESPOND_MAX_RETRY_AFTER_MS) : 0;
      await realSleep(Math.max(delays[attempt]!, asked));
    }
  }
}

/**
 * Posts an answer's messages to one response_url in order (renderSlackReplies keeps them within
 * its five uses): `first` is merged into the first (`replace_original` for a page redrawn); later
 * ones come as messages of their own. A message refused for good stops the rest: what follows it
 * would read as the answer's start.
 */
export async function respondAll<T extends object>(respond: (message: object) => Promise<unknown>, messages: readonly T[], logger: Logger, what: string, first: { replace_original?: boolean } = {}): Promise<boolean> {
  // Under a pressed button the later messages must not replace the first (nor the message pressed).
  const later = first.replace_original === undefined ? {} : { replace_original: false };
  for (const [i, message] of messages.entries()) {
    if (!(await respondWithRetry(respond, i === 0 ? { ...message, ...first } : { ...message, ...later }, logger, i === 0 ? what : `${what} (message ${i + 1} of ${messages.length})`))) return false;
  }
  return true;
}

/**
 * Answering through a command's or button's `response_url`, which is the only way to answer
 * once the 3 s ack has gone: a server error or a dropped connection there is tried again a
 * couple of times (a slow answer beats none); a 429 after the Retry-After Slack asked for, however
 * long, as long as the URL still lives then; any other 4xx (the URL expired or was used up) is not.
 */
import type { Logger } from '../../core/ports.js';
import { realSleep } from '../../core/sleep.js';
import { parseRetryAfter } from '../../net/retry-after.js';

export const RESPOND_RETRY_DELAYS_MS = [500, 1500];

/**
 * A response_url takes posts for 30 minutes after Slack sent it (and five of them). A Retry-After
 * is waited out in full while the URL still lives afterwards: a retry inside the wait Slack asked
 * for was refused again, and after three tries the answer was dropped. Waits that would end past
 * its life are not begun: the answer goes another way at once (see papers.ts).
 */
export const RESPONSE_URL_LIFE_MS = 30 * 60_000;

/** How the retries wait and tell time; tests pass their own. */
export interface RespondTiming {
  /** When the response_url stops taking posts (ms since the epoch); default 30 minutes from the first try. */
  expiresAt?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

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

export async function respondWithRetry<T>(respond: (message: T) => Promise<unknown>, message: T, logger: Logger, what: string, delays: readonly number[] = RESPOND_RETRY_DELAYS_MS, timing: RespondTiming = {}): Promise<boolean> {
  const now = timing.now ?? Date.now;
  const sleep = timing.sleep ?? realSleep;
  const expiresAt = timing.expiresAt ?? now() + RESPONSE_URL_LIFE_MS;
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
      const asked = status === 429 ? ((err as { retryAfterMs?: number | null }).retryAfterMs ?? 0) : 0;
      const wait = Math.max(delays[attempt]!, asked);
      if (now() + wait >= expiresAt) {
        logger.warn({ err: String(err), status, attempts: attempt + 1, waitMs: wait, urlLeftMs: Math.max(0, expiresAt - now()) }, `slack: ${what} failed: the response_url asked for a wait past its 30 minutes`);
        return false;
      }
      await sleep(wait);
    }
  }
}

/**
 * Posts an answer's messages to one response_url in order (renderSlackReplies keeps them within
 * its five uses): `first` is merged into the first (`replace_original` for a page redrawn); later
 * ones come as messages of their own. A message refused for good stops the rest: what follows it
 * would read as the answer's start. Says how many were delivered (all: `messages.length`).
 */
export async function respondAll<T extends object>(respond: (message: object) => Promise<unknown>, messages: readonly T[], logger: Logger, what: string, first: { replace_original?: boolean } = {}, timing: RespondTiming = {}): Promise<number> {
  // Under a pressed button the later messages must not replace the first (nor the message pressed).
  const later = first.replace_original === undefined ? {} : { replace_original: false };
  for (const [i, message] of messages.entries()) {
    if (!(await respondWithRetry(respond, i === 0 ? { ...message, ...first } : { ...message, ...later }, logger, i === 0 ? what : `${what} (message ${i + 1} of ${messages.length})`, RESPOND_RETRY_DELAYS_MS, timing))) return i;
  }
  return messages.length;
}

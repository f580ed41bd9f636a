/**
 * Answering through a command's or button's `response_url`, which is the only way to answer
 * once the 3 s ack has gone: a server error or a dropped connection there is tried again a
 * couple of times (a slow answer beats none); a 4xx (the URL expired or was used up) is not.
 */
import type { Logger } from '../../core/ports.js';

export const RESPOND_RETRY_DELAYS_MS = [500, 1500];

export async function respondWithRetry<T>(respond: (message: T) => Promise<unknown>, message: T, logger: Logger, what: string, delays: readonly number[] = RESPOND_RETRY_DELAYS_MS): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      await respond(message);
      return true;
    } catch (err) {
      const status = (err as { response?: { status?: number } }).response?.status;
      const retryable = status === undefined || status >= 500 || status === 429;
      if (!retryable || attempt >= delays.length) {
        logger.warn({ err: String(err), status, attempts: attempt + 1 }, `slack: ${what} failed`);
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}

/** Slack's rate-limit refusal as the WebClient throws it, read in one place. */
import { ErrorCode } from '@slack/web-api';

/**
 * A RateLimitedError (HTTP 429) with the wait Slack asked for in ms (null: it said none), or null
 * for any other error.
 */
export function slackRateLimit(err: unknown): { retryAfterMs: number | null } | null {
  const e = err as { code?: unknown; retryAfter?: unknown };
  if (e.code !== ErrorCode.RateLimitedError) return null;
  return { retryAfterMs: typeof e.retryAfter === 'number' ? e.retryAfter * 1000 : null };
}

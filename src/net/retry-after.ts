/**
 * The one reading of an HTTP `Retry-After` header, for every client that meets a 429 or 503 (the
 * sources' HTTP client, Slack's response_url): RFC 9110 §10.2.3 allows delay-seconds or an
 * HTTP date, and a reader of the seconds alone took a date for no wait at all.
 */

/** Milliseconds from a `Retry-After` value (delta-seconds or an HTTP date), or null if unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * The one way a thrown error becomes text people read: a CLI failure, an ingest unit's failure,
 * a digest target's failure in the run's report and log line. In the core so the digest run
 * says a crashed target's error as the CLI says any other (it gave Prisma's several-line
 * message whole, call site and source excerpt included).
 */
import { cleanText } from './papers/normalize.js';

/**
 * One line for logs and failure reports, whatever was thrown: at most `max` units, without
 * control characters, a Prisma call's reason without its call site.
 */
export function describeError(err: unknown, max = 300): string {
  let raw = thrownText(err);
  // Prisma prefixes the reason with the call site and a source excerpt; the reason is the last line.
  if (/Invalid `[^`]*` invocation/.test(raw)) {
    const lines = raw.split('\n').map((l) => l.trim()).filter(Boolean);
    const code = (err as { code?: unknown }).code;
    raw = `database error: ${lines.at(-1) ?? raw}${typeof code === 'string' ? ` (${code})` : ''}`;
  }
  // Cleaned as ingest cleans text: a terminal escape or bidi control from a server's answer or a
  // typed value must not reach the terminal or the chat reply that shows the error.
  return cleanText(raw, max);
}

/**
 * An Error's message (its name when the message is empty); an error-like object's message, as an
 * Error from another realm (a worker, a vm context) or a library's plain rejection arrives, which
 * String() said as "[object Object]"; anything else as String() says it.
 */
function thrownText(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  const message = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : undefined;
  return typeof message === 'string' && message ? message : String(err);
}

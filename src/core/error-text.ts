/**
 * The one way a thrown error becomes text people read: a CLI failure, an ingest unit's failure,
 * a digest target's failure in the run's report and log line. In the core so the digest run
 * says a crashed target's error as the CLI says any other (it gave Prisma's several-line
 * message whole, call site and source excerpt included).
 */
import { truncate } from './truncate.js';

/** One line for logs and failure reports, whatever was thrown: at most `max` units, a Prisma call's reason without its call site. */
export function describeError(err: unknown, max = 300): string {
  let raw = err instanceof Error ? err.message || err.name : String(err);
  // Prisma prefixes the reason with the call site and a source excerpt; the reason is the last line.
  if (/Invalid `[^`]*` invocation/.test(raw)) {
    const lines = raw.split('\n').map((l) => l.trim()).filter(Boolean);
    const code = (err as { code?: unknown }).code;
    raw = `database error: ${lines.at(-1) ?? raw}${typeof code === 'string' ? ` (${code})` : ''}`;
  }
  const line = raw.replace(/\s+/g, ' ').trim();
  return truncate(line, max);
}

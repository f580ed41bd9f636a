/** `--since <YYYY-MM-DD>` and `-n, --limit <N>` as papers list and match read them. */
import { dayStart, parsePastDayOption } from '../core/papers/ingest-dates.js';
import type { CliContext } from './context.js';
import { fail } from './fail.js';
import { wholeNumberOption } from './whole-number.js';

/** The most papers one listing prints. */
const MAX_LIMIT = 10_000;

/**
 * `--limit`, then `--since` (the start of the day it names; undefined when not given), or null
 * after reporting the first bad one (exit 2), a day after today among them.
 */
export function listingOptions(ctx: CliContext, cmd: string, opts: { since?: string; limit: string }): { limit: number; since: Date | undefined } | null {
  const limit = wholeNumberOption(opts.limit, '--limit', 1, MAX_LIMIT);
  if (!limit.ok) {
    fail(ctx, cmd, limit.error);
    return null;
  }
  if (opts.since === undefined) return { limit: limit.value, since: undefined };
  const d = parsePastDayOption(opts.since, '--since', new Date());
  if (!d.ok) {
    fail(ctx, cmd, d.error);
    return null;
  }
  return { limit: limit.value, since: dayStart(d.day) };
}

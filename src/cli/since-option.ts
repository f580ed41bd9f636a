/** `--since <YYYY-MM-DD>` as papers list and match read it. */
import { dayStart, parseDayOption } from '../core/papers/ingest-dates.js';
import type { CliContext } from './context.js';
import { fail } from './fail.js';

/** The start of the day `--since` names; undefined when it is not given; null after reporting a bad one (exit 2). */
export function sinceOption(ctx: CliContext, cmd: string, raw: string | undefined): Date | undefined | null {
  if (raw === undefined) return undefined;
  const d = parseDayOption(raw, '--since');
  if (!d.ok) {
    fail(ctx, cmd, d.error);
    return null;
  }
  return dayStart(d.day);
}

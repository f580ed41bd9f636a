/** `--json` output, written one way by every command: one indented JSON value, then a newline. */
import type { CliContext } from './context.js';

export function printJson(ctx: Pick<CliContext, 'stdout'>, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A date as the JSON shapes write it: ISO 8601, or null when there is none. */
export function isoOrNull(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

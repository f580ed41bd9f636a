import type { Stores } from '../core/ports.js';
import { describeError } from '../core/error-text.js';
import type { CliContext } from './context.js';

/** Report a command's failure on stderr and set the exit status (2: usage, the default). */
export function fail(ctx: CliContext, cmd: string, message: string, code = 2): void {
  ctx.stderr.write(`paperboy ${cmd}: ${message}\n`);
  ctx.setExitCode(code);
}

/**
 * A thrown error as a CLI line says it: describeError, not cut at its usual length, since the
 * store's messages name the database and what to do (a lock, a folder this user cannot write).
 */
export function cliErrorText(err: unknown): string {
  return describeError(err, 600);
}

/** Why the database could not be opened (exit 1). */
export function failOpening(ctx: CliContext, cmd: string, err: unknown): null {
  fail(ctx, cmd, `cannot open the database: ${cliErrorText(err)}`, 1);
  return null;
}

/** The CLI's stores, or null after reporting why the database could not be opened (exit 1). */
export async function openStoresOrFail(ctx: CliContext, cmd: string): Promise<Stores | null> {
  try {
    return await ctx.openStores();
  } catch (err) {
    return failOpening(ctx, cmd, err);
  }
}

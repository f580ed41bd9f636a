import type { CliContext } from './context.js';

/** Report a command's failure on stderr and set the exit status (2: usage, the default). */
export function fail(ctx: CliContext, cmd: string, message: string, code = 2): void {
  ctx.stderr.write(`paperboy ${cmd}: ${message}\n`);
  ctx.setExitCode(code);
}

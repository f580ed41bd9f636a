/**
 * The one way tests run the `paperboy` command line: the real program (src/cli/program.ts: the
 * commands argv names, loaded as the binary loads them, the same usage and unexpected-error
 * handling) in this process, over the configuration and stores the test chooses, with stdout,
 * stderr and the exit code captured (the highest any step set).
 */
import { runCli as runProgram } from '../../src/cli/program.js';
import type { CliContext } from '../../src/cli/context.js';
import { silentLogger } from '../../src/log.js';
import { textSink } from './text-sink.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(ctx: Pick<CliContext, 'config' | 'openStores'> & Partial<Pick<CliContext, 'logger'>>, argv: readonly string[]): Promise<CliRun> {
  const stdout = textSink();
  const stderr = textSink();
  let exitCode = 0;
  const code = await runProgram([...argv], {
    logger: silentLogger(),
    ...ctx,
    stdout,
    stderr,
    setExitCode: (c) => void (exitCode = Math.max(exitCode, c)),
    exitCode: () => exitCode,
  });
  return { code, out: stdout.text, err: stderr.text };
}

/**
 * Runs CLI commands in process, as `paperboy <argv>` would, over stores and configuration the
 * test chooses: stdout, stderr and the exit code are captured (commander's usage errors are 2).
 */
import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import type { CliContext } from '../../src/cli/context.js';
import { freeTextArgv } from '../../src/cli/free-text-args.js';

export interface CliModule {
  register(program: Command, ctx: CliContext): void;
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export const silentCliLogger = { info() {}, warn() {}, error() {}, debug() {} } as unknown as CliContext['logger'];

export async function runCli(modules: readonly CliModule[], ctx: Pick<CliContext, 'config' | 'openStores'> & Partial<CliContext>, argv: readonly string[]): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  let code = 0;
  const full: CliContext = {
    logger: silentCliLogger,
    stdout,
    stderr,
    setExitCode: (c) => {
      code = Math.max(code, c);
    },
    ...ctx,
  };
  const program = new Command('paperboy').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  for (const mod of modules) mod.register(program, full);
  try {
    await program.parseAsync([...freeTextArgv(program, argv)], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.exitCode === 0 ? 0 : 2;
  }
  return { code, out, err };
}

// `paperboy db …` run through commander as the CLI runs it, against a database URL, with its
// output captured: the db commands open no stores of their own, so asking for them fails.
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { register } from '../../src/cli/commands/db.js';
import type { CliContext } from '../../src/cli/context.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';

export async function runDbCommand(url: string, ...argv: string[]): Promise<{ out: string; err: string; code: number }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  let code = 0;
  const ctx: CliContext = {
    config: loadConfig({ DATABASE_URL: url }),
    logger: silentLogger(),
    openStores: () => Promise.reject(new Error('db commands must not open the stores')),
    stdout,
    stderr,
    setExitCode: (c) => {
      code = Math.max(code, c);
    },
  };
  const program = new Command('paperboy').exitOverride();
  register(program, ctx);
  await program.parseAsync(argv, { from: 'user' });
  return { out, err, code };
}

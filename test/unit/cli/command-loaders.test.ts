/**
 * The CLI loads only the module of the command it runs (src/cli/commands/index.ts), so the
 * names listed beside each loader must be exactly the top-level commands that module
 * registers: a missing name would make that command "unknown" when run on its own.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandLoadersFor, COMMAND_LOADERS } from '../../../src/cli/commands/index.js';
import type { CliContext } from '../../../src/cli/context.js';
import { buildProgram } from '../../../src/cli/program.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import { textSink } from '../../helpers/text-sink.js';

const ctx = (): CliContext => ({
  config: loadConfig({}),
  logger: silentLogger(),
  openStores: () => Promise.reject(new Error('no database in this test')),
  stdout: textSink(),
  stderr: textSink(),
  setExitCode: () => undefined,
});

describe('CLI command loaders', () => {
  it('list exactly the top-level commands each module registers', async () => {
    for (const loader of COMMAND_LOADERS) {
      const program = new Command('paperboy');
      (await loader.load()).register(program, ctx());
      expect(program.commands.map((c) => c.name()).sort()).toEqual([...loader.names].sort());
    }
  });

  it('load one module for a named command, every module for help or an unknown word', () => {
    expect(commandLoadersFor(['papers', 'list']).map((l) => l.names)).toEqual([['papers']]);
    expect(commandLoadersFor(['--verbose', 'unsubscribe', '--topic', 'x']).map((l) => l.names)).toEqual([['subscribe', 'unsubscribe', 'subscriptions']]);
    expect(commandLoadersFor([])).toHaveLength(COMMAND_LOADERS.length);
    expect(commandLoadersFor(['--help'])).toHaveLength(COMMAND_LOADERS.length);
    expect(commandLoadersFor(['help', 'papers'])).toHaveLength(COMMAND_LOADERS.length);
    expect(commandLoadersFor(['paper', 'list'])).toHaveLength(COMMAND_LOADERS.length);
  });

  it('a program built for one command still parses it; the full program lists every command', async () => {
    const one = await buildProgram(ctx(), ['papers', 'list']);
    expect(one.commands.map((c) => c.name())).toEqual(['papers']);
    const all = await buildProgram(ctx(), ['--help']);
    expect(all.commands.map((c) => c.name())).toEqual(COMMAND_LOADERS.flatMap((l) => l.names));
  });
});

import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}

/** Every CLI command module, in the order `--help` lists them. */
export const COMMAND_MODULES: CommandModule[] = [];

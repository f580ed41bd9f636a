import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}

/**
 * Every CLI command module, in the order `--help` lists them, with the top-level commands it
 * registers: a run that names one of them loads only that module (and what it imports), not
 * the digest engine, the topic vocabulary or the ingest parsers of every other command.
 */
export const COMMAND_LOADERS: ReadonlyArray<{ names: readonly string[]; load(): Promise<CommandModule> }> = [
  { names: ['ingest'], load: () => import('./ingest.js') },
  { names: ['papers'], load: () => import('./papers.js') },
  { names: ['search'], load: () => import('./search.js') },
  { names: ['topics'], load: () => import('./topics.js') },
  { names: ['match'], load: () => import('./match.js') },
  { names: ['feedback'], load: () => import('./feedback.js') },
  { names: ['subscribe', 'unsubscribe', 'subscriptions'], load: () => import('./subscriptions.js') },
  { names: ['follow'], load: () => import('./follow.js') },
  { names: ['channel'], load: () => import('./channel.js') },
  { names: ['saved'], load: () => import('./saved.js') },
  { names: ['digest'], load: () => import('./digest.js') },
  { names: ['db'], load: () => import('./db.js') },
  { names: ['demo'], load: () => import('./demo.js') },
];

/**
 * The modules a run needs: the one whose command argv names, or all of them (top-level help,
 * `help <cmd>`, an unknown command that commander should suggest a spelling for).
 */
export function commandLoadersFor(argv: readonly string[]): ReadonlyArray<{ names: readonly string[]; load(): Promise<CommandModule> }> {
  const until = argv.indexOf('--');
  // The top-level options take no value, so the first word that is not an option names the command.
  const name = (until === -1 ? argv : argv.slice(0, until)).find((a) => !a.startsWith('-'));
  const one = name === undefined ? undefined : COMMAND_LOADERS.find((l) => l.names.includes(name));
  return one ? [one] : COMMAND_LOADERS;
}

/** Builds the `paperboy` command line: thin; each command module calls the same services as the bot. */
import { Command, CommanderError } from 'commander';
import type { CliContext } from './context.js';
import { commandLoadersFor } from './commands/index.js';
import { freeTextArgv } from './free-text-args.js';
import { cliErrorText } from './fail.js';

/** The program with the commands `argv` may run registered (all of them without argv). */
export async function buildProgram(ctx: CliContext, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('paperboy')
    .description('Research-paper digests for Slack, Discord and the console: ingest, search, match topics, deliver.')
    .version(process.env.npm_package_version ?? '0.1.0')
    // Read before parsing (the logger exists first, see cliLogLevel); declared so commander accepts it.
    .option('--verbose', 'log progress at LOG_LEVEL (default info) on stderr; without it only warnings and errors')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Configuration comes from the environment (and ./.env); see .env.example.
With no configuration paperboy uses ./data/paperboy.db (SQLite) and prints digests to the console.`,
  );
  const modules = await Promise.all(commandLoadersFor(argv).map((l) => l.load()));
  for (const mod of modules) mod.register(program, ctx);
  return program;
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * The CLI prints its results; its logs are for trouble. Without `--verbose` it logs warnings
 * and errors only (a LOG_LEVEL quieter than that still wins); with it, LOG_LEVEL.
 */
export function cliLogLevel(configured: string, argv: readonly string[]): string {
  const until = argv.indexOf('--');
  if ((until === -1 ? argv : argv.slice(0, until)).includes('--verbose')) return configured;
  return LEVELS.indexOf(configured) > LEVELS.indexOf('warn') ? configured : 'warn';
}

/** Run argv; returns the exit code instead of exiting, so tests can drive it. */
export async function runCli(argv: string[], ctx: CliContext & { exitCode(): number }): Promise<number> {
  const program = await buildProgram(ctx, argv);
  // The command that was running, so its unexpected failure is said like its usage errors ("paperboy subscribe: …").
  let running = '';
  program.hook('preAction', (_root, action) => {
    const names: string[] = [];
    for (let c: Command | null = action; c?.parent; c = c.parent) names.unshift(c.name());
    running = names.join(' ');
  });
  try {
    await program.parseAsync([...freeTextArgv(program, argv)], { from: 'user' });
    return ctx.exitCode();
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors with 1 → we use 2 (usage).
      return err.exitCode === 0 ? 0 : 2;
    }
    ctx.stderr.write(`paperboy${running ? ` ${running}` : ''}: ${cliErrorText(err)}\n`);
    return 1;
  }
}

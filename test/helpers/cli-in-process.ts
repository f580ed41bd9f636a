/**
 * The real `paperboy` program (src/cli/program.ts) run in this process, with the context
 * src/cli.ts builds: stores opened on first use over the configured database and closed after,
 * stdout and stderr captured, the highest exit code any step set.
 */
import { openSeededStores } from '../../src/cli/open-stores.js';
import { runCli } from '../../src/cli/program.js';
import type { Config } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { silentLogger } from '../../src/log.js';
import { textSink } from './text-sink.js';

export async function paperboyInProcess(config: Config, args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = textSink();
  const stderr = textSink();
  let stores: Promise<Stores> | null = null;
  let exitCode = 0;
  const code = await runCli([...args], {
    config,
    logger: silentLogger(),
    openStores: () => (stores ??= openSeededStores(config.DATABASE_URL, silentLogger())),
    stdout,
    stderr,
    setExitCode: (c) => void (exitCode = Math.max(exitCode, c)),
    exitCode: () => exitCode,
  });
  if (stores) await (await (stores as Promise<Stores>)).close();
  return { code, out: stdout.text, err: stderr.text };
}

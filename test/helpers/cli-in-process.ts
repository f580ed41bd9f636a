/**
 * The CLI as src/cli.ts runs it, in this process: stores opened (migrated, seeded) on first use
 * over the configured database, and closed after.
 */
import { openSeededStores } from '../../src/cli/open-stores.js';
import type { Config } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { silentLogger } from '../../src/log.js';
import { runCli, type CliRun } from './cli-run.js';

export async function paperboyInProcess(config: Config, args: readonly string[]): Promise<CliRun> {
  let stores: Promise<Stores> | null = null;
  const run = await runCli({ config, openStores: () => (stores ??= openSeededStores(config.DATABASE_URL, silentLogger())) }, args);
  if (stores) await (await (stores as Promise<Stores>)).close();
  return run;
}

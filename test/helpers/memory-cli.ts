/** The CLI as a user types it (the program's own parsing), over in-memory stores: for unit tests of commands. */
import { loadConfig } from '../../src/config.js';
import { runCli, type CliRun } from './cli-run.js';
import type { createMemoryStores } from './memory-stores.js';

export function memoryCli(stores: ReturnType<typeof createMemoryStores>, dataDir: string) {
  return (...args: string[]): Promise<CliRun> => runCli({ config: loadConfig({ PAPERBOY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), openStores: async () => stores }, args);
}

/** The CLI as a user types it (the program's own parsing), over in-memory stores: for unit tests of commands. */
import { runCli } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import type { createMemoryStores } from './memory-stores.js';
import { textSink } from './text-sink.js';

export function memoryCli(stores: ReturnType<typeof createMemoryStores>, dataDir: string) {
  return async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const stdout = textSink();
    const stderr = textSink();
    let exitCode = 0;
    const code = await runCli(args, {
      config: loadConfig({ PAPERBOY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      logger: silentLogger(),
      openStores: async () => stores,
      stdout,
      stderr,
      setExitCode: (c) => void (exitCode = Math.max(exitCode, c)),
      exitCode: () => exitCode,
    });
    return { code, out: stdout.text, err: stderr.text };
  };
}

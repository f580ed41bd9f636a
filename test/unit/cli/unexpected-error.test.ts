/** A command's unexpected failure (a database locked mid-write, say) names the command, as its usage errors do. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { loadConfig } from '../../../src/config.js';
import type { Stores } from '../../../src/core/ports.js';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { textSink } from '../../helpers/text-sink.js';

describe('an unexpected failure of a command', () => {
  it('is one stderr line that names the command, exit 1', async () => {
    const stores = createMemoryStores();
    const failing: Stores = { ...stores, subscriptions: new Proxy(stores.subscriptions, { get: () => () => Promise.reject(new Error('database file:x.db is locked by another process')) }) };
    const stderr = textSink();
    let exitCode = 0;
    const code = await runCli(['subscribe', '--user', 'slack:U0ADA', '--topic', 'audio codecs'], {
      config: loadConfig({}),
      logger: silentLogger(),
      openStores: async () => failing,
      stdout: textSink(),
      stderr,
      setExitCode: (c) => void (exitCode = Math.max(exitCode, c)),
      exitCode: () => exitCode,
    });
    expect(code).toBe(1);
    expect(stderr.text).toBe('paperboy subscribe: database file:x.db is locked by another process\n');
  });
});

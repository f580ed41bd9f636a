/** A command's unexpected failure (a database locked mid-write, say) names the command, as its usage errors do. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import type { Stores } from '../../../src/core/ports.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { runCli } from '../../helpers/cli-run.js';

describe('an unexpected failure of a command', () => {
  it('is one stderr line that names the command, exit 1', async () => {
    const stores = createMemoryStores();
    const failing: Stores = { ...stores, subscriptions: new Proxy(stores.subscriptions, { get: () => () => Promise.reject(new Error('database file:x.db is locked by another process')) }) };
    const { code, err } = await runCli({ config: loadConfig({}), openStores: async () => failing }, ['subscribe', '--user', 'slack:U0ADA', '--topic', 'audio codecs']);
    expect(code).toBe(1);
    expect(err).toBe('paperboy subscribe: database file:x.db is locked by another process\n');
  });
});

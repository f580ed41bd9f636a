/** A command's unexpected failure (a database locked mid-write, say) names the command, as its usage errors do. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import type { Stores } from '../../../src/core/ports.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { runCli } from '../../helpers/cli-run.js';

/** `paperboy subscribe …` over stores whose subscriptions fail with `thrown`. */
async function subscribeFailingWith(thrown: unknown) {
  const stores = createMemoryStores();
  const failing: Stores = { ...stores, subscriptions: new Proxy(stores.subscriptions, { get: () => () => Promise.reject(thrown) }) };
  return runCli({ config: loadConfig({}), openStores: async () => failing }, ['subscribe', '--user', 'slack:U0ADA', '--topic', 'audio codecs']);
}

describe('an unexpected failure of a command', () => {
  it('is one stderr line that names the command, exit 1', async () => {
    const stores = createMemoryStores();
    const failing: Stores = { ...stores, subscriptions: new Proxy(stores.subscriptions, { get: () => () => Promise.reject(new Error('database file:x.db is locked by another process')) }) };
    const { code, err } = await runCli({ config: loadConfig({}), openStores: async () => failing }, ['subscribe', '--user', 'slack:U0ADA', '--topic', 'audio codecs']);
    expect(code).toBe(1);
    expect(err).toBe('paperboy subscribe: database file:x.db is locked by another process\n');
  });

  it('is said without the terminal escapes and line breaks its text carried, whatever was thrown', async () => {
    const escaped = await subscribeFailingWith(new Error('refused by \u001b[31mupstream\u001b[0m\n  at the second line'));
    expect(escaped.err).toBe('paperboy subscribe: refused by upstream at the second line\n');
    const text = await subscribeFailingWith('a string \u001b]0;title\u0007thrown');
    expect(text.err).toBe('paperboy subscribe: a string thrown\n');
    const object = await subscribeFailingWith({ message: 'an error from another realm' });
    expect(object.err).toBe('paperboy subscribe: an error from another realm\n');
    expect(object.code).toBe(1);
  });

  it("is said the same way by a digest run's own failure line", async () => {
    const stores = createMemoryStores();
    const ledger = { ...stores.ledger, openDigests: () => Promise.reject('ledger \u001b[31mgone\u001b[0m\nfor now') };
    const { code, err } = await runCli({ config: loadConfig({}), openStores: async () => ({ ...stores, ledger }) }, ['digest', '--all']);
    expect(err).toBe('paperboy digest: ledger gone for now\n');
    expect(code).toBe(1);
  });
});

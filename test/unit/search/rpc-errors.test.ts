import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createRpc, type Rpc } from '../../../src/search-worker/rpc.js';
import { logErr } from '../../../src/log.js';
import { DatabaseUnavailableError } from '../../../src/store/errors.js';

const open: Array<{ rpc: Rpc; close(): void }> = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.rpc.dispose();
    o.close();
  }
});

describe('rpc errors across a worker port', () => {
  it("keep the error's kind, so a database outage in the match worker is logged as one line, not a stack through the thread plumbing", async () => {
    const { port1, port2 } = new MessageChannel();
    const worker = createRpc(port2, {
      matchPage: () => {
        throw new DatabaseUnavailableError('postgresql://db/paperboy', 'Connection terminated due to connection timeout');
      },
      plain: () => {
        throw new Error('boom');
      },
    });
    const main = createRpc(port1, {});
    open.push({ rpc: worker, close: () => port2.close() }, { rpc: main, close: () => port1.close() });

    const err = (await main.call('matchPage').catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('DatabaseUnavailableError');
    // Before: a bare Error, which pino's serializer wrote with its stack (rpc.ts, node:internal/worker …).
    expect(logErr(err)).toEqual({ type: 'DatabaseUnavailableError', message: 'database postgresql://db/paperboy is unavailable: Connection terminated due to connection timeout' });

    const plain = (await main.call('plain').catch((e: unknown) => e)) as Error;
    expect(plain.name).toBe('Error');
    expect(logErr(plain)).toMatchObject({ type: 'Error', message: 'boom', stack: expect.any(String) });
  });
});

/**
 * A console whose stream failed a write (a full disk, a closed pipe) reports the part not sent
 * and not worth retrying in this process: Node destroys a stream after a failed write, so every
 * later try only waits. The ledger keeps the part for a later run.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleNotifier, notifierUnavailable } from '../../src/chat/console/notifier.js';
import type { RenderedPart } from '../../src/core/ports.js';

const part = (n: number) => ({ part: n, text: `part ${n}\n`, dedupeKey: `k${n}` }) as unknown as RenderedPart;

describe('console notifier', () => {
  it('a failed write is a failure not retried, said as stdout that cannot be written, and later parts are not written', async () => {
    let writes = 0;
    const out = new Writable({
      write(_chunk, _enc, cb) {
        writes++;
        cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
      },
    });
    out.on('error', () => undefined);
    const notifier = createConsoleNotifier(out);
    const failed = { status: 'failed', error: 'stdout cannot be written (ENOSPC: no space left on device)', retryable: false };
    expect(await notifier.send('console', part(1))).toEqual(failed);
    expect(await notifier.send('console', part(2))).toEqual(failed);
    expect(writes).toBe(1);
    expect(await notifier.findPosted('console', 'k1', new Date(0))).toBeNull();
  });

  it('says it is unavailable while its stream is broken, and other notifiers never are', async () => {
    const failing = new Writable({ write: (_c, _e, cb) => cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })) });
    failing.on('error', () => undefined);
    const notifier = createConsoleNotifier(failing);
    expect(notifierUnavailable(notifier)).toBeNull();
    await notifier.send('console', part(1));
    expect(notifierUnavailable(notifier)).toBe('stdout cannot be written (EPIPE: the program reading it has closed it)');
    // Other platforms' notifiers say nothing of it.
    expect(notifierUnavailable({ platform: 'slack', send: async () => ({ status: 'sent', messageId: '1' }), findPosted: async () => null })).toBeNull();
  });

  it('a part written is found again by its key', async () => {
    const chunks: string[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk.toString());
        cb();
      },
    });
    const notifier = createConsoleNotifier(out);
    const sent = await notifier.send('console', part(1));
    expect(sent.status).toBe('sent');
    expect(chunks).toEqual(['part 1\n']);
    expect(await notifier.findPosted('console', 'k1', new Date(0))).toBe((sent as { messageId: string }).messageId);
  });
});

/**
 * The service's digest producer asks the composed services whether a platform can post now: the
 * console cannot once its stdout failed a write, and its target is skipped (queue-digests.ts)
 * rather than enqueued every 5 minutes to fail again with three log lines.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { composeServices } from '../../../src/app/compose.js';
import { loadConfig } from '../../../src/config.js';
import type { RenderedPart } from '../../../src/core/ports.js';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

describe('composeServices: a platform that cannot post now', () => {
  it('the console once its stdout failed a write; never another platform, nor before the channels are built', async () => {
    const stdout = new Writable({ write: (_c, _e, cb) => cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })) });
    stdout.on('error', () => undefined);
    const app = composeServices(loadConfig({ DATABASE_URL: 'file:./unused.db' }), createMemoryStores(), silentLogger(), { channelOptions: { stdout } });
    try {
      expect(app.unavailable('console')).toBeNull();
      const runner = await app.digests();
      expect(app.unavailable('console')).toBeNull();
      const part = { part: 1, totalParts: 1, text: 'digest\n', dedupeKey: 'k1' } as unknown as RenderedPart;
      expect((await runner.deps.channels.console!.notifier.send('console', part)).status).toBe('failed');
      expect(app.unavailable('console')).toBe('stdout cannot be written (ENOSPC: no space left on device)');
      expect(app.unavailable('slack')).toBeNull();
    } finally {
      await app.close();
    }
  });
});

/**
 * SIGTERM while REDIS_URL does not answer: the start-up catch-up's enqueue (and a scheduled
 * digest run's) waits for Redis to come back (BullMQ's connection retries every command), and
 * stop() waited for them before closing the queue, so the service logged "paperboy stopping"
 * and never exited. It must stop as the README says: after its running jobs, its Redis
 * connections cut.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startService } from '../../src/service.js';
import { pinoLines } from '../helpers/text-sink.js';

async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the service stopping while Redis does not answer', () => {
  it('stops within seconds although its start-up digest enqueue is still waiting for Redis', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-stop-redis-'));
    const config = loadConfig({
      DATABASE_URL: `file:${join(dir, 'p.db')}`,
      PAPERBOY_HTTP: 'false',
      // No ingest: the catch-up goes straight to the console target's first digest, an enqueue.
      PAPERBOY_INGEST_SOURCES: '',
      REDIS_URL: `redis://127.0.0.1:${await refusedPort()}`,
    });
    const { logger, lines } = pinoLines();
    const service = await startService(config, logger, { stdout: new PassThrough() });
    // Let the catch-up reach its enqueue and the connection fail at least once.
    await new Promise((r) => setTimeout(r, 1_500));
    const t0 = Date.now();
    const stopped = service.stop('SIGTERM').then(() => 'stopped');
    const outcome = await Promise.race([stopped, new Promise((r) => setTimeout(() => r('still stopping after 15 s'), 15_000))]);
    expect(outcome).toBe('stopped');
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(lines.map((l) => l.msg)).toContain('paperboy stopped');
  }, 30_000);
});

/**
 * A second service started on the same SQLite database says so: it started without a word
 * (a systemd unit plus a hand-started `npm start`, two containers on one volume), and the
 * operator had two bots answering chat. The first service says nothing; the warning names it.
 */
import { mkdtempSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startService, type RunningService } from '../../src/service.js';
import { SQLITE_PRESENCE_TTL_MS, SQLITE_SERVICE_LEASE, watchSqlitePresence } from '../../src/app/sqlite-presence.js';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { pinoLines } from '../helpers/text-sink.js';

const running: RunningService[] = [];
afterEach(async () => {
  for (const s of running.splice(0).reverse()) await s.stop('test');
});

const WARNING = /^another paperboy service \((.+)\) is running on file:.*: stop one of them/;

describe('two services on one SQLite database', () => {
  it('the second one warns, naming the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-two-'));
    const env = (replica: string) => ({ DATABASE_URL: `file:${join(dir, 'p.db')}`, PAPERBOY_HTTP: 'false', PAPERBOY_INGEST_SOURCES: '', PAPERBOY_REPLICA_ID: replica });
    const first = pinoLines();
    running.push(await startService(loadConfig(env('first')), first.logger, { stdout: new PassThrough() }));
    const second = pinoLines();
    running.push(await startService(loadConfig(env('second')), second.logger, { stdout: new PassThrough() }));
    // The warning waits for the first service's next renewal (every 20 s): a lease only left behind is never renewed.
    const end = Date.now() + 45_000;
    while (!second.lines.some((l) => WARNING.test(l.msg)) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const warned = second.lines.filter((l) => WARNING.test(l.msg));
    expect(warned).toHaveLength(1);
    // Named as the operator knows it, and by the process to stop.
    expect(warned[0]!.msg.match(WARNING)![1]).toMatch(new RegExp(`^replica first, \\S+ pid ${process.pid}$`));
    expect(warned[0]!.level).toBe(40);
    expect(first.lines.filter((l) => WARNING.test(l.msg))).toEqual([]);
  }, 90_000);
});

describe('the SQLite service lease', () => {
  /** A presence whose renewals are run by the test, on a clock it moves. */
  function manual(runs: ReturnType<typeof createMemoryStores>['runs'], replica: string, start: number) {
    const clock = { t: start, now: () => new Date(clock.t) };
    let tick: () => Promise<void> = async () => undefined;
    const { logger, lines } = pinoLines();
    const presence = watchSqlitePresence({ runs, replica, clock, logger, database: 'file:p.db', every: (fn) => ((tick = fn), () => undefined) });
    return { presence, clock, lines, renew: (at: number) => ((clock.t = at), tick()) };
  }

  it('left by a service that crashed is no second service: the restart does not warn, and takes it once it lapses', async () => {
    const runs = createMemoryStores().runs;
    const t0 = Date.parse('2026-12-06T12:00:00Z');
    // The crashed service's last renewal, never renewed again.
    await runs.lease(SQLITE_SERVICE_LEASE, 'crashed', new Date(t0), new Date(t0 + SQLITE_PRESENCE_TTL_MS));
    const restart = manual(runs, 'restart', t0 + 5_000);
    await restart.presence.checked;
    await restart.renew(t0 + 25_000);
    await restart.renew(t0 + 65_000);
    expect(restart.lines.filter((l) => WARNING.test(l.msg))).toEqual([]);
    expect(await runs.lease(SQLITE_SERVICE_LEASE, 'third', new Date(t0 + 66_000), new Date(t0 + 126_000))).toMatchObject({ holder: expect.stringMatching(/ replica restart$/) });
  });

  it('renewed by a running service: the second one warns once, naming it', async () => {
    const runs = createMemoryStores().runs;
    const t0 = Date.parse('2026-12-06T12:00:00Z');
    const first = manual(runs, 'first', t0);
    await first.presence.checked;
    const second = manual(runs, 'second', t0 + 5_000);
    await second.presence.checked;
    await first.renew(t0 + 20_000);
    await second.renew(t0 + 25_000);
    await first.renew(t0 + 40_000);
    await second.renew(t0 + 45_000);
    expect(second.lines.filter((l) => WARNING.test(l.msg)).map((l) => l.msg.match(WARNING)![1])).toEqual([expect.stringMatching(/^replica first, \S+ pid \d+$/)]);
    expect(first.lines.filter((l) => WARNING.test(l.msg))).toEqual([]);
  });

  it('two running services given one PAPERBOY_REPLICA_ID (one .env for a systemd unit and a hand-started one) are two: the second warns', async () => {
    const runs = createMemoryStores().runs;
    const t0 = Date.parse('2026-12-06T12:00:00Z');
    const first = manual(runs, 'paperboy', t0);
    await first.presence.checked;
    const second = manual(runs, 'paperboy', t0 + 5_000);
    await second.presence.checked;
    await first.renew(t0 + 20_000);
    await second.renew(t0 + 25_000);
    expect(second.lines.filter((l) => WARNING.test(l.msg)).map((l) => l.msg.match(WARNING)![1])).toEqual([expect.stringMatching(/^replica paperboy, \S+ pid \d+$/)]);
  });

  it('is given up at stop, so the next service on the database holds it at once', async () => {
    const runs = createMemoryStores().runs;
    const t0 = Date.parse('2026-12-06T12:00:00Z');
    const a = manual(runs, 'a', t0);
    await a.presence.checked;
    await a.presence.stop();
    const b = manual(runs, 'b', t0 + 1_000);
    await b.presence.checked;
    // Not left to lapse: a later look by another service finds b's lease, not a's.
    expect(await runs.lease(SQLITE_SERVICE_LEASE, 'c', new Date(t0 + 2_000), new Date(t0 + 62_000))).toMatchObject({ holder: expect.stringMatching(/ replica b$/) });
    await b.presence.stop();
    expect(await runs.lease(SQLITE_SERVICE_LEASE, 'c', new Date(t0 + 3_000), new Date(t0 + 63_000))).toBeNull();
    expect([...a.lines, ...b.lines].filter((l) => WARNING.test(l.msg))).toEqual([]);
  });
});

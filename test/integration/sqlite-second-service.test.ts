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
import { watchSqlitePresence } from '../../src/app/sqlite-presence.js';
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
    const end = Date.now() + 20_000;
    while (!second.lines.some((l) => WARNING.test(l.msg)) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    const warned = second.lines.filter((l) => WARNING.test(l.msg));
    expect(warned).toHaveLength(1);
    expect(warned[0]!.msg.match(WARNING)![1]).toBe('first');
    expect(warned[0]!.level).toBe(40);
    expect(first.lines.filter((l) => WARNING.test(l.msg))).toEqual([]);
  }, 60_000);
});

describe('the SQLite service lease', () => {
  it('is given up at stop, so the next service on the database starts without the warning', async () => {
    const runs = createMemoryStores().runs;
    const clock = { now: () => new Date() };
    const { logger, lines } = pinoLines();
    const a = watchSqlitePresence({ runs, replica: 'a', clock, logger, database: 'file:p.db' });
    await a.checked;
    await a.stop();
    const b = watchSqlitePresence({ runs, replica: 'b', clock, logger, database: 'file:p.db' });
    await b.checked;
    await b.stop();
    expect(lines.filter((l) => WARNING.test(l.msg))).toEqual([]);
  });
});

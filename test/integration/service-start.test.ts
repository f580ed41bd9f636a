/**
 * A service that cannot start says so and stops: bad cron expressions are configuration errors
 * (exit 2 with every other bad key, before anything opens), and a start-up that fails half-way
 * closes what it had opened (no /healthz answering "ok" for a service with nothing scheduled).
 * Asked for --help, or given an argument it does not know, it starts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startService } from '../../src/service.js';
import { withSqlite, type TestDatabase } from '../helpers/db.js';
import { hfItem, startFakeHf } from '../helpers/fake-hf.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start with bad cron expressions', () => {
  it('exits 2 naming both cron keys and the other bad key, before opening anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-start-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        DATABASE_URL: `file:${join(dir, 'paperboy.db')}`,
        PAPERBOY_DATA_DIR: dir,
        PORT: '0',
        LOG_LEVEL: 'silent',
        PAPERBOY_INGEST_CRON: 'garbage',
        PAPERBOY_DIGEST_CRON: '61 * * * *',
        PAPERBOY_INGEST_TZ: 'Mars/Base',
      },
      cwd: process.cwd(),
      encoding: 'utf8',
      // The old code logged FATAL and kept serving: the kill at this timeout is the failure.
      timeout: 30_000,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PAPERBOY_INGEST_CRON: "garbage" is not a cron expression/);
    expect(r.stderr).toMatch(/PAPERBOY_DIGEST_CRON: "61 \* \* \* \*" is not a cron expression/);
    expect(r.stderr).toContain('PAPERBOY_INGEST_TZ');
  }, 40_000);
});

describe('npm start with a PAPERBOY_DATA_DIR it cannot make', () => {
  it('exits 1 with one plain line on stderr naming the variable, the path and the OS error, before opening the database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-start-'));
    // Tests run as root, for whom chmod blocks nothing: a file in the way fails for anyone.
    writeFileSync(join(dir, 'file'), 'not a folder');
    const dataDir = join(dir, 'file', 'sub');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: `file:${join(dir, 'paperboy.db')}`, PAPERBOY_DATA_DIR: dataDir, PORT: '0', PAPERBOY_INGEST_SOURCES: '', LOG_LEVEL: 'info', NODE_ENV: 'production' },
      cwd: process.cwd(),
      encoding: 'utf8',
      // Before: the service started and failed only at its first snapshot write; killed here.
      timeout: 30_000,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    // As a bad variable is said, not as a JSON log record (stderr is a pipe here, as under Docker or systemd).
    expect(r.stderr).toBe(`paperboy: PAPERBOY_DATA_DIR=${dataDir} cannot be used: ${join(dir, 'file')} is a file, not a folder\n`);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'paperboy.db'))).toBe(false);
  }, 40_000);
});

describe('npm start with arguments', () => {
  /** The service entry point as `npm start -- <args>` runs it; a service that starts is killed at the timeout. */
  const start = (...args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-start-'));
    return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: `file:${join(dir, 'paperboy.db')}`, PAPERBOY_DATA_DIR: dir, PAPERBOY_HTTP: 'false', PAPERBOY_INGEST_SOURCES: '', LOG_LEVEL: 'silent' },
      cwd: process.cwd(),
      encoding: 'utf8',
      timeout: 20_000,
    });
  };

  it('--help and -h print what the service is and which settings matter, and start nothing', () => {
    for (const flag of ['--help', '-h']) {
      const r = start(flag);
      expect(r.signal, flag).toBeNull();
      expect(r.status, flag).toBe(0);
      expect(r.stdout).toMatch(/^Usage: npm start/);
      for (const key of ['DATABASE_URL', 'PORT', 'SLACK_BOT_TOKEN', 'DISCORD_TOKEN', 'OPENAI_API_KEY', 'paperboy --help']) expect(r.stdout).toContain(key);
      expect(r.stderr).toBe('');
    }
  }, 60_000);

  it('an unknown argument is a usage error (exit 2), not a service started anyway', () => {
    const r = start('--verbose');
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('paperboy: unknown argument "--verbose": the service takes none (npm start -- --help)\n');
  }, 30_000);
});

describe('loadConfig and cron expressions', () => {
  it('accepts 5- and 6-field expressions', () => {
    const cfg = loadConfig({ PAPERBOY_INGEST_CRON: '*/30 * * * *', PAPERBOY_DIGEST_CRON: '0 * * * * *' });
    expect(cfg.PAPERBOY_INGEST_CRON).toBe('*/30 * * * *');
  });
});

describe('a start-up that fails half-way', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withSqlite();
  });
  afterAll(() => db.drop());

  it('rejects and leaves no HTTP server, queue or store behind', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-start-'));
    const config = loadConfig({ DATABASE_URL: db.url, PAPERBOY_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'silent' });
    // Past the schema (as a caller building a Config by hand could): the schedules fail last,
    // after the store, the search worker, the queue and the HTTP server have started.
    await expect(startService({ ...config, PAPERBOY_DIGEST_CRON: 'garbage' }, silentLogger())).rejects.toThrow(/invalid cron expression for digest/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    // The port is free again.
    const again = createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(port, resolve);
    });
    await new Promise((resolve) => again.close(resolve));
  }, 30_000);
});

describe('a port already in use', () => {
  it('fails start-up with the port error alone: the search thread it stops is not reported as failing', async () => {
    const db = await withSqlite();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const errors: string[] = [];
    const logger = { ...silentLogger(), error: (obj: object | string, msg?: string) => void errors.push(msg ?? String(obj)) };
    try {
      const dir = mkdtempSync(join(tmpdir(), 'paperboy-start-'));
      const config = loadConfig({ DATABASE_URL: db.url, PAPERBOY_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'silent', PAPERBOY_INGEST_SOURCES: '' });
      await expect(startService(config, logger, { stdout: new PassThrough() })).rejects.toThrow(/EADDRINUSE|in use/);
      // The search index's open, cut short by the failed start, settles after the rejection.
      await new Promise((r) => setTimeout(r, 500));
      expect(errors.filter((m) => m.includes('search index'))).toEqual([]);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      await db.drop();
    }
  }, 30_000);
});

describe('a start-up ingest that failed', () => {
  it('is retried by the next start, not an hour later', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const hf = await startFakeHf({ days: { [today]: [hfItem({ id: '2611.00042', day: today, title: 'A neural audio codec at 1 kbps' })] } });
    const db = await withSqlite();
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-start-'));
    const config = loadConfig({ DATABASE_URL: db.url, PAPERBOY_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', PAPERBOY_HF_API_URL: hf.apiUrl, PAPERBOY_HTTP_RETRIES: '0' });
    const untilIngestRun = async (stores: { ingestRuns: { latest(n: number): Promise<Array<{ status: string }>> } }, count: number) => {
      for (let i = 0; i < 200; i++) {
        const runs = await stores.ingestRuns.latest(10);
        if (runs.length >= count && runs[0]!.status !== 'running') return runs[0]!.status;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('no finished ingest run');
    };
    try {
      hf.failDay(today, [{ status: 503, body: 'down for maintenance' }]);
      const first = await startService(config, silentLogger(), { stdout: new PassThrough() });
      expect(await untilIngestRun(first.stores, 1)).not.toBe('succeeded');
      await first.stop('test');
      expect(await db.query('SELECT "arxivId" FROM "Paper"')).toEqual([]);

      const second = await startService(config, silentLogger(), { stdout: new PassThrough() });
      expect(await untilIngestRun(second.stores, 2)).toBe('succeeded');
      expect(await second.stores.papers.get('2611.00042')).not.toBeNull();
      await second.stop('test');
    } finally {
      await hf.close();
      await db.drop();
    }
  }, 60_000);
});

/**
 * The service with a stdout it cannot write (`npm start > /dev/full`, `npm start | true`): the
 * console digest was an unhandled 'error' event that ended the service (exit 1). It is now a
 * digest not sent (kept for the next run, which prints it) and one log line; the service runs on.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStores } from '../../src/store/index.js';

const STDOUT_LINE = /stdout cannot be written \(.*\): console digests are not printed/;

/** Waits for a log line matching `pattern` (or the process's end, which fails the test). */
function untilLogged(child: ChildProcess, lines: string[], pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      lines.push(...parts);
      if (parts.some((l) => pattern.test(l))) {
        child.stderr!.off('data', onData);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => reject(new Error(`the service exited (${code}) before logging ${pattern}:\n${[...lines, buffered].join('\n')}`));
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
}

const stopped = (child: ChildProcess) => new Promise<number | null>((resolve) => {
  if (child.exitCode !== null) resolve(child.exitCode);
  else child.once('exit', (code) => resolve(code));
});

describe.runIf(existsSync('/dev/full'))('npm start with a stdout it cannot write', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const envFor = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-service-stdout-'));
    dirs.push(dir);
    const slot = new Date(Date.now() - 3_600_000);
    const time = `${String(slot.getUTCHours()).padStart(2, '0')}:${String(slot.getUTCMinutes()).padStart(2, '0')}`;
    return { PATH: process.env.PATH, HOME: dir, PAPERBOY_DIGEST_DEFAULT_TIME: time, DATABASE_URL: `file:${join(dir, 'pb.db')}`, PAPERBOY_DATA_DIR: dir, PAPERBOY_HTTP: 'false', PAPERBOY_INGEST_SOURCES: '', LOG_LEVEL: 'info', NODE_ENV: 'production' };
  };

  /**
   * A paper stored three hours ago, before the console's slot an hour ago (envFor), so the first
   * start's console digest has one to print (a first digest is printed at start only with papers).
   */
  async function seedOlderPaper(env: NodeJS.ProcessEnv): Promise<void> {
    const stores = await openStores(env.DATABASE_URL!);
    try {
      await stores.papers.upsertMany(
        [{ arxivId: '2611.00003', source: 'file', title: 'Speculative decoding with a tiny draft model', abstract: 'A small draft model proposes tokens that the target model verifies in parallel, a lossless speed-up of autoregressive decoding.' }],
        new Date(Date.now() - 3 * 3_600_000),
      );
    } finally {
      await stores.close();
    }
  }

  /** The first start's console digest, written where it cannot go: the service runs on and says so once. */
  async function startWith(stdout: 'full' | 'closed pipe', env: NodeJS.ProcessEnv): Promise<string[]> {
    const full = openSync('/dev/full', 'w');
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, cwd: process.cwd(), stdio: ['ignore', stdout === 'full' ? full : 'pipe', 'pipe'] });
    } finally {
      closeSync(full);
    }
    // `| true`: the reader is gone before anything is written.
    if (stdout === 'closed pipe') child.stdout!.destroy();
    const lines: string[] = [];
    try {
      await untilLogged(child, lines, /digest run finished/);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await stopped(child)).toBe(0);
    return lines;
  }

  // `npm start -- --help > /dev/full` was Node's uncaught-exception stack trace: it is now the
  // CLI's one line and exit 1, and `| head` a quiet exit 0, as the CLI's own output is.
  it('--help it cannot write is one line and exit 1, as the CLI says it', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--help'], { env: envFor(), stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).toBe('paperboy: the output could not be written (ENOSPC: no space left on device); what was written of it is incomplete\n');
      expect(r.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });

  it('--help into a closed pipe is the reader being done: exit 0, nothing said', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--help'], { env: envFor(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    expect(await stopped(child)).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);

  for (const stdout of ['full', 'closed pipe'] as const) {
    it(`${stdout}: the service keeps running, logs it once, and the digest waits for the next run`, async () => {
      const env = envFor();
      await seedOlderPaper(env);
      const lines = await startWith(stdout, env);
      expect(lines.filter((l) => STDOUT_LINE.test(l))).toHaveLength(1);
      expect(lines.find((l) => l.includes('digest run finished'))).toContain('console failed 1 paper (stdout cannot be written');
      // Not recorded as delivered: the next run (here the CLI's) prints that digest.
      const again = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'digest', '--target', 'console'], { env: { ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000 });
      expect(again.stderr).toBe('console delivered: 1 paper in 1 message (resumed)\n');
      expect(again.stdout).toMatch(/Speculative decoding with a tiny draft model/);
      expect(again.status).toBe(0);
    }, 90_000);
  }
});

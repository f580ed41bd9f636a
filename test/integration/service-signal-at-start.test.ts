/**
 * A SIGTERM while the service is still starting (migrating a fresh database here; in the field
 * `docker stop` during a long migration, or the moment after "paperboy started" while start-up's
 * own work still holds the thread) found no listener: the process was killed outright, exit
 * status by signal, nothing it had opened closed. It now stops as soon as it has started.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the service given SIGTERM during start-up', () => {
  it('stops once started, with exit status 0, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-signal-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, HOME: dir, NODE_ENV: 'production', DATABASE_URL: `file:${join(dir, 'x.db')}`, PAPERBOY_DATA_DIR: dir, PORT: '0', PAPERBOY_INGEST_SOURCES: '' },
      cwd: process.cwd(),
    });
    let out = '';
    let signalled = false;
    const onData = (d: Buffer) => {
      out += String(d);
      // The first migration of a fresh database: start-up has begun and is far from done.
      if (!signalled && out.includes('migration applied')) {
        signalled = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const exited = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    expect(signalled).toBe(true);
    expect(exited, out.slice(-2000)).toEqual({ code: 0, signal: null });
    expect(out).toContain('SIGTERM during start-up: paperboy stops as soon as it has started');
    expect(out).toContain('paperboy stopping');
  }, 90_000);
});

/**
 * Output the CLI cannot write (`paperboy papers list --json > out.json` on a full disk) is one
 * stderr line and exit 1 once the command has finished; it was Node's uncaught-exception stack
 * trace, and a console digest stopped mid-send held its target until the run's lease ran out. A
 * closed pipe (`| head`) stays a quiet exit 0.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stdoutFailure } from '../../src/output-failure.js';

const INCOMPLETE = 'paperboy: the output could not be written (ENOSPC: no space left on device); what was written of it is incomplete\n';

describe('stdout that cannot be written', () => {
  it('a closed pipe is the reader being done: exit at once, nothing said', () => {
    expect(stdoutFailure(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toEqual({ exitNow: true });
  });

  it('anything else is one line saying the output is incomplete, and the command finishes', () => {
    const err = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(stdoutFailure(err)).toEqual({ exitNow: false, message: INCOMPLETE });
  });

  describe.runIf(existsSync('/dev/full'))('a real process writing to a full device', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-stdout-full-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'pb.db')}`, PAPERBOY_DATA_DIR: dir, LOG_LEVEL: 'silent' };
    const cli = (args: string[], toFull: boolean) => {
      const full = openSync('/dev/full', 'w');
      try {
        return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env, stdio: ['ignore', toFull ? full : 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000 });
      } finally {
        closeSync(full);
      }
    };

    it('says so in one line, exit 1', () => {
      const r = cli(['--help'], true);
      expect(r.stderr).toBe(INCOMPLETE);
      expect(r.status).toBe(1);
    });

    it('a console digest it could not print is recorded as not sent, and the next run sends it', () => {
      expect(cli(['ingest', 'samples/hf-daily-papers.sample.json'], false).status).toBe(0);
      const lost = cli(['digest', '--target', 'console'], true);
      expect(lost.status).toBe(1);
      expect(lost.stderr.split('\n').filter((l) => l.startsWith('paperboy: the output'))).toHaveLength(1);
      expect(lost.stderr).toContain('console not sent');
      const again = cli(['digest', '--target', 'console'], false);
      expect(again.stderr).not.toContain('another run');
      expect(again.stdout).toMatch(/Paperboy digest: \d+ new papers on /);
      expect(again.status).toBe(0);
    }, 60_000);
  });
});

/**
 * Output the CLI cannot write (`paperboy papers list --json > out.json` on a full disk) is one
 * stderr line and exit 1; it was Node's uncaught-exception stack trace. A closed pipe (`| head`)
 * stays a quiet exit 0.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stdoutFailure } from '../../src/cli/stdout-failure.js';

describe('stdout that cannot be written', () => {
  it('a closed pipe is the reader being done: exit 0, nothing said', () => {
    expect(stdoutFailure(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toEqual({ code: 0, message: null });
  });

  it('anything else is one line saying the output is incomplete, exit 1', () => {
    const err = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(stdoutFailure(err)).toEqual({ code: 1, message: 'paperboy: the output could not be written (ENOSPC: no space left on device); what was written of it is incomplete\n' });
  });

  it.runIf(existsSync('/dev/full'))('a real process writing to a full device says so in one line, exit 1', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--help'], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).toBe('paperboy: the output could not be written (ENOSPC: no space left on device); what was written of it is incomplete\n');
      expect(r.status).toBe(1);
    } finally {
      closeSync(full);
    }
  });
});

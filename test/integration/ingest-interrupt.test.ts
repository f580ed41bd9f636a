/**
 * Ctrl-C during a backfill, on the real `paperboy` process: one line says how far it got, not
 * one line per day left undone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sendJson, startHttpServer } from '../helpers/http-server.js';

describe('paperboy ingest interrupted', () => {
  it('prints one "interrupted after N/M days" line and exits 130', async () => {
    const hf = await startHttpServer(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 150));
      sendJson(res, 200, []);
    });
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-interrupt-'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ingest', '--from', '2026-10-01', '--to', '2026-10-30'], {
        cwd: process.cwd(),
        env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: `file:${join(dir, 'paperboy.db')}`, PAPERBOY_DATA_DIR: dir, PAPERBOY_HF_API_URL: `${hf.url}/api`, PAPERBOY_HTTP_RETRIES: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      // A few days in, then Ctrl-C.
      for (let i = 0; i < 400 && hf.requests.length < 3; i++) await new Promise((r) => setTimeout(r, 50));
      expect(hf.requests.length).toBeGreaterThanOrEqual(3);
      child.kill('SIGINT');
      const code = await exited;
      expect(code).toBe(130);
      expect(out).toMatch(/^hf 2026-10-01\.\.2026-10-30: /);
      const lines = err.trim().split('\n');
      expect(lines.filter((l) => /^interrupted after \d+\/30 days; run again to continue/.test(l))).toHaveLength(1);
      expect(lines.length).toBeLessThanOrEqual(2);
    } finally {
      await hf.close();
    }
  }, 60_000);
});

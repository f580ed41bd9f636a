/**
 * Ctrl-C during a backfill, on the real `paperboy` process: one line says how far it got, not
 * one line per day left undone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sendJson, startHttpServer } from '../helpers/http-server.js';

describe('paperboy ingest interrupted', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: prints one "interrupted: N/M days done" line, exits %i and records the run as partial, interrupted by the signal', async (signal, exitCode) => {
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
      child.kill(signal);
      const code = await exited;
      expect(code).toBe(exitCode);
      expect(out).toMatch(/^hf 2026-10-01\.\.2026-10-30: /);
      // Days it never started are not done, not failed.
      expect(out).toMatch(/; \d+ of 30 not done \(interrupted\)\n$/);
      expect(out).not.toMatch(/failed/);
      const lines = err.trim().split('\n');
      expect(lines.filter((l) => /^interrupted: \d+\/30 days done; run again to continue/.test(l))).toHaveLength(1);
      expect(lines.length).toBeLessThanOrEqual(2);
      const db = new Database(join(dir, 'paperboy.db'), { readonly: true });
      try {
        const run = db.prepare('SELECT status, error FROM "IngestRun"').get() as { status: string; error: string };
        // As docs/cli.md says (ingest): the days done make it partial; no status of its own.
        expect(run.status).toBe('partial');
        expect(run.error).toContain(`interrupted by ${signal}`);
      } finally {
        db.close();
      }
    } finally {
      await hf.close();
    }
  }, 60_000);

  it('Ctrl-C under `npm run paperboy` while a big file is written stops between batches and records the run as partial, its error saying how many papers were kept', async () => {
    // tsx's own CLI, which the npm scripts ran before, killed its child when the signal came in
    // the middle of a batch (it waits 60 ms for the child to answer), leaving the run 'running'.
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-interrupt-file-'));
    const file = join(dir, 'papers.jsonl');
    writeFileSync(file, Array.from({ length: 40_000 }, (_, i) => JSON.stringify({ id: `2601.${String(i).padStart(5, '0')}`, title: `Paper ${i}`, abstract: 'words '.repeat(120), authors: ['A B'] })).join('\n'));
    const dbPath = join(dir, 'paperboy.db');
    const child = spawn('npm', ['run', '-s', 'paperboy', '--', 'ingest', '--file', file], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: `file:${dbPath}`, PAPERBOY_DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(String(code ?? signal))));
    const stored = () => {
      try {
        const db = new Database(dbPath, { readonly: true, timeout: 50 });
        try {
          return (db.prepare('SELECT count(*) AS n FROM "Paper"').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    };
    // Some batches in, then Ctrl-C to the whole process group, as a terminal sends it.
    for (let i = 0; i < 600 && stored() < 3000; i++) await new Promise((r) => setTimeout(r, 50));
    process.kill(-child.pid!, 'SIGINT');
    // npm passes the interrupt on by dying of it; paperboy itself exits 130.
    expect(['130', 'SIGINT']).toContain(await exited);
    // The unit was cut short, not lost: what it wrote is said to be kept.
    expect(err).toMatch(/interrupted: 0\/1 units done; the [\d,]+ papers written before it are kept; run again to continue/);
    const db = new Database(dbPath, { readonly: true });
    try {
      const stored = (db.prepare('SELECT count(*) AS n FROM "Paper"').get() as { n: number }).n;
      expect(stored).toBeLessThan(40_000);
      // The batches written are stored for good: partial, as a feed cut short is, not failed.
      expect(db.prepare('SELECT status, error FROM "IngestRun"').all()).toEqual([
        { status: 'partial', error: `${file}: interrupted by SIGINT; the ${stored.toLocaleString('en-US')} papers written before it are kept` },
      ]);
    } finally {
      db.close();
    }
  }, 120_000);
});

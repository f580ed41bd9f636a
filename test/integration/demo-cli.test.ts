import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

describe('paperboy demo (a real CLI process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pb-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('ingests the bundled sample into its own database and prints a digest of the starter topics', () => {
    // No DATABASE_URL: the demo picks its own SQLite file in the data directory.
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    const env = { ...rest, PAPERBOY_DATA_DIR: dataDir };
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'demo'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr.split('\n').filter((l) => /error|ENOENT/i.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Ingested .*samples[/\\]hf-daily-papers\.sample\.json: 48 new/);
    expect(r.stdout).toMatch(/Paperboy digest: \d+ new papers? on /);
    expect(r.stdout).toContain('https://arxiv.org/abs/');
  });
});

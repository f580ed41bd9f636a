import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { runCli } from '../helpers/cli-run.js';

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

describe('paperboy demo (in process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-demo-fresh-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const demo = (...args: string[]) =>
    runCli({ config: loadConfig({ PAPERBOY_DATA_DIR: dir, LOG_LEVEL: 'silent' }), openStores: () => Promise.reject(new Error('the demo opens its own database')) }, ['demo', ...args]);

  it('starts from a fresh database each run: --file shows that file and nothing of an earlier run', async () => {
    const sample = await demo();
    expect(sample.out).toMatch(/: 48 new/);
    const mine = join(dir, 'mine.jsonl');
    writeFileSync(
      mine,
      `${JSON.stringify({ id: '2611.04242', title: 'Tokenizing speech with a residual vector quantized neural audio codec', abstract: 'A neural audio codec for speech tokens at low bitrate using residual vector quantization.' })}\n`,
    );
    const r = await demo('--file', mine);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Ingested ${mine}: 1 new, 0 updated, 0 unchanged`);
    expect(r.out).toContain('Tokenizing speech with a residual vector quantized neural audio codec');
    expect(r.out).not.toMatch(/Paperboy digest: (?!1 new paper )/);
    expect(r.out).not.toContain('1970');
    // The sample's second run is as new as its first.
    expect((await demo()).out).toMatch(/: 48 new/);
  }, 60_000);

  it('an empty or unreadable file is an error, with no "Ingested" line before it', async () => {
    for (const [name, body] of [['empty.json', ''], ['list.json', '[]'], ['page.json', '<!doctype html><html><body>Not found</body></html>']] as const) {
      const file = join(dir, name);
      writeFileSync(file, body);
      const r = await demo('--file', file);
      expect(r.code, name).toBe(1);
      expect(r.out, name).not.toContain('Ingested');
      expect(r.err, name).toMatch(/paperboy demo: .+/);
    }
    // In the words `ingest` uses for the same file: a user trying one after the other reads one message.
    for (const name of ['empty.json', 'list.json']) {
      const file = join(dir, name);
      expect((await demo('--file', file)).err, name).toBe(`paperboy demo: ${file} held no entries\n`);
    }
    // The path once, and the reason.
    const missing = join(dir, 'missing.json');
    expect((await demo('--file', missing)).err).toBe(`paperboy demo: ${missing}: no such file\n`);
  }, 60_000);

  it('--database in a folder that does not exist is a usage error naming it, as DATABASE_URL is; the folder is not made', async () => {
    const folder = join(dir, 'no-such-folder');
    const r = await demo('--database', `file:${folder}/demo.db`);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toBe(`paperboy demo: --database: ${folder}/demo.db: the folder ${folder} does not exist (create it, or correct the path; only the default database's folder, ./data, is created for you)\n`);
    expect(existsSync(folder)).toBe(false);
  });

  // `demo --database "$DATABASE_URL"` stored the 48 sample papers in the real database as new,
  // and its next digests posted them to every channel: the help says the real database is not touched.
  it('--database naming the configuration\'s own database is refused, before anything is stored', async () => {
    const own = join(dir, 'own.db');
    const config = loadConfig({ PAPERBOY_DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: `file:${own}` });
    const run = (database: string) => runCli({ config, openStores: () => Promise.reject(new Error('the demo opens its own database')) }, ['demo', '--database', database]);
    for (const database of [`file:${own}`, `file:${dir}/./own.db?connection_limit=1`]) {
      const r = await run(database);
      expect(r, database).toMatchObject({ code: 2, out: '' });
      expect(r.err, database).toBe(
        `paperboy demo: --database is this configuration's own database (DATABASE_URL, file:${own}): the demo would store its sample papers there as new, and the next digests would post them; leave --database out (the demo then uses a database of its own) or name another file\n`,
      );
    }
    expect(existsSync(own)).toBe(false);
  });

  it('--database that is no database URL is a usage error that names the flag, not DATABASE_URL', async () => {
    expect(await demo('--database', 'mysql://localhost/x')).toEqual({
      code: 2,
      out: '',
      err: 'paperboy demo: --database must start with file: (SQLite) or postgresql:// (PostgreSQL); got "mysql://localhost/x"\n',
    });
  });
});

/**
 * What a sysadmin sees from `npm start` (and `paperboy`) for the configuration mistakes that
 * are easy to make by hand: a misspelt PAPERBOY_ key is named with the key it is probably for;
 * Slack tokens swapped and a PostgreSQL URL the driver cannot read are configuration errors
 * (exit 2, the setting named), and neither the token nor the password is repeated. A Redis that
 * does not answer at start ends it (exit 1), naming REDIS_URL.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SECRET = 'Q7wSecretTail';

/** The service or the CLI from source, on a fresh folder; anything that starts is killed at the timeout. */
function run(entry: 'src/main.ts' | 'src/cli.ts', env: Record<string, string>, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-config-'));
  return spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], {
    env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: `file:${join(dir, 'paperboy.db')}`, PAPERBOY_DATA_DIR: dir, PAPERBOY_HTTP: 'false', PAPERBOY_INGEST_SOURCES: '', NODE_ENV: 'production', ...env },
    cwd: process.cwd(),
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('npm start with a misspelt PAPERBOY_ key', () => {
  it('logs one warning naming it and the setting it is probably for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-config-'));
    // A data folder that cannot be made ends start-up right after the warnings, with exit 1.
    writeFileSync(join(dir, 'file'), '');
    const r = run('src/main.ts', { PAPERBOY_DIGEST_CRONN: '5 * * * *', PAPERBOY_DATA_DIR: join(dir, 'file', 'sub') });
    expect(r.signal).toBeNull();
    const warnings = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter((l) => l.msg.includes('PAPERBOY_DIGEST_CRONN'));
    expect(warnings).toEqual([expect.objectContaining({ level: 40, msg: expect.stringContaining('did you mean PAPERBOY_DIGEST_CRON?') })]);
  }, 40_000);

  it('is said by the CLI as well, which runs on', () => {
    const r = run('src/cli.ts', { PAPERBOY_DIGEST_MAX_PAPER: '5' }, ['papers', 'list']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('PAPERBOY_DIGEST_MAX_PAPER is not a paperboy setting and is ignored: did you mean PAPERBOY_DIGEST_MAX_PAPERS?');
  }, 40_000);
});

describe('npm start with settings it cannot use', () => {
  it('exits 2 naming each Slack token given in the other one\'s place, without repeating either', () => {
    const r = run('src/main.ts', { SLACK_BOT_TOKEN: `xapp-1-A01-${SECRET}`, SLACK_APP_TOKEN: `xoxb-123-${SECRET}` });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/SLACK_BOT_TOKEN: an app-level token, which goes in SLACK_APP_TOKEN/);
    expect(r.stderr).toMatch(/SLACK_APP_TOKEN: a bot token, which goes in SLACK_BOT_TOKEN/);
    expect(r.stderr + r.stdout).not.toContain(SECRET);
  }, 40_000);

  it('exits 2 naming a postgresql DATABASE_URL the driver cannot read, without its password', () => {
    // Before: "paperboy could not start: Invalid URL" (exit 1), naming no setting.
    const r = run('src/main.ts', { DATABASE_URL: `postgresql://paperboy:ab/${SECRET}@127.0.0.1:5432/paperboy` });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^paperboy: Invalid configuration:\n {2}- DATABASE_URL: .*is not a URL PostgreSQL's driver can read/);
    expect(r.stderr + r.stdout).not.toContain(SECRET);
  }, 40_000);

  it('exits 1 naming a REDIS_URL that does not answer, without its password, rather than running without delivering', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    // Before: the service ran on, /healthz 200 "degraded" (Docker: healthy), and delivered nothing.
    const r = run('src/main.ts', { REDIS_URL: `redis://:${SECRET}@127.0.0.1:${port}` });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    const fatal = r.stderr.split('\n').filter((l) => l.includes('"level":60'));
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toContain(`REDIS_URL: redis at redis://:***@127.0.0.1:${port} unreachable: connect ECONNREFUSED`);
    expect(r.stderr + r.stdout).not.toContain(SECRET);
  }, 40_000);
});

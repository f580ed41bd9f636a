/**
 * The service loads a chat platform's client only when that platform is configured (issue 14:
 * idle RSS at 100,000 papers). discord.js and @slack/bolt are ~1,000 modules and tens of MB
 * that a console-only service held for nothing; BullMQ and ioredis likewise without REDIS_URL.
 * Checked by what the process resolved, traced through the ESM loader (not by RSS or timing),
 * with the same service started both ways.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discordTestKey } from '../helpers/discord-sign.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-service-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PLATFORMS = {
  discord: /\/node_modules\/discord\.js\//,
  slack: /\/node_modules\/@slack\/(bolt|web-api)\//,
  bullmq: /\/node_modules\/(bullmq|ioredis)\//,
};

let run = 0;
function startService(env: Record<string, string>): { started: { slack: string; discord: { gateway: string; http: boolean }; queue: string }; loaded: (re: RegExp) => boolean } {
  const trace = join(dir, `trace-${++run}.txt`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/helpers/module-trace.mjs', 'test/helpers/service-child.ts'], {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      DATABASE_URL: `file:${join(dir, `paperboy-${run}.db`)}`,
      PAPERBOY_DATA_DIR: dir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      // Nothing is fetched or posted: the start-up catch-up and access checks fail fast, unawaited.
      PAPERBOY_HF_API_URL: 'http://127.0.0.1:9/api',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      MODULE_TRACE_FILE: trace,
      ...env,
    },
  });
  expect(r.status, r.stderr).toBe(0);
  const urls = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  return { started: JSON.parse(r.stdout.trim().split('\n').pop()!), loaded: (re) => urls.some((u) => re.test(u)) };
}

describe('service start-up loads the platforms configured, and only those', () => {
  it('with no Slack, Discord or Redis configured: no discord.js, no Slack client, no BullMQ', () => {
    const { started, loaded } = startService({});
    expect(started).toEqual({ slack: 'off', discord: { gateway: 'off', http: false }, queue: 'in-process' });
    // The trace works: it saw the SQLite driver the service does need.
    expect(loaded(/\/node_modules\/better-sqlite3\//)).toBe(true);
    expect(loaded(PLATFORMS.discord)).toBe(false);
    expect(loaded(PLATFORMS.slack)).toBe(false);
    expect(loaded(PLATFORMS.bullmq)).toBe(false);
  });

  it('with Slack (HTTP) and Discord (HTTP interactions) configured: both clients load and both are served', () => {
    const key = discordTestKey();
    const { started, loaded } = startService({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      DISCORD_TOKEN: 'discord-test-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_PUBLIC_KEY: key.publicKeyHex,
      DISCORD_GATEWAY: 'false',
    });
    expect(started).toEqual({ slack: 'http', discord: { gateway: 'off', http: true }, queue: 'in-process' });
    expect(loaded(PLATFORMS.discord)).toBe(true);
    expect(loaded(PLATFORMS.slack)).toBe(true);
    expect(loaded(PLATFORMS.bullmq)).toBe(false);
  });

  it('node-cron loads once, the same build for the config check and the scheduler', () => {
    const { loaded } = startService({ PAPERBOY_DIGEST_CRON: '0 7 * * *' });
    expect(loaded(/\/node_modules\/node-cron\/dist\/node-cron\.cjs$/)).toBe(true);
    expect(loaded(/\/node_modules\/node-cron\/dist\/node-cron\.js$/)).toBe(false);
  });

  it('with Discord alone (digests only): discord.js loads, the Slack client does not', () => {
    const { started, loaded } = startService({ DISCORD_TOKEN: 'discord-test-token', DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_GATEWAY: 'false' });
    expect(started).toEqual({ slack: 'off', discord: { gateway: 'off', http: false }, queue: 'in-process' });
    expect(loaded(PLATFORMS.discord)).toBe(true);
    expect(loaded(PLATFORMS.slack)).toBe(false);
  });
});

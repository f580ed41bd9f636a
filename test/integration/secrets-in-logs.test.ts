/**
 * A running service never prints its credentials: not the Slack bot token or signing secret
 * (here refused by Slack, so the refusal is logged), not the password in a PostgreSQL
 * DATABASE_URL (its address is in the migration lines), at debug level, from start to stop, in
 * every line whoever writes it (pino, Bolt, pg). A guard: nothing printed them when it was written.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withPostgres } from '../helpers/db.js';
import { startFakeSlack } from '../helpers/fake-slack.js';
import { serverFor } from '../helpers/services.js';

const TOKEN = 'xoxb-1-Tok3nSecretTail';
const SIGNING = 'S1gningSecretTail';
const PASSWORD = 'Pg@Passw0rdTail';

describe.runIf(await serverFor('postgresql', 'secrets-in-logs'))('credentials in a running service', () => {
  it('never appear in its output, even at debug level and with Slack refusing the token', async () => {
    const db = await withPostgres();
    // Slack knows another token: ours is refused (invalid_auth), and that refusal is logged.
    const slack = await startFakeSlack({ token: 'xoxb-the-right-one' });
    try {
      const u = new URL(db.url);
      // Trust authentication: the password is sent and ignored. Its @ unencoded, which pg reads.
      const url = `postgresql://${u.username}:${PASSWORD}@${u.host}${u.pathname}`;
      const dir = mkdtempSync(join(tmpdir(), 'paperboy-secrets-'));
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          NODE_ENV: 'production',
          LOG_LEVEL: 'debug',
          DATABASE_URL: url,
          PAPERBOY_DATA_DIR: dir,
          PORT: '0',
          PAPERBOY_INGEST_SOURCES: '',
          SLACK_BOT_TOKEN: TOKEN,
          SLACK_SIGNING_SECRET: SIGNING,
          SLACK_API_URL: slack.apiUrl,
        },
        cwd: process.cwd(),
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += String(d)));
      child.stderr.on('data', (d: Buffer) => (out += String(d)));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const end = Date.now() + 40_000;
      while (!(out.includes('"paperboy started') && out.includes('SLACK_BOT_TOKEN was refused')) && child.exitCode === null && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain('SLACK_BOT_TOKEN was refused');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const secret of [TOKEN, 'Tok3nSecret', SIGNING, PASSWORD, 'Passw0rd']) expect(out, secret).not.toContain(secret);
      expect(out).toContain(`postgresql://${u.username}:***@`);
    } finally {
      await slack.close();
      await db.drop();
    }
  }, 90_000);
});

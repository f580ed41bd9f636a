/**
 * Chat credentials a platform refuses, or cannot check at start: the real Bolt app over HTTP
 * against a local Slack Web API, the real discord.js gateway login against a local REST API.
 * Bolt's own token check ran once when the app was built and kept its failure for good: every
 * /papers went unanswered, the log had an unhandled rejection, /healthz said ok.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startChat, type RunningChat } from '../../src/http/start-chat.js';
import { silentLogger } from '../../src/log.js';
import { readBody, sendJson, startHttpServer, type TestServer } from '../helpers/http-server.js';
import { signedSlackHeaders, slashCommandBody } from '../helpers/slack-sign.js';
import { createFakeServices } from '../unit/chat/fake-services.js';

const SECRET = 'test-signing-secret';
const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.allSettled(servers.splice(0).map((s) => s.close()));
});

/** A Slack Web API whose auth.test answers as `authTest` says, call by call. */
async function slackApi(authTest: () => 'ok' | 'refused' | 'down' | 'slow'): Promise<TestServer> {
  const api = await startHttpServer(async (req, res, url) => {
    await readBody(req);
    if (url.pathname !== '/api/auth.test') return sendJson(res, 200, { ok: false, error: 'unknown_method' });
    const answer = authTest();
    // Slack having a slow moment: the answer comes, after more than a command's 3 s.
    if (answer === 'slow') await new Promise((r) => setTimeout(r, 4000));
    if (answer === 'down') return sendJson(res, 503, { ok: false, error: 'service_unavailable' });
    if (answer === 'refused') return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
    return sendJson(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', user: 'paperboy' });
  });
  servers.push(api);
  return api;
}

async function start(api: TestServer, logged: string[]): Promise<RunningChat> {
  const config = loadConfig({ PORT: '0', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${api.url}/api/`, LOG_LEVEL: 'silent' });
  const record = (level: string) => (obj: unknown, msg?: string) => logged.push(`${level} ${typeof obj === 'string' ? obj : (msg ?? '')}`);
  const logger = Object.assign(silentLogger(), { error: record('error'), warn: record('warn'), info: record('info') });
  const chat = await startChat({ config, logger, services: createFakeServices(), host: '127.0.0.1', timeoutMs: 1500 });
  servers.push(chat);
  return chat;
}

async function command(chat: RunningChat, text: string, hooks: TestServer) {
  const body = slashCommandBody({ text, responseUrl: `${hooks.url}/hook` });
  return fetch(`${chat.http!.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, body), body });
}

describe('the Slack bot token', () => {
  it('refused by Slack is said once at start, in words, and makes /healthz degraded, without an unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (err: unknown) => rejections.push(err);
    process.on('unhandledRejection', onRejection);
    try {
      const logged: string[] = [];
      const chat = await start(await slackApi(() => 'refused'), logged);
      expect(logged.filter((l) => l.startsWith('error'))).toEqual([
        'error slack: SLACK_BOT_TOKEN was refused by Slack (invalid_auth): /papers cannot be answered and no digest can be posted to Slack; set the bot token (xoxb-…) of the installed app and restart',
      ]);
      const health = await fetch(`${chat.http!.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'degraded', checks: { chat: { slack: expect.stringContaining('SLACK_BOT_TOKEN was refused by Slack (invalid_auth)') } } });
      // A command meanwhile is checked again, not said again.
      const hooks = await startHttpServer((_req, res) => sendJson(res, 200, { ok: true }));
      servers.push(hooks);
      await command(chat, 'help', hooks);
      await new Promise((r) => setTimeout(r, 200));
      expect(logged.filter((l) => l.includes('refused by Slack'))).toHaveLength(1);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('that could not be checked at start (Slack down) is checked again at the first command, which is answered', async () => {
    let calls = 0;
    const logged: string[] = [];
    // Down for the start's check and the client's own retries (three calls).
    const chat = await start(await slackApi(() => (++calls <= 3 ? 'down' : 'ok')), logged);
    expect(logged).toContain('warn slack: could not check SLACK_BOT_TOKEN (auth.test); it is checked again at the first command');
    const answers: unknown[] = [];
    const hooks = await startHttpServer(async (req, res) => {
      answers.push(JSON.parse(await readBody(req)));
      sendJson(res, 200, { ok: true });
    });
    servers.push(hooks);
    const res = await command(chat, 'help', hooks);
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.text()) + JSON.stringify(answers)).toContain('/papers search');
    expect(calls).toBe(4);
    expect(((await (await fetch(`${chat.http!.url}/healthz`)).json()) as { status: string }).status).toBe('ok');
  });
});

describe('the Slack bot token unchecked when commands arrive', () => {
  // Bolt authorises a request before its listener can ack it: waiting there for auth.test spent
  // the 3 s Slack allows, and a Slack API still down failed the command, though its answer goes
  // to response_url and needs no identity.
  it.each([
    ['slow to answer', 'slow'],
    ['still down', 'down'],
  ] as const)('Slack %s: the command is acknowledged within 3 s and answered', async (_name, then) => {
    let calls = 0;
    const logged: string[] = [];
    const chat = await start(await slackApi(() => (++calls <= 3 ? 'down' : then)), logged);
    const hooks = await startHttpServer(async (req, res) => {
      await readBody(req);
      sendJson(res, 200, { ok: true });
    });
    servers.push(hooks);
    const started = Date.now();
    const res = await command(chat, 'help', hooks);
    const ms = Date.now() - started;
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/papers search');
    expect(ms).toBeLessThan(3000);
  }, 15_000);
});

describe('the Slack notifier checking its token at start', () => {
  it('says a refused token is refused, not that its scopes could not be checked', async () => {
    const { createSlackNotifier } = await import('../../src/chat/slack/notifier.js');
    const api = await slackApi(() => 'refused');
    const notifier = createSlackNotifier({ token: 'xoxb-test', apiUrl: `${api.url}/api/`, timeoutMs: 2000 });
    expect(await notifier.accessProblems!()).toEqual([
      'SLACK_BOT_TOKEN was refused by Slack (invalid_auth): no digest can be posted to Slack; set the bot token (xoxb-…) of the installed app and restart',
    ]);
  });
});

describe('a Discord bot token Discord refuses', () => {
  it('makes /healthz degraded, naming the failed gateway login', async () => {
    const rest = await startHttpServer((_req, res) => sendJson(res, 401, { message: '401: Unauthorized', code: 0 }));
    servers.push(rest);
    const config = loadConfig({ PORT: '0', DISCORD_TOKEN: 'not-a-token', DISCORD_APPLICATION_ID: '42', DISCORD_API_URL: `${rest.url}/api`, LOG_LEVEL: 'silent' });
    const chat = await startChat({ config, logger: silentLogger(), services: createFakeServices(), host: '127.0.0.1', timeoutMs: 1500 });
    servers.push(chat);
    expect(chat.discord.gateway).toBe('failed');
    const health = await fetch(`${chat.http!.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'degraded', checks: { chat: { discord: expect.stringContaining('the Discord gateway login failed') } } });
  });
});

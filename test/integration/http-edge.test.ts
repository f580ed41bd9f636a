/**
 * The HTTP edge over real HTTP: what Slack and Discord endpoints refuse, and that refusals are
 * counted and sampled in the log rather than written one line each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordInteractionsListener } from '../../src/chat/discord/interactions-http.js';
import { createSlackChat } from '../../src/chat/slack/app.js';
import { createRejectionReporter, type RejectReason } from '../../src/http/rejections.js';
import { startHttpServer as startAppServer, type RunningHttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/log.js';
import { discordTestKey, signedDiscordHeaders } from '../helpers/discord-sign.js';
import { sendJson, startHttpServer, type TestServer } from '../helpers/http-server.js';
import { signedSlackHeaders, slackSignature, slashCommandBody } from '../helpers/slack-sign.js';
import { createFakeServices } from '../unit/chat/fake-services.js';

const SECRET = 'edge-signing-secret';
const key = discordTestKey();
const refused: Array<[string, RejectReason]> = [];
const warnings: string[] = [];
let app: RunningHttpServer;
let slackApi: TestServer;

beforeAll(async () => {
  slackApi = await startHttpServer((_req, res) => sendJson(res, 200, { ok: true }));
  const logger = Object.assign(silentLogger(), { warn: (_obj: unknown, msg?: string) => void warnings.push(String(msg)) });
  const onRejected = createRejectionReporter({ logger, count: (endpoint, reason) => void refused.push([endpoint, reason]) });
  const deps = { services: createFakeServices([]), timeoutMs: 1500, onError: () => undefined };
  const slack = createSlackChat({
    config: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: `${slackApi.url}/api/`, SLACK_CHANNEL_MANAGERS: [] },
    logger: silentLogger(),
    deps,
    onRejected,
  });
  const discord = createDiscordInteractionsListener({ publicKey: key.publicKeyHex, deps, logger: silentLogger(), apiUrl: slackApi.url, onRejected });
  app = await startAppServer({ port: 0, host: '127.0.0.1', logger: silentLogger(), slack: slack!.requestListener, discord });
});

afterAll(async () => {
  await app?.close();
  await slackApi?.close();
});

const command = () => slashCommandBody({ text: 'help', responseUrl: `${slackApi.url}/hook` });
const postSlack = (body: string, headers: Record<string, string>) => fetch(`${app.url}/slack/events`, { method: 'POST', headers, body });

describe('the Slack endpoint', () => {
  it('answers a correctly signed command', async () => {
    const body = command();
    expect((await postSlack(body, signedSlackHeaders(SECRET, body))).status).toBe(200);
  });

  it('answers GET with 405, not 500', async () => {
    const res = await fetch(`${app.url}/slack/events`);
    expect(res.status).toBe(405);
  });

  it.each([
    ['5 min 1 s ahead', 301],
    ['an hour ahead', 3600],
    ['a year ahead', 365 * 86400],
    ['an hour old', -3600],
  ])('refuses a request dated %s, correctly signed for that time', async (_label, offsetSec) => {
    const body = command();
    // Whole seconds rounded away from now: rounded down, "5 min 1 s ahead" was as little as 5 min
    // ahead by the time the server read the clock, and passed (a flaky failure in CI).
    const now = Date.now() / 1000;
    const res = await postSlack(body, signedSlackHeaders(SECRET, body, (offsetSec > 0 ? Math.ceil(now) : Math.floor(now)) + offsetSec));
    expect(res.status).toBe(401);
  });

  it('refuses a valid signature with anything appended', async () => {
    const body = command();
    const headers = signedSlackHeaders(SECRET, body);
    for (const tail of ['=garbage', 'ab', '=']) {
      const res = await postSlack(body, { ...headers, 'x-slack-signature': `${headers['x-slack-signature']}${tail}` });
      expect(res.status, tail).toBe(401);
    }
  });

  it('refuses a body over 1 MB with 413', async () => {
    const body = `text=${'x'.repeat(1024 * 1024 + 10)}`;
    const ts = Math.floor(Date.now() / 1000);
    const res = await postSlack(body, { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SECRET, ts, body) });
    expect(res.status).toBe(413);
  });
});

describe('the Discord endpoint', () => {
  const postDiscord = (body: string, headers: Record<string, string>) => fetch(`${app.url}/discord/interactions`, { method: 'POST', headers, body });

  it('answers a validly signed body of null with 400, not 500', async () => {
    for (const body of ['null', '42', '[]']) expect((await postDiscord(body, signedDiscordHeaders(key, body))).status, body).toBe(400);
  });

  it('answers a body over 1 MB with 413 instead of dropping the connection', async () => {
    const body = JSON.stringify({ type: 1, pad: 'x'.repeat(1024 * 1024 + 10) });
    expect((await postDiscord(body, signedDiscordHeaders(key, body))).status).toBe(413);
  });
});

describe('forged requests', () => {
  it('are each counted, and logged as a sample', async () => {
    refused.length = 0;
    warnings.length = 0;
    const body = command();
    const forged = { ...signedSlackHeaders('not-the-secret', body) };
    for (let i = 0; i < 25; i++) expect((await postSlack(body, forged)).status).toBe(401);
    expect(refused).toHaveLength(25);
    expect(refused.every(([endpoint, reason]) => endpoint === 'slack' && reason === 'signature')).toBe(true);
    expect(warnings.length).toBeLessThanOrEqual(1);
  });
});

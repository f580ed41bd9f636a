/**
 * `/papers follow author` from both chat platforms over their real HTTP paths (signed Slack slash
 * commands into Bolt, ed25519-signed Discord interactions), answered by the composed core over
 * stored papers: an ambiguous name gets the candidates with the command that picks each, and
 * picking one follows that person.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeServices, type AppServices } from '../../src/app/compose.js';
import { loadConfig } from '../../src/config.js';
import { papersCommand } from '../../src/chat/discord/commands/definition.js';
import { startChat, type RunningChat } from '../../src/http/start-chat.js';
import { silentLogger } from '../../src/log.js';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { discordTestKey, signedDiscordHeaders } from '../helpers/discord-sign.js';
import { readBody, sendJson, startHttpServer, type TestServer } from '../helpers/http-server.js';
import { signedSlackHeaders, slashCommandBody } from '../helpers/slack-sign.js';

const SECRET = 'test-signing-secret';
const key = discordTestKey();
let api: TestServer;
let chat: RunningChat;
let app: AppServices;
const answers: Array<{ path: string; body: Record<string, unknown> }> = [];

beforeAll(async () => {
  // One local server plays Slack's Web API, Slack's response_url and Discord's REST API.
  api = await startHttpServer(async (req, res, url) => {
    const body = await readBody(req);
    if (url.pathname === '/slack/api/auth.test') return sendJson(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', user: 'paperboy' });
    if (url.pathname.startsWith('/hook/') || req.method === 'PATCH') {
      answers.push({ path: decodeURIComponent(url.pathname), body: JSON.parse(body) as Record<string, unknown> });
      return sendJson(res, 200, req.method === 'PATCH' ? { id: '1', channel_id: '2', content: '', embeds: [], components: [] } : { ok: true });
    }
    sendJson(res, 404, { ok: false, error: 'unknown_method' });
  });
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${api.url}/slack/api/`,
    DISCORD_PUBLIC_KEY: key.publicKeyHex,
    DISCORD_API_URL: `${api.url}/api`,
    DISCORD_GATEWAY: 'false',
  });
  const stores = createMemoryStores();
  const at = new Date(Date.now() - 3_600_000);
  await stores.papers.upsertMany(
    [
      { arxivId: '2611.30001', source: 'arxiv', title: 'On engines', abstract: 'Engines.', authors: ['John Smith', 'Ada Lovelace'], publishedAt: at },
      { arxivId: '2611.30002', source: 'arxiv', title: 'On numbers', abstract: 'Numbers.', authors: ['Jane Smith'], publishedAt: at },
      { arxivId: '2611.30003', source: 'arxiv', title: 'More numbers', abstract: 'Numbers.', authors: ['Jane Smith', 'J. Smith'], publishedAt: at },
    ],
    at,
  );
  app = composeServices(config, stores, silentLogger());
  chat = await startChat({ config, logger: silentLogger(), services: app.commands, host: '127.0.0.1', timeoutMs: 5000, health: async () => ({ status: 'ok', checks: {} }) });
});

afterAll(async () => {
  await chat?.close();
  await api?.close();
  await app?.close();
});

const answerOn = (path: string) =>
  vi.waitFor(
    () => {
      const hit = answers.find((a) => a.path === path);
      if (!hit) throw new Error('no answer yet');
      return JSON.stringify(hit.body);
    },
    { timeout: 10_000, interval: 20 },
  );

let seq = 0;
async function slack(text: string, userId = 'U0ADA'): Promise<string> {
  const path = `/hook/${++seq}`;
  const body = slashCommandBody({ text, userId, channelId: 'C0001', responseUrl: `${api.url}${path}` });
  const res = await fetch(`${chat.http!.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, body), body });
  expect(res.status).toBe(200);
  return answerOn(path);
}

async function discord(group: 'follow' | 'unfollow', sub: string, name?: string): Promise<string> {
  const n = ++seq;
  const user = { id: '123456789012345678', username: 'ada', discriminator: '0', global_name: 'Ada', avatar: null };
  const options = [{ type: 2, name: group, options: [{ type: 1, name: sub, options: name === undefined ? [] : [{ type: 3, name: 'name', value: name }] }] }];
  const body = JSON.stringify({ id: `900${n}`, application_id: '42', type: 2, token: `tok${n}`, version: 1, channel_id: '555', guild_id: '777', member: { user, permissions: '0', roles: [] }, data: { id: '1', name: 'papers', type: 1, options } });
  const res = await fetch(`${chat.http!.url}/discord/interactions`, { method: 'POST', headers: signedDiscordHeaders(key, body), body });
  expect(res.status).toBe(200);
  return answerOn(`/api/v10/webhooks/42/tok${n}/messages/@original`);
}

describe('following an author from chat', () => {
  it('Slack: an ambiguous name lists the candidates with paper counts and the command for each; picking one follows that person', async () => {
    const answer = await slack('follow author "J. Smith"');
    expect(answer).toContain('fits 2 different authors');
    expect(answer).toContain('1. Jane Smith (2 stored papers) — /papers follow author \\"Jane Smith\\"');
    expect(answer).toContain('2. John Smith (1 stored paper) — /papers follow author \\"John Smith\\"');
    expect(await app.stores.follows.list()).toEqual([]);

    expect(await slack('follow author "John Smith"')).toContain('You follow John Smith (1 stored paper)');
    expect(await slack('follow list')).toContain('• John Smith');
    expect((await app.stores.follows.list()).map((f) => [f.subscriber, f.author])).toEqual([['slack:U0ADA', 'John Smith']]);
    // Following made the follower's DM digest target, so the papers have somewhere to go.
    expect(await app.stores.targets.get('slack:U0ADA')).toMatchObject({ kind: 'user' });
    expect(await slack('unfollow author "Smith, John"')).toContain('You no longer follow John Smith');
  });

  it('Discord: the same answers through the registered follow/unfollow subcommand groups', async () => {
    const groups = (papersCommand().options ?? []).filter((o) => o.type === 2).map((o) => o.name);
    expect(groups).toEqual(expect.arrayContaining(['follow', 'unfollow']));

    const answer = await discord('follow', 'author', 'J. Smith');
    expect(answer).toContain('fits 2 different authors');
    expect(answer).toContain('/papers follow author');
    expect(await discord('follow', 'author', 'Jane Smith')).toContain('You follow Jane Smith (2 stored papers)');
    expect(await discord('follow', 'list')).toContain('Jane Smith');
    expect((await app.stores.follows.list({ subscriber: 'discord:123456789012345678' })).map((f) => f.author)).toEqual(['Jane Smith']);
    expect(await discord('unfollow', 'author', 'Jane Smith')).toContain('You no longer follow Jane Smith');
  });
});

/**
 * `/papers channel threads on|off`, `/papers channel language <tag>` and `/papers language <tag>`
 * from both chat platforms over their real HTTP paths (signed Slack slash commands, ed25519-signed
 * Discord interactions), answered by the composed core: what is stored is what the digest uses.
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
    if (url.pathname === '/slack/api/users.info') return sendJson(res, 200, { ok: true, user: { id: 'U0BOB', is_admin: false, is_owner: false, deleted: false } });
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
    SLACK_CHANNEL_MANAGERS: 'U0ADA',
    SLACK_API_URL: `${api.url}/slack/api/`,
    DISCORD_PUBLIC_KEY: key.publicKeyHex,
    DISCORD_API_URL: `${api.url}/api`,
    DISCORD_GATEWAY: 'false',
  });
  const stores = createMemoryStores();
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
  // A usage problem is answered in the acknowledgement itself; the rest through response_url.
  const acked = await res.text();
  return acked.trim() ? acked : answerOn(path);
}


type Opt = { type: number; name: string; value?: string | boolean; options?: Opt[] };
async function discord(options: Opt[], permissions = '16'): Promise<string> {
  const n = ++seq;
  const user = { id: '123456789012345678', username: 'ada', discriminator: '0', global_name: 'Ada', avatar: null };
  const body = JSON.stringify({ id: `900${n}`, application_id: '42', type: 2, token: `tok${n}`, version: 1, channel_id: '555555555555555555', guild_id: '777', member: { user, permissions, roles: [] }, data: { id: '1', name: 'papers', type: 1, options } });
  const res = await fetch(`${chat.http!.url}/discord/interactions`, { method: 'POST', headers: signedDiscordHeaders(key, body), body });
  expect(res.status).toBe(200);
  return answerOn(`/api/v10/webhooks/42/tok${n}/messages/@original`);
}
const channelSub = (name: string, options: Opt[]): Opt[] => [{ type: 2, name: 'channel', options: [{ type: 1, name, options }] }];

describe('threads and language from chat', () => {
  it('Slack: a channel manager turns threads on and sets the language; anyone sets their own; bad tags are explained', async () => {
    expect(await slack('channel threads on')).toContain('each paper a reply in its thread');
    expect(await slack('channel language de-at')).toContain('Austrian German (de-AT)');
    expect(await app.stores.targets.get('slack:C0001')).toMatchObject({ threads: true, language: 'de-AT' });
    // Anyone in the channel sees how its digest is posted.
    const listed = await slack('channel list', 'U0BOB');
    expect(listed).toContain('replies in a thread');
    expect(listed).toContain('digest language: de-AT');
    expect(await slack('channel threads off')).toContain('whole messages again');
    expect((await app.stores.targets.get('slack:C0001'))!.threads).toBe(false);

    expect(await slack('language fr')).toContain('Your digest is now in French (fr)');
    expect(await app.stores.targets.get('slack:U0ADA')).toMatchObject({ kind: 'user', language: 'fr' });

    expect(await slack('channel language english')).toContain('names no language I know');
    expect(await slack('language en_US')).toContain('is not a BCP 47 language tag');
    expect(await slack('channel threads maybe')).toContain('Say `on` or `off`');
    // Someone who may not manage the channel changes nothing.
    expect(await slack('channel threads on', 'U0BOB')).toContain('Only people who may manage this channel');
    expect((await app.stores.targets.get('slack:C0001'))!.threads).toBe(false);
  });

  it('Discord: the same through the registered subcommands', async () => {
    const json = papersCommand();
    const channel = json.options?.find((o) => o.name === 'channel') as { options?: Array<{ name: string }> };
    expect(channel.options?.map((o) => o.name)).toEqual(expect.arrayContaining(['threads', 'language']));
    expect(json.options?.some((o) => o.name === 'language')).toBe(true);

    expect(await discord(channelSub('threads', [{ type: 5, name: 'on', value: true }]))).toContain('each paper a reply in its thread');
    expect(await discord(channelSub('language', [{ type: 3, name: 'tag', value: 'fr' }]))).toContain('French (fr)');
    expect(await app.stores.targets.get('discord:555555555555555555')).toMatchObject({ threads: true, language: 'fr' });
    expect(await discord([{ type: 1, name: 'language', options: [{ type: 3, name: 'tag', value: 'pt-br' }] }])).toContain('(pt-BR)');
    expect(await app.stores.targets.get('discord:123456789012345678')).toMatchObject({ kind: 'user', language: 'pt-BR' });
    expect(await discord(channelSub('threads', [{ type: 5, name: 'on', value: false }]), '0')).toContain('Only people who may manage this channel');
    expect((await app.stores.targets.get('discord:555555555555555555'))!.threads).toBe(true);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerCommands } from '../../src/chat/discord/register-commands.js';
import { readBody, sendJson, startHttpServer, type TestServer } from '../helpers/http-server.js';

let api: TestServer;
const puts: Array<{ path: string; auth: string | undefined; body: Array<{ name: string; options: Array<{ name: string; type: number; options?: Array<{ name: string }> }> }> }> = [];

beforeAll(async () => {
  api = await startHttpServer(async (req, res, url) => {
    const body = JSON.parse(await readBody(req)) as (typeof puts)[number]['body'];
    puts.push({ path: url.pathname, auth: req.headers.authorization, body });
    sendJson(res, 200, body.map((c, i) => ({ ...c, id: String(i + 1) })));
  });
});
afterAll(() => api.close());

it('PUTs /papers globally, or to one guild, with the bot token', async () => {
  const global = await registerCommands({ token: 'bot-token', applicationId: '42', apiUrl: `${api.url}/api` });
  expect(global).toEqual({ status: 'registered', scope: 'global', count: 1 });
  await registerCommands({ token: 'bot-token', applicationId: '42', guildId: '777', apiUrl: `${api.url}/api` });
  expect(puts.map((p) => p.path)).toEqual(['/api/v10/applications/42/commands', '/api/v10/applications/42/guilds/777/commands']);
  expect(puts[0]!.auth).toBe('Bot bot-token');
  const cmd = puts[0]!.body[0]!;
  expect(cmd.name).toBe('papers');
  expect(cmd.options.map((o) => o.name)).toEqual(['search', 'subscribe', 'unsubscribe', 'subscriptions', 'topics', 'digest', 'schedule', 'help', 'language', 'saved', 'follow', 'unfollow', 'channel']);
  const channel = cmd.options.find((o) => o.name === 'channel')!;
  expect(channel.type).toBe(2);
  expect(channel.options!.map((o) => o.name)).toEqual(['subscribe', 'unsubscribe', 'list', 'schedule', 'threads', 'language']);
  const follow = cmd.options.find((o) => o.name === 'follow')!;
  expect([follow.type, follow.options!.map((o) => o.name)]).toEqual([2, ['author', 'list']]);
  expect(cmd.options.find((o) => o.name === 'unfollow')!.options!.map((o) => o.name)).toEqual(['author']);
});

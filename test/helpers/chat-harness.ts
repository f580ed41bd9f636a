/**
 * Both chat platforms over their real HTTP paths, answered by the composed core on in-memory
 * stores: signed Slack slash commands into Bolt, ed25519-signed Discord interactions. One local
 * server plays Slack's Web API, Slack's response_url and Discord's REST API, and records what
 * the bot answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { expect, vi } from 'vitest';
import { composeServices, type AppServices } from '../../src/app/compose.js';
import { loadConfig } from '../../src/config.js';
import type { Clock, Stores } from '../../src/core/ports.js';
import { startChat, type RunningChat } from '../../src/http/start-chat.js';
import { silentLogger } from '../../src/log.js';
import { discordTestKey, signedDiscordHeaders } from './discord-sign.js';
import { readBody, sendJson, startHttpServer, type TestServer } from './http-server.js';
import { createMemoryStores } from './memory-stores.js';
import { signedSlackHeaders, slashCommandBody } from './slack-sign.js';

const SECRET = 'test-signing-secret';

export type DiscordOption = { type: number; name: string; value?: string | boolean; options?: DiscordOption[] };

export interface ChatHarness {
  app: AppServices;
  /** `/papers <text>` from Slack (in channel C0001, or a DM's D… id); the acknowledgement's text, or else what came to response_url. */
  slack(text: string, userId?: string, channelId?: string): Promise<string>;
  /** `/papers` with these options from Discord, in a guild channel (or with `dm`, the caller's DM with the bot); the edited original response. */
  discord(options: DiscordOption[], permissions?: string, where?: { dm?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export interface ChatHarnessOptions {
  /** More configuration (e.g. SLACK_CHANNEL_MANAGERS). */
  env?: Record<string, string>;
  /** Slack Web API methods beyond auth.test, by path after /slack/api/. */
  slackApi?: Record<string, unknown>;
  /** Slack Web API methods answered with another HTTP status (a 429 with Retry-After). */
  slackHttp?: Record<string, { status: number; headers?: Record<string, string>; body: unknown }>;
  /** The first this many answers to a response_url get a 500 (Slack having a bad moment). */
  failResponseUrl?: number;
  /** Writes to the stores before the app is composed. */
  seed?: (stores: Stores) => Promise<void>;
  /** The core's clock (when targets are added, which slot their first digest waits for); default: the system clock. */
  clock?: Clock;
}

export async function startChatHarness(opts: ChatHarnessOptions = {}): Promise<ChatHarness> {
  const key = discordTestKey();
  const answers: Array<{ path: string; body: Record<string, unknown> }> = [];
  let failures = 0;
  const api: TestServer = await startHttpServer(async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const body = await readBody(req);
    if (url.pathname === '/slack/api/auth.test') return sendJson(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', user: 'paperboy' });
    const method = url.pathname.replace('/slack/api/', '');
    if (opts.slackApi && method in opts.slackApi) return sendJson(res, 200, opts.slackApi[method]);
    const http = opts.slackHttp?.[method];
    if (http) {
      res.writeHead(http.status, { 'content-type': 'application/json', ...http.headers });
      return void res.end(JSON.stringify(http.body));
    }
    if (url.pathname.startsWith('/hook/') && failures < (opts.failResponseUrl ?? 0)) {
      failures++;
      return sendJson(res, 500, { ok: false, error: 'internal_error' });
    }
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
    ...opts.env,
  });
  const stores = createMemoryStores();
  await opts.seed?.(stores);
  const app = composeServices(config, stores, silentLogger(), {}, opts.clock ? { clock: opts.clock } : {});
  const chat: RunningChat = await startChat({ config, logger: silentLogger(), services: app.commands, host: '127.0.0.1', timeoutMs: 5000, health: async () => ({ status: 'ok', checks: {} }) });

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
  return {
    app,
    async slack(text, userId = 'U0ADA', channelId = 'C0001') {
      const path = `/hook/${++seq}`;
      const body = slashCommandBody({ text, userId, channelId, responseUrl: `${api.url}${path}` });
      const res = await fetch(`${chat.http!.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, body), body });
      expect(res.status).toBe(200);
      // A usage problem is answered in the acknowledgement itself; the rest through response_url.
      const acked = await res.text();
      return acked.trim() ? acked : answerOn(path);
    },
    async discord(options, permissions = '16', where = {}) {
      const n = ++seq;
      const user = { id: '123456789012345678', username: 'ada', discriminator: '0', global_name: 'Ada', avatar: null };
      // A DM interaction has no guild and names its caller as `user`, not as a guild `member`.
      const from = where.dm ? { channel_id: '444444444444444444', user } : { channel_id: '555555555555555555', guild_id: '777', member: { user, permissions, roles: [] } };
      const body = JSON.stringify({ id: `900${n}`, application_id: '42', type: 2, token: `tok${n}`, version: 1, ...from, data: { id: '1', name: 'papers', type: 1, options } });
      const res = await fetch(`${chat.http!.url}/discord/interactions`, { method: 'POST', headers: signedDiscordHeaders(key, body), body });
      expect(res.status).toBe(200);
      return answerOn(`/api/v10/webhooks/42/tok${n}/messages/@original`);
    },
    async close() {
      await chat.close();
      await api.close();
      await app.close();
    },
  };
}

/**
 * Both chat platforms over their real HTTP paths, answered by the composed core on in-memory
 * stores: signed Slack slash commands into Bolt, ed25519-signed Discord interactions. One local
 * server plays Slack's Web API, Slack's response_url and Discord's REST API, and records what
 * the bot answers. Answers are held to the platforms' limits as the fakes check them (Block Kit
 * for an ack or a response_url message, Discord's message limits for an interaction's answer),
 * an acknowledgement must come within the 3 s both platforms allow, and Slack's tiered methods
 * (users.info, conversations.history, …) answer 429 past their calls per minute.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { expect, vi } from 'vitest';
import { composeServices, type AppServices } from '../../src/app/compose.js';
import { loadConfig } from '../../src/config.js';
import type { Clock, Logger, Stores } from '../../src/core/ports.js';
import { startChat, type RunningChat } from '../../src/http/start-chat.js';
import { silentLogger } from '../../src/log.js';
import { realSleep } from '../../src/core/sleep.js';
import { discordTestKey, signedDiscordHeaders } from './discord-sign.js';
import { checkMessage, fakeBotUser } from './fake-discord.js';
import { checkBlocks, slackUser, SLACK_METHOD_TIERS } from './fake-slack.js';
import { readBody, sendJson, startHttpServer, type TestServer } from './http-server.js';
import { remoteClient } from './remote-fetch.js';
import { createMemoryStores } from './memory-stores.js';
import { blockActionBody, signedSlackHeaders, slashCommandBody } from './slack-sign.js';

const SECRET = 'test-signing-secret';

export type DiscordOption = { type: number; name: string; value?: string | boolean; options?: DiscordOption[] };

/** Slack (an ack) and Discord (an interaction's initial response) allow 3 s. */
export const ACK_DEADLINE_MS = 3000;

/** Why Slack would refuse this message body (an ack's or a response_url's), or null. */
function slackRefusal(body: Record<string, unknown>): string | null {
  const blocks = (body.blocks ?? []) as Array<Record<string, unknown>>;
  if (!body.text && blocks.length === 0) return 'no_text';
  return checkBlocks(blocks);
}

export interface ChatHarness {
  app: AppServices;
  /** How many times the bot asked Discord for its own user (`GET /users/@me`). */
  discordUserLookups(): number;
  /** Answers the platform would have refused (invalid_blocks, 50035 …): a test expects none. */
  refused: string[];
  /** `/papers <text>` from Slack (in channel C0001, or a DM's D… id); the acknowledgement's text, or else what came to response_url (after any "Still working" notice). */
  slack(text: string, userId?: string, channelId?: string): Promise<string>;
  /** `/papers <text>` from Slack, acknowledged in time, without waiting for its answer: its response_url's path (for `slackNotices`). */
  slackSend(text: string, userId?: string, channelId?: string): Promise<{ path: string; acked: string }>;
  /** The "Still working on …" notices that came to a response_url (by path, or all), in order. */
  slackNotices(path?: string): Array<Record<string, unknown>>;
  /** Every post a response_url took (notices and answers), by path. */
  slackPosts(path: string): Array<Record<string, unknown>>;
  /** `/papers` with these options from Discord, in a guild channel (or with `dm`, the caller's DM with the bot); the edited original response. */
  discord(options: DiscordOption[], permissions?: string, where?: { dm?: boolean; userId?: string; appPermissions?: string }): Promise<string>;
  /** A press on a Slack button, acknowledged in time, without waiting for its answer: its response_url's path (for `slackPosts`). */
  slackPress(actionId: string, value: string, userId?: string, channelId?: string, label?: string): Promise<{ path: string }>;
  /** A press on a Slack button (`action_id`, `value`) under a message in C0001 (or `channelId`); what came to its response_url (after any "Still working" notice). */
  slackButton(actionId: string, value: string, userId?: string, channelId?: string): Promise<string>;
  /** A press on a Discord button (`custom_id`), in the guild channel (or with `dm`, the caller's DM); the edited original response. */
  discordButton(customId: string, where?: { dm?: boolean; userId?: string }): Promise<string>;
  /**
   * Every message of the last command's or button's answer (`slack…` / `discord…`), in order, once
   * `count` have come: the first and those after it on the same response_url, or the edited original
   * and the follow-ups on the same interaction webhook.
   */
  answerMessages(count: number): Promise<Array<Record<string, unknown>>>;
  /** Posts to a response_url or an interaction webhook the platform refused as used up or expired, by response_url path or webhook. */
  hookRefusals: Array<{ key: string; why: string }>;
  /** 429s the interaction webhook answered (`rateLimitWebhook`). */
  webhookRateLimited(): number;
  /** Messages the bot posted in people's DMs with its token (`POST /channels/{dm}/messages`), in order. */
  discordDms: Array<{ channelId: string; body: Record<string, unknown> }>;
  /** The initial response type of each Discord button press, in order (5: a new message follows; 6/7: the pressed message is updated). */
  discordButtonTypes: number[];
  close(): Promise<void>;
}

export interface ChatHarnessOptions {
  /** More configuration (e.g. SLACK_CHANNEL_MANAGERS). */
  env?: Record<string, string>;
  /** Slack Web API methods beyond auth.test, by path after /slack/api/: the answer, or how to answer the call's arguments (a promise for a slow answer). */
  slackApi?: Record<string, unknown>;
  /** The bot token's scopes, sent as Slack sends them (`x-oauth-scopes`) on every Web API answer. */
  slackScopes?: string[];
  /**
   * Hold the `slackApi` methods Slack rates by tier (users.info, conversations.history, … as in
   * fake-slack.ts's SLACK_METHOD_TIERS) to their calls per minute (default true): a busy channel's
   * commands must meet the limits Slack would.
   */
  slackRateTiers?: boolean;
  /** Those tiers scaled down for a test that must meet them in seconds: at most `calls` per method in any `windowMs`. */
  slackTierScale?: { calls: number; windowMs: number };
  /** Slack Web API methods answered with another HTTP status (a 429 with Retry-After). */
  slackHttp?: Record<string, { status: number; headers?: Record<string, string>; body: unknown }>;
  /** The first this many answers to a response_url get a 500 (Slack having a bad moment). */
  failResponseUrl?: number;
  /**
   * The first answer to a response_url gets a 429 with this Retry-After (seconds), and so does
   * every answer until that time has passed: a limit over time, as Slack's.
   */
  rateLimitResponseUrl?: number;
  /**
   * Discord's interaction webhook (the edit of the deferred answer and its follow-ups) answers
   * 429 with `retryAfterSec` from the post after the first `afterPosts` (default 0) until that
   * time has passed.
   */
  rateLimitWebhook?: { retryAfterSec: number; afterPosts?: number };
  /** Writes to the stores before the app is composed. */
  seed?: (stores: Stores) => Promise<void>;
  /** The bot user's name as auth.test answers it (default paperboy): a workspace may install the app under another. */
  slackBotName?: string;
  /**
   * The Discord bot's username as `GET /users/@me` answers the bot token (DISCORD_TOKEN in `env`);
   * unset, that lookup is refused (401), as a wrong token is.
   */
  discordBotName?: string;
  /** The core's clock (when targets are added, which slot their first digest waits for); default: the system clock. */
  clock?: Clock;
  /** How long a command waits for the core before apologising; default 5 s (the service's is 8 s). */
  timeoutMs?: number;
  /**
   * How far the platforms' clock moves on with each message they accept on a response_url or an
   * interaction webhook (default 0): a core that took minutes between messages, so that a token's
   * 15 minutes (Discord) or a response_url's 30 run out mid-answer.
   */
  hookMinutesPerMessage?: number;
  /** How long a Slack command's answer may take before the bot posts "Still working on …" (default: the service's, 2 s). */
  slackProgressAfterMs?: number;
  /** Commands whose core work runs at once (default: the service's 8): fewer make later commands queue. */
  concurrency?: number;
  /** Discord refuses the bot a DM with anyone (50033): people who closed their DMs. */
  discordDmsClosed?: boolean;
  /** Where the chat side logs (default: nowhere): a test that asserts what an operator is told. */
  logger?: Logger;
}

/** Slack: a response_url takes 5 posts within 30 minutes. Discord: an interaction token lasts 15 minutes. */
export const RESPONSE_URL_USES = 5;

/** A `slackApi` users.info answering as Slack does, after `ms` (a slow moment): what the channel-manager check waits for. */
export const slowUserInfo = (ms: number) => async (args: Record<string, string>) => {
  await realSleep(ms);
  return { ok: true, user: slackUser(args.user ?? '') };
};
const RESPONSE_URL_MS = 30 * 60_000;
const INTERACTION_TOKEN_MS = 15 * 60_000;

export async function startChatHarness(opts: ChatHarnessOptions = {}): Promise<ChatHarness> {
  const key = discordTestKey();
  const answers: Array<{ path: string; body: Record<string, unknown> }> = [];
  const refused: string[] = [];
  let failures = 0;
  let limitedUntil: number | null = null;
  let webhookLimitedUntil: number | null = null;
  let webhookRateLimited = 0;
  let webhookPosts = 0;
  let discordUserLookups = 0;
  // The platforms' clock for response_urls and interaction tokens: when each was issued, and how often used.
  let hookNow = 0;
  const issued = new Map<string, number>();
  const uses = new Map<string, number>();
  const hookRefusals: Array<{ key: string; why: string }> = [];
  let lastKey = '';
  const hookKey = (path: string) => path.replace(/\/messages\/@original$/, '');
  /** Accepted calls of each tiered Slack method in the current window, oldest first. */
  const tierCalls = new Map<string, number[]>();
  const discordDms: ChatHarness['discordDms'] = [];
  const api: TestServer = await startHttpServer(async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const body = await readBody(req);
    // Decoded, as Discord reads it: discord.js sends `/users/%40me`.
    if (decodeURIComponent(url.pathname) === '/api/v10/users/@me' && req.method === 'GET') {
      discordUserLookups++;
      const known = opts.discordBotName !== undefined && req.headers.authorization === `Bot ${opts.env?.DISCORD_TOKEN}`;
      return known ? sendJson(res, 200, fakeBotUser(opts.discordBotName)) : sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
    }
    // A DM with a person, opened and posted in with the bot token (DISCORD_TOKEN), as Discord takes them.
    if (url.pathname === '/api/v10/users/@me/channels' && req.method === 'POST') {
      if (req.headers.authorization !== `Bot ${opts.env?.DISCORD_TOKEN}`) return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
      const recipient = String((JSON.parse(body) as { recipient_id?: unknown }).recipient_id ?? '');
      if (opts.discordDmsClosed) return sendJson(res, 400, { message: 'Invalid Recipient(s)', code: 50033 });
      return sendJson(res, 200, { id: `9${recipient.slice(1)}`, type: 1, recipients: [{ id: recipient }] });
    }
    const dmPost = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(url.pathname);
    if (dmPost && req.method === 'POST') {
      if (req.headers.authorization !== `Bot ${opts.env?.DISCORD_TOKEN}`) return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
      const message = JSON.parse(body) as Record<string, unknown>;
      const bad = checkMessage(message);
      if (bad) {
        refused.push(`${url.pathname}: ${bad}`);
        return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035 });
      }
      discordDms.push({ channelId: dmPost[1]!, body: message });
      return sendJson(res, 200, { id: String(1000 + discordDms.length), channel_id: dmPost[1], content: message.content ?? '' });
    }
    if (url.pathname === '/slack/api/auth.test') return sendJson(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', user: opts.slackBotName ?? 'paperboy' });
    const method = url.pathname.replace('/slack/api/', '');
    if (opts.slackScopes && url.pathname.startsWith('/slack/api/')) res.setHeader('x-oauth-scopes', opts.slackScopes.join(','));
    if (opts.slackApi && method in opts.slackApi) {
      // As Slack: a tiered method past its calls per minute (or the test's scaled window) is refused
      // with a 429 whose Retry-After is when the oldest call of the window leaves it.
      const perWindow = opts.slackRateTiers === false ? undefined : SLACK_METHOD_TIERS[method] === undefined ? undefined : (opts.slackTierScale?.calls ?? SLACK_METHOD_TIERS[method]);
      if (perWindow !== undefined) {
        const windowMs = opts.slackTierScale?.windowMs ?? 60_000;
        const now = Date.now();
        const recent = (tierCalls.get(method) ?? []).filter((t) => now - t < windowMs);
        tierCalls.set(method, recent);
        if (recent.length >= perWindow) {
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000))) });
          return void res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        }
        recent.push(now);
      }
      const answer = opts.slackApi[method];
      // The WebClient sends a call's arguments as a form.
      // An answer may take its time (a slow Slack): a function's promise is awaited.
      return sendJson(res, 200, typeof answer === 'function' ? await (answer as (args: Record<string, string>) => unknown)(Object.fromEntries(new URLSearchParams(body))) : answer);
    }
    const http = opts.slackHttp?.[method];
    if (http) {
      res.writeHead(http.status, { 'content-type': 'application/json', ...http.headers });
      return void res.end(JSON.stringify(http.body));
    }
    if (url.pathname.startsWith('/hook/') && opts.rateLimitResponseUrl !== undefined && (limitedUntil === null || Date.now() < limitedUntil)) {
      limitedUntil ??= Date.now() + opts.rateLimitResponseUrl * 1000;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(opts.rateLimitResponseUrl) });
      return void res.end(JSON.stringify({ ok: false, error: 'rate_limited' }));
    }
    if (url.pathname.startsWith('/hook/') && failures < (opts.failResponseUrl ?? 0)) {
      failures++;
      return sendJson(res, 500, { ok: false, error: 'internal_error' });
    }
    const followUp = req.method === 'POST' && /^\/api\/v10\/webhooks\/\d+\/[^/]+$/.test(url.pathname);
    const webhookLimit = opts.rateLimitWebhook;
    if ((req.method === 'PATCH' || followUp) && webhookLimit && webhookPosts++ >= (webhookLimit.afterPosts ?? 0) && (webhookLimitedUntil === null || Date.now() < webhookLimitedUntil)) {
      // As Discord: the webhook's bucket spent, said in its headers and in `retry_after`.
      webhookLimitedUntil ??= Date.now() + webhookLimit.retryAfterSec * 1000;
      const wait = Math.max(0.001, (webhookLimitedUntil - Date.now()) / 1000);
      webhookRateLimited++;
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(Math.ceil(wait)),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': wait.toFixed(3),
        'x-ratelimit-reset': ((Date.now() + wait * 1000) / 1000).toFixed(3),
        'x-ratelimit-bucket': 'fake-interaction-webhook',
        'x-ratelimit-scope': 'user',
      });
      return void res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: wait, global: false }));
    }
    if (url.pathname.startsWith('/hook/') || req.method === 'PATCH' || followUp) {
      const key = hookKey(decodeURIComponent(url.pathname));
      const age = hookNow - (issued.get(key) ?? hookNow);
      if (url.pathname.startsWith('/hook/')) {
        // As Slack: a response_url past its 5 uses or its 30 minutes is refused (404, the error as text).
        const used = (uses.get(key) ?? 0) + 1;
        uses.set(key, used);
        const why = used > RESPONSE_URL_USES ? 'used_url' : age > RESPONSE_URL_MS ? 'expired_url' : null;
        if (why) {
          hookRefusals.push({ key, why });
          res.writeHead(404, { 'content-type': 'text/plain' });
          return void res.end(why);
        }
      } else if (age > INTERACTION_TOKEN_MS) {
        // As Discord: an interaction token past its 15 minutes no longer authorises its webhook.
        hookRefusals.push({ key, why: 'Invalid Webhook Token' });
        return sendJson(res, 401, { message: 'Invalid Webhook Token', code: 50027 });
      }
      const parsed = JSON.parse(body) as Record<string, unknown>;
      // As the platforms: a response_url answers 400 with the error as text; Discord 400 50035.
      const discord = req.method === 'PATCH' || followUp;
      const bad = discord ? checkMessage(parsed) : slackRefusal(parsed);
      if (bad) {
        refused.push(`${url.pathname}: ${bad}`);
        if (discord) return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { [bad]: { _errors: [{ code: 'BASE_TYPE_INVALID' }] } } });
        res.writeHead(400, { 'content-type': 'text/plain' });
        return void res.end(bad);
      }
      answers.push({ path: decodeURIComponent(url.pathname), body: parsed });
      hookNow += (opts.hookMinutesPerMessage ?? 0) * 60_000;
      return sendJson(res, 200, discord ? { id: '1', channel_id: '2', content: '', embeds: [], components: [] } : { ok: true });
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
  const chat: RunningChat = await startChat({
    config,
    logger: opts.logger ?? silentLogger(),
    services: app.commands,
    host: '127.0.0.1',
    timeoutMs: opts.timeoutMs ?? 5000,
    health: async () => ({ status: 'ok', checks: {} }),
    ...(opts.slackProgressAfterMs === undefined ? {} : { slackProgressAfterMs: opts.slackProgressAfterMs }),
    ...(opts.concurrency === undefined ? {} : { concurrency: opts.concurrency }),
  });

  const client = remoteClient();
  let seq = 0;
  // What a person sees come first that is not the answer: the bot's "Still working on …" for a slow one.
  const isNotice = (body: Record<string, unknown>) => typeof body.text === 'string' && body.text.startsWith('Still working on ');
  const answerOn = async (path: string) =>
    JSON.stringify(
      await vi.waitFor(
        () => {
          const hit = answers.find((a) => a.path === path && !isNotice(a.body));
          if (!hit) throw new Error('no answer yet');
          return hit.body;
        },
        { timeout: 10_000, interval: 20 },
      ),
    );
  const sendSlack = async (text: string, userId = 'U0ADA', channelId = 'C0001') => {
    const path = `/hook/${++seq}`;
    issued.set((lastKey = path), hookNow);
    const body = slashCommandBody({ text, userId, channelId, responseUrl: `${api.url}${path}` });
    // Sent from another thread, as Slack is another machine: the ack is timed when it is written.
    const res = await client.fetch(`${chat.http!.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, body), body });
    expect(res.status).toBe(200);
    expect(res.ms, `ack of /papers ${text.slice(0, 80)}`).toBeLessThan(ACK_DEADLINE_MS);
    return { path, acked: res.body };
  };
  /** A signed block_actions press on a button labelled `label`, under an ephemeral message in `channelId`. */
  const pressSlack = async (actionId: string, value: string, userId = 'U0ADA', channelId = 'C0001', label = 'x') => {
    const path = `/hook/${++seq}`;
    issued.set((lastKey = path), hookNow);
    const body = blockActionBody({
      type: 'block_actions',
      user: { id: userId, username: 'ada', team_id: 'T0001' },
      api_app_id: 'A0001',
      token: 'x',
      team: { id: 'T0001', domain: 'example' },
      channel: { id: channelId, name: 'general' },
      container: { type: 'message', message_ts: '1.2', channel_id: channelId, is_ephemeral: true },
      trigger_id: '1.2.3',
      response_url: `${api.url}${path}`,
      actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: '1.3', text: { type: 'plain_text', text: label } }],
    });
    const res = await client.fetch(`${chat.http!.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, body), body });
    expect(res.status).toBe(200);
    expect(res.ms, `ack of ${actionId}`).toBeLessThan(ACK_DEADLINE_MS);
    return { path };
  };
  const discordButtonTypes: number[] = [];
  return {
    app,
    discordDms,
    refused,
    discordButtonTypes,
    discordUserLookups: () => discordUserLookups,
    webhookRateLimited: () => webhookRateLimited,
    slackSend: sendSlack,
    slackNotices: (path) => answers.filter((a) => (path === undefined || a.path === path) && isNotice(a.body)).map((a) => a.body),
    slackPosts: (path) => answers.filter((a) => a.path === path).map((a) => a.body),
    async slack(text, userId = 'U0ADA', channelId = 'C0001') {
      const { path, acked } = await sendSlack(text, userId, channelId);
      // A usage problem is answered in the acknowledgement itself; the rest through response_url.
      if (!acked.trim()) return answerOn(path);
      const bad = slackRefusal(JSON.parse(acked) as Record<string, unknown>);
      if (bad) refused.push(`ack: ${bad}`);
      return acked;
    },
    slackPress: pressSlack,
    async slackButton(actionId, value, userId = 'U0ADA', channelId = 'C0001') {
      return answerOn((await pressSlack(actionId, value, userId, channelId)).path);
    },
    async discordButton(customId, where = {}) {
      const n = ++seq;
      issued.set((lastKey = `/api/v10/webhooks/42/tok${n}`), hookNow);
      const user = { id: where.userId ?? '123456789012345678', username: 'ada', discriminator: '0', global_name: 'Ada', avatar: null };
      const from = where.dm ? { channel_id: '444444444444444444', user } : { channel_id: '555555555555555555', guild_id: '777', member: { user, permissions: '0', roles: [] } };
      const body = JSON.stringify({ id: `900${n}`, application_id: '42', type: 3, token: `tok${n}`, version: 1, ...from, message: { id: '1' }, data: { custom_id: customId, component_type: 2 } });
      const res = await client.fetch(`${chat.http!.url}/discord/interactions`, { method: 'POST', headers: signedDiscordHeaders(key, body), body });
      expect(res.status).toBe(200);
      expect(res.ms, 'initial response to a button').toBeLessThan(ACK_DEADLINE_MS);
      discordButtonTypes.push((JSON.parse(res.body) as { type: number }).type);
      return answerOn(`/api/v10/webhooks/42/tok${n}/messages/@original`);
    },
    async discord(options, permissions = '16', where = {}) {
      const n = ++seq;
      issued.set((lastKey = `/api/v10/webhooks/42/tok${n}`), hookNow);
      const user = { id: where.userId ?? '123456789012345678', username: 'ada', discriminator: '0', global_name: 'Ada', avatar: null };
      // A DM interaction has no guild and names its caller as `user`, not as a guild `member`.
      const from = where.dm ? { channel_id: '444444444444444444', user } : { channel_id: '555555555555555555', guild_id: '777', member: { user, permissions, roles: [] } };
      // The bot's own permissions in the channel, as Discord sends them with every interaction.
      const app = where.appPermissions === undefined ? {} : { app_permissions: where.appPermissions };
      const body = JSON.stringify({ id: `900${n}`, application_id: '42', type: 2, token: `tok${n}`, version: 1, ...from, ...app, data: { id: '1', name: 'papers', type: 1, options } });
      const res = await client.fetch(`${chat.http!.url}/discord/interactions`, { method: 'POST', headers: signedDiscordHeaders(key, body), body });
      expect(res.status).toBe(200);
      const initial = JSON.parse(res.body) as { type: number; data?: Record<string, unknown> };
      expect(res.ms, 'initial interaction response').toBeLessThan(ACK_DEADLINE_MS);
      // Answered at once (usage problems, help): the initial response carries the message.
      if (initial.type === 4) {
        const bad = checkMessage(initial.data ?? {});
        if (bad) refused.push(`initial response: ${bad}`);
        return JSON.stringify(initial.data);
      }
      return answerOn(`/api/v10/webhooks/42/tok${n}/messages/@original`);
    },
    answerMessages: (count) =>
      vi.waitFor(
        () => {
          const mine = answers.filter((a) => hookKey(a.path) === lastKey && !isNotice(a.body));
          if (mine.length < count) throw new Error(`${mine.length} of ${count} messages yet`);
          return mine.map((a) => a.body);
        },
        { timeout: 10_000, interval: 20 },
      ),
    hookRefusals,
    async close() {
      await client.close();
      await chat.close();
      await api.close();
      await app.close();
    },
  };
}

/**
 * A local fake of Discord's REST API (v10): channel messages, DM channels, threads (started on a
 * message, or forum posts; `GET /channels/{id}`, active threads of a guild), and interaction
 * webhooks (edit the original response, post a follow-up) in JSON or multipart form
 * (`payload_json` + `files[n]`, Discord's upload format, with its file count and size limits). It checks the
 * `Bot` token and message limits, answers like Discord (JSON error bodies with codes, 429 with
 * Retry-After, `retry_after` and `global`, the X-RateLimit-* headers of Discord's rate-limit docs),
 * honours `nonce` (at most 25 characters) + `enforce_nonce`, counts invalid requests (401, 403 and
 * 429 but a shared one: 10,000 in 10 minutes earn a ban), and records every accepted message. Faults can be queued per route, including "accept, then
 * drop the connection".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBytes, readJson, sendJson, startHttpServer, type TestServer } from './http-server.js';

export type DiscordFault =
  | { kind: 'status'; status: number; code?: number; message?: string }
  /**
   * A 429 as Discord's rate-limit docs show them: `user` (the route's bucket is spent: Remaining
   * 0, Reset-After = the wait; the default), `shared` (a per-resource limit: the route's bucket
   * still has room and resets soon, but Retry-After can be far longer; not counted as invalid),
   * or `global`.
   */
  | { kind: 'rate-limit'; retryAfterSec: number; scope?: 'user' | 'shared' | 'global' }
  | { kind: 'drop-after-accept' }
  | { kind: 'drop-before-accept' };

export interface DiscordPost {
  id: string;
  channelId: string;
  body: Record<string, any>;
  at: number;
}

/** A file part of a multipart request (`files[n]`). */
export interface DiscordUploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** An interaction response edit or follow-up, as the webhook received it. */
export interface DiscordWebhookMessage {
  appId: string;
  token: string;
  /** 'edit-original' (PATCH …/messages/@original) or 'follow-up' (POST). */
  kind: 'edit-original' | 'follow-up';
  body: Record<string, any>;
  files: DiscordUploadedFile[];
}

/** Discord's default upload limits: 10 files per message, 10 MiB per file. */
export const DISCORD_UPLOAD_LIMITS = { files: 10, fileBytes: 10 * 1024 * 1024 } as const;

export interface FakeDiscordOptions {
  token?: string;
  channels?: string[];
  /** Channels the bot can see but not post in (403 Missing Access). */
  noAccess?: string[];
  users?: string[];
  latencyMs?: number;
  /**
   * How far the fake's clock moves on with each message an interaction webhook accepts (default 0):
   * an interaction token lasts 15 minutes from the interaction, after which its webhook answers
   * 401 Invalid Webhook Token (50027).
   */
  webhookMinutesPerMessage?: number;
  /** Per-channel posts per second before 429 (Discord: 5 per 5 s); off when undefined. */
  perChannelPerSec?: number;
  /**
   * The per-channel bucket of `POST /channels/{id}/messages` as Discord runs it: `limit` posts per
   * window of `windowMs` from the first, announced on every answer in X-RateLimit-Limit /
   * Remaining / Reset / Reset-After / Bucket, so a client that reads them never meets the 429.
   * Default DISCORD_MESSAGE_BUCKET (5 per 5 s, what Discord's headers announce for this route);
   * `false` only where a test or benchmark says why.
   */
  messageBucket?: { limit: number; windowMs: number } | false;
  /**
   * Requests per second across the bot, in one-second windows; beyond it a 429 with
   * X-RateLimit-Global / X-RateLimit-Scope: global. Default DISCORD_GLOBAL_PER_SEC (50, Discord's
   * documented global limit; interaction callbacks and webhooks are not bound to it, as in Discord).
   * `false` only where a test or benchmark says why.
   */
  globalPerSec?: number | false;
  /** Forum channels (type 15): they take posts (threads with a first message), not messages. */
  forums?: string[];
  /**
   * Permission bits paperboy is denied in a channel (a member overwrite on it, as a server admin
   * sets one), by channel id; the bot's role has View Channel, Send Messages, Embed Links and the
   * thread permissions everywhere else. Without View Channel, `GET /channels/{id}` and posts
   * answer 403 50001 Missing Access, as Discord does; without Send Messages (Send Messages in
   * Threads in its threads, Create Public Threads to start one) 403 50013 Missing Permissions.
   */
  denied?: Record<string, bigint>;
}

/** `POST /channels/{id}/messages`: 5 per 5 s per channel, as Discord's X-RateLimit-* headers announce it. */
export const DISCORD_MESSAGE_BUCKET = { limit: 5, windowMs: 5_000 } as const;
/** "All bots can make up to 50 requests per second to our API" (Discord's rate-limits page). */
export const DISCORD_GLOBAL_PER_SEC = 50;

/** Discord's permission bits the fake's guild hands out (names as in discord.js PermissionFlagsBits). */
const BITS = { ViewChannel: 1n << 10n, SendMessages: 1n << 11n, EmbedLinks: 1n << 14n, ReadMessageHistory: 1n << 16n, CreatePublicThreads: 1n << 35n, SendMessagesInThreads: 1n << 38n };

/** The bot's user id and its role in the fake guild. */
export const FAKE_DISCORD_BOT = { userId: '400000000000000001', roleId: '500000000000000001' } as const;

/**
 * `GET /users/@me` as Discord answers a bot token: a user object (Discord's user resource, "Get
 * Current User"; discord-api-types' APIUser), with `username` the bot's name.
 */
export function fakeBotUser(username = 'paperboy'): Record<string, unknown> {
  return {
    id: FAKE_DISCORD_BOT.userId,
    username,
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
    banner: null,
    accent_color: null,
    flags: 0,
    public_flags: 0,
    mfa_enabled: false,
    locale: 'en-US',
    verified: true,
    email: null,
  };
}

/** A thread, as Discord opened it: started on a message (id = that message's) or a forum post. */
export interface DiscordThread {
  id: string;
  parentId: string;
  name: string;
}

export interface FakeDiscord {
  /** For `new REST({ api })`: no version suffix. */
  apiUrl: string;
  server: TestServer;
  posts: DiscordPost[];
  /** Interaction responses received on the webhook routes (no bot token: the path's token authorises). */
  webhookMessages: DiscordWebhookMessage[];
  /** Webhook posts refused because their interaction token had expired, by token. */
  expiredTokenUses: string[];
  /** Initial interaction responses (`POST /interactions/{id}/{token}/callback`) Discord accepted. */
  interactionCallbacks: Array<{ id: string; token: string; body: Record<string, any> }>;
  /** Interactions (by id) whose initial response came after Discord's 3 s: refused as Unknown interaction (10062). */
  lateCallbacks: string[];
  rateLimited: number;
  /** 429s from the global limit (the rest are per-channel). */
  globalRateLimited: number;
  /** Invalid requests as Discord counts them toward its ban: 401, 403 and 429 (but a shared 429). */
  invalidRequests: number;
  /** Threads opened, oldest first. */
  threads: DiscordThread[];
  fail(route: 'messages' | 'dm' | 'history' | 'threads', faults: DiscordFault[]): void;
  close(): Promise<void>;
}

const EPOCH = 1420070400000n;
let inc = 0n;
function snowflake(): string {
  inc = (inc + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - EPOCH) << 22n) | inc).toString();
}

/** When a snowflake (an interaction's id, say) was made, in ms since 1970. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + EPOCH);
}

/** Discord: an interaction's initial response within 3 s of it, or the interaction is gone. */
export const INTERACTION_RESPONSE_MS = 3000;

/** Discord's message limits; returns the offending field or null. */
export function checkMessage(body: Record<string, any>): string | null {
  if ((body.content ?? '').length > 2000) return 'content';
  const embeds: any[] = body.embeds ?? [];
  if (embeds.length > 10) return 'embeds';
  let total = 0;
  for (const e of embeds) {
    // A string field that is sent must hold text (discord.js's builders refuse '' as the API does),
    // and an embed must show something.
    if ([e.title, e.description, e.footer?.text, e.author?.name].some((v) => v === '')) return 'embeds.empty_field';
    if (!e.title && !e.description && !(e.fields ?? []).length && !e.author?.name && !e.footer?.text && !e.image && !e.thumbnail) return 'embeds.empty';
    if ((e.title ?? '').length > 256) return 'embeds.title';
    if ((e.description ?? '').length > 4096) return 'embeds.description';
    if ((e.footer?.text ?? '').length > 2048) return 'embeds.footer';
    if ((e.author?.name ?? '').length > 256) return 'embeds.author';
    if ((e.fields ?? []).length > 25) return 'embeds.fields';
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length + (e.author?.name ?? '').length;
    for (const f of e.fields ?? []) {
      // Discord's embed limits: a field's name 256 characters, its value 1,024.
      if (!f.name || f.name.length > 256 || !f.value || f.value.length > 1024) return 'embeds.fields';
      total += f.name.length + f.value.length;
    }
  }
  if (total > 6000) return 'embeds.total';
  const rows: any[] = body.components ?? [];
  if (rows.length > 5) return 'components';
  const customIds = new Set<string>();
  for (const r of rows) {
    if (r.type !== 1 || (r.components ?? []).length > 5) return 'components.row';
    for (const b of r.components) {
      if (b.style === 5 ? !b.url || b.url.length > 512 : !b.custom_id || b.custom_id.length > 100) return 'components.button';
      // A button's label is at most 80 characters; custom_ids are unique within a message.
      if ((b.label ?? '').length > 80) return 'components.button.label';
      if (b.custom_id) {
        if (customIds.has(b.custom_id)) return 'components.custom_id.duplicate';
        customIds.add(b.custom_id);
      }
    }
  }
  if (!body.content && embeds.length === 0) return 'empty';
  return null;
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = opts.token ?? 'discord-test-token';
  const channels = new Set(opts.channels ?? ['100000000000000001']);
  const forums = new Set(opts.forums ?? []);
  const threads: DiscordThread[] = [];
  const threadOf = (id: string) => threads.find((t) => t.id === id);
  const GUILD = '300000000000000001';
  const denied = new Map(Object.entries(opts.denied ?? {}));
  const channelObject = (id: string) => {
    const t = threadOf(id);
    if (t) return { id, type: 11, guild_id: GUILD, parent_id: t.parentId, name: t.name, thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false } };
    const deny = denied.get(id);
    const overwrites = deny ? [{ id: FAKE_DISCORD_BOT.userId, type: 1, allow: '0', deny: String(deny) }] : [];
    return { id, type: forums.has(id) ? 15 : 0, guild_id: GUILD, name: `channel-${id}`, permission_overwrites: overwrites };
  };
  // @everyone may only read; the bot's role adds what a digest needs.
  const roles = [
    { id: GUILD, name: '@everyone', permissions: String(BITS.ViewChannel | BITS.ReadMessageHistory) },
    { id: FAKE_DISCORD_BOT.roleId, name: 'paperboy', permissions: String(BITS.SendMessages | BITS.EmbedLinks | BITS.CreatePublicThreads | BITS.SendMessagesInThreads) },
  ];
  const noAccess = new Set(opts.noAccess ?? []);
  /**
   * How Discord refuses the bot in `channel` (a thread takes its parent's overwrites): 403 50001
   * Missing Access without View Channel, 403 50013 Missing Permissions without `needed`; null
   * when it may. Both count as invalid requests.
   */
  const refusal = (channel: string, needed: bigint) => {
    const at = threadOf(channel)?.parentId ?? channel;
    const deny = denied.get(at) ?? 0n;
    const answer = noAccess.has(at) || deny & BITS.ViewChannel ? { message: 'Missing Access', code: 50001 } : deny & needed ? { message: 'Missing Permissions', code: 50013 } : null;
    return answer
      ? (res: ServerResponse) => {
          invalidRequests++;
          sendJson(res, 403, answer);
        }
      : null;
  };
  const users = new Set(opts.users ?? ['200000000000000001']);
  const dms = new Map<string, string>();
  const posts: DiscordPost[] = [];
  const byNonce = new Map<string, DiscordPost>();
  const faults = new Map<string, DiscordFault[]>();
  const perChannel = new Map<string, number[]>();
  let globalWindow: number[] = [];
  let rateLimited = 0;
  let globalRateLimited = 0;
  let invalidRequests = 0;
  /** Each channel's message bucket: posts left and when the window ends. */
  const buckets = new Map<string, { remaining: number; resetAt: number }>();
  const messageBucket = opts.messageBucket === false ? undefined : (opts.messageBucket ?? DISCORD_MESSAGE_BUCKET);
  const globalPerSec = opts.globalPerSec === false ? 0 : (opts.globalPerSec ?? DISCORD_GLOBAL_PER_SEC);

  /** The route's bucket headers (Discord sends them on most answers, 429s included). */
  const bucketHeaders = (limit: number, remaining: number, resetAfterSec: number): Record<string, string> => ({
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': ((Date.now() + resetAfterSec * 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': resetAfterSec.toFixed(3),
    'x-ratelimit-bucket': 'fake-channel-messages',
  });

  const tooMany = (res: ServerResponse, retryAfterSec: number, scope: 'user' | 'shared' | 'global', headers: Record<string, string> = {}) => {
    rateLimited++;
    if (scope === 'global') globalRateLimited++;
    // Discord: a 429 with X-RateLimit-Scope: shared is not counted toward the invalid-request ban.
    if (scope !== 'shared') invalidRequests++;
    res.writeHead(429, {
      'content-type': 'application/json',
      'retry-after': String(Math.ceil(retryAfterSec)),
      'x-ratelimit-scope': scope,
      ...(scope === 'global' ? { 'x-ratelimit-global': 'true' } : headers),
    });
    res.end(JSON.stringify({ message: scope === 'shared' ? 'The resource is being rate limited.' : 'You are being rate limited.', retry_after: retryAfterSec, global: scope === 'global' }));
  };

  /** A fault's 429, with the bucket headers its scope carries in Discord's examples. */
  const faultTooMany = (res: ServerResponse, fault: { retryAfterSec: number; scope?: 'user' | 'shared' | 'global' }) => {
    const scope = fault.scope ?? 'user';
    const limit = messageBucket?.limit ?? DISCORD_MESSAGE_BUCKET.limit;
    // user: this bucket is spent until Retry-After; shared: the bucket has room and resets within a second.
    return tooMany(res, fault.retryAfterSec, scope, scope === 'user' ? bucketHeaders(limit, 0, fault.retryAfterSec) : bucketHeaders(limit, limit - 1, Math.min(1, fault.retryAfterSec)));
  };

  const webhookMessages: DiscordWebhookMessage[] = [];
  const interactionCallbacks: FakeDiscord['interactionCallbacks'] = [];
  // Interaction tokens: when each was first seen (its callback, or else its first webhook use), on the fake's clock.
  let clockMs = 0;
  const tokenIssued = new Map<string, number>();
  const expiredTokenUses: string[] = [];
  const INTERACTION_TOKEN_MS = 15 * 60_000;
  const lateCallbacks: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const hook = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(decodeURIComponent(url.pathname));
    if (hook) return receiveWebhook(req, res, hook[1]!, hook[2]!, hook[3] ? 'edit-original' : 'follow-up');
    // The initial interaction response (the gateway path's reply/deferReply): 204, as Discord answers.
    const callback = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(url.pathname);
    if (callback && req.method === 'POST') {
      const body = await readJson(req);
      // As Discord: the initial response must come within 3 s of the interaction (its id is a
      // snowflake, so it says when), and an interaction takes one initial response.
      if (Date.now() - snowflakeTime(callback[1]!) > INTERACTION_RESPONSE_MS) {
        lateCallbacks.push(callback[1]!);
        return sendJson(res, 404, { message: 'Unknown interaction', code: 10062 });
      }
      if (interactionCallbacks.some((c) => c.id === callback[1])) return sendJson(res, 400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      interactionCallbacks.push({ id: callback[1]!, token: callback[2]!, body });
      if (!tokenIssued.has(callback[2]!)) tokenIssued.set(callback[2]!, clockMs);
      res.writeHead(204);
      return void res.end();
    }
    const body = req.method === 'POST' ? await readJson(req) : {};
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    if (req.headers.authorization !== `Bot ${token}`) {
      invalidRequests++;
      return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
    }
    if (globalPerSec > 0) {
      // Fixed one-second windows, as Discord's global bucket resets each second.
      const second = Math.floor(Date.now() / 1000);
      if (globalWindow[0] !== second) globalWindow = [second, 0];
      if ((globalWindow[1] ?? 0) >= globalPerSec) return tooMany(res, (1000 - (Date.now() % 1000)) / 1000, 'global');
      globalWindow[1] = (globalWindow[1] ?? 0) + 1;
    }
    // Decoded, as Discord reads it: discord.js sends `/users/%40me`.
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const msgMatch = /^\/channels\/(\d+)\/messages$/.exec(path);
    const threadMatch = /^\/channels\/(\d+)(?:\/messages\/(\d+))?\/threads$/.exec(path);
    const route = msgMatch ? (req.method === 'POST' ? 'messages' : 'history') : path === '/users/@me/channels' ? 'dm' : threadMatch ? 'threads' : 'other';
    const fault = faults.get(route)?.shift();
    if (fault?.kind === 'status') return sendJson(res, fault.status, { message: fault.message ?? 'fake error', code: fault.code ?? 0 });
    if (fault?.kind === 'rate-limit') return faultTooMany(res, fault);
    if (fault?.kind === 'drop-before-accept') return void res.socket?.destroy();

    if (route === 'dm' && req.method === 'POST') {
      const user = String(body.recipient_id ?? '');
      if (!users.has(user)) return sendJson(res, 400, { message: 'Invalid Recipient(s)', code: 50033 });
      let id = dms.get(user);
      if (!id) dms.set(user, (id = snowflake()));
      return sendJson(res, 200, { id, type: 1, recipients: [{ id: user }] });
    }
    const known = (id: string) => channels.has(id) || forums.has(id) || threadOf(id) !== undefined;
    const channelGet = /^\/channels\/(\d+)$/.exec(path);
    if (channelGet && req.method === 'GET') {
      if (!known(channelGet[1]!)) return sendJson(res, 404, { message: 'Unknown Channel', code: 10003 });
      if ((denied.get(channelGet[1]!) ?? 0n) & BITS.ViewChannel) {
        invalidRequests++;
        return sendJson(res, 403, { message: 'Missing Access', code: 50001 });
      }
      return sendJson(res, 200, channelObject(channelGet[1]!));
    }
    if (path === '/users/@me' && req.method === 'GET') return sendJson(res, 200, fakeBotUser());
    const guildPart = /^\/guilds\/(\d+)\/(roles|members\/(\d+))$/.exec(path);
    if (guildPart && req.method === 'GET') {
      if (guildPart[1] !== GUILD) return sendJson(res, 404, { message: 'Unknown Guild', code: 10004 });
      if (guildPart[2] === 'roles') return sendJson(res, 200, roles);
      if (guildPart[3] !== FAKE_DISCORD_BOT.userId) return sendJson(res, 404, { message: 'Unknown Member', code: 10007 });
      return sendJson(res, 200, { user: { id: FAKE_DISCORD_BOT.userId }, roles: [FAKE_DISCORD_BOT.roleId] });
    }
    const active = /^\/guilds\/(\d+)\/threads\/active$/.exec(path);
    if (active && req.method === 'GET') {
      if (active[1] !== GUILD) return sendJson(res, 404, { message: 'Unknown Guild', code: 10004 });
      return sendJson(res, 200, { threads: threads.map((t) => channelObject(t.id)), members: [] });
    }
    if (threadMatch && req.method === 'POST') {
      const [, parentId, messageId] = threadMatch;
      if (!known(parentId!)) return sendJson(res, 404, { message: 'Unknown Channel', code: 10003 });
      const refused = refusal(parentId!, BITS.CreatePublicThreads);
      if (refused) return refused(res);
      const name = typeof body.name === 'string' ? body.name : '';
      if (name.length < 1 || name.length > 100) return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } });
      if (messageId) {
        // A thread from a message takes the message's id; a message opens at most one thread.
        if (forums.has(parentId!)) return sendJson(res, 400, { message: 'Cannot execute action on this channel type', code: 50024 });
        if (!posts.some((p) => p.id === messageId && p.channelId === parentId)) return sendJson(res, 404, { message: 'Unknown Message', code: 10008 });
        if (threadOf(messageId)) return sendJson(res, 400, { message: 'A thread has already been created for this message', code: 160004 });
        threads.push({ id: messageId, parentId: parentId!, name });
        return sendJson(res, 201, channelObject(messageId));
      }
      if (!forums.has(parentId!)) return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { type: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } });
      const message = (body.message ?? null) as Record<string, any> | null;
      const bad = message ? checkMessage(message) : 'message';
      if (bad) return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { [`message.${bad}`]: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
      // A forum post: the thread and its first message share one id.
      const id = snowflake();
      threads.push({ id, parentId: parentId!, name });
      posts.push({ id, channelId: id, body: message!, at: Date.now() });
      if (fault?.kind === 'drop-after-accept') return void res.socket?.destroy();
      return sendJson(res, 201, { ...channelObject(id), message: { id, channel_id: id, content: message!.content ?? '', embeds: message!.embeds ?? [] } });
    }
    if (msgMatch) {
      const channelId = msgMatch[1]!;
      const isDm = [...dms.values()].includes(channelId);
      if (forums.has(channelId)) return sendJson(res, 400, { message: 'Cannot send messages in a non-text channel', code: 50008 });
      if (!isDm && !channels.has(channelId) && !threadOf(channelId)) return sendJson(res, 404, { message: 'Unknown Channel', code: 10003 });
      if (!isDm) {
        // Reading takes View Channel alone here; posting in a thread takes Send Messages in Threads instead of Send Messages.
        const refused = refusal(channelId, req.method === 'GET' ? 0n : threadOf(channelId) ? BITS.SendMessagesInThreads : BITS.SendMessages);
        if (refused) return refused(res);
      }
      if (req.method === 'GET') {
        const after = BigInt(url.searchParams.get('after') ?? '0');
        const limit = Number(url.searchParams.get('limit') ?? '50');
        // Discord: limit 1-100 (default 50); `after` returns the messages right after it, newest first.
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
          return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { limit: { _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 100.' }] } } });
        }
        // Message objects as GET returns them: no nonce.
        const list = posts
          .filter((p) => p.channelId === channelId && BigInt(p.id) > after)
          .slice(0, limit)
          .reverse()
          .map((p) => ({ id: p.id, channel_id: channelId, content: p.body.content ?? '', embeds: p.body.embeds ?? [], components: p.body.components ?? [] }));
        return sendJson(res, 200, list);
      }
      const bad = checkMessage(body);
      if (bad) return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { [bad]: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
      // Discord: a nonce is an integer or a string of at most 25 characters.
      if (body.nonce !== undefined && String(body.nonce).length > 25) return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { nonce: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } });
      if (messageBucket) {
        const { limit, windowMs } = messageBucket;
        const now = Date.now();
        let bucket = buckets.get(channelId);
        if (!bucket || now >= bucket.resetAt) buckets.set(channelId, (bucket = { remaining: limit, resetAt: now + windowMs }));
        const resetAfter = (bucket.resetAt - now) / 1000;
        if (bucket.remaining <= 0) return tooMany(res, resetAfter, 'user', bucketHeaders(limit, 0, resetAfter));
        bucket.remaining--;
        for (const [k, v] of Object.entries(bucketHeaders(limit, bucket.remaining, resetAfter))) res.setHeader(k, v);
      }
      if (body.enforce_nonce && body.nonce) {
        // A map, not a scan of every post: the scale bench posts 100,000 messages.
        const dup = byNonce.get(`${channelId}|${String(body.nonce)}`);
        if (dup) return sendJson(res, 200, { id: dup.id, channel_id: channelId, content: dup.body.content, nonce: dup.body.nonce });
      }
      if (opts.perChannelPerSec) {
        const now = Date.now();
        const recent = (perChannel.get(channelId) ?? []).filter((t) => now - t < 1000);
        // Spent until the oldest post of the second leaves it: announced as Discord announces a bucket.
        if (recent.length >= opts.perChannelPerSec) {
          const wait = (recent[0]! + 1000 - now) / 1000;
          return tooMany(res, wait, 'user', bucketHeaders(opts.perChannelPerSec, 0, wait));
        }
        recent.push(now);
        perChannel.set(channelId, recent);
        if (!messageBucket) for (const [k, v] of Object.entries(bucketHeaders(opts.perChannelPerSec, opts.perChannelPerSec - recent.length, (recent[0]! + 1000 - now) / 1000))) res.setHeader(k, v);
      }
      const id = snowflake();
      const post = { id, channelId, body, at: Date.now() };
      posts.push(post);
      if (body.nonce) byNonce.set(`${channelId}|${String(body.nonce)}`, post);
      if (fault?.kind === 'drop-after-accept') return void res.socket?.destroy();
      return sendJson(res, 200, { id, channel_id: channelId, content: body.content ?? '', embeds: body.embeds ?? [], nonce: body.nonce, author: { id: '1', bot: true } });
    }
    return sendJson(res, 404, { message: '404: Not Found', code: 0 });
  };

  const formError = (res: ServerResponse, field: string) =>
    sendJson(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { [field]: { _errors: [{ code: 'BASE_TYPE_INVALID' }] } } });

  const receiveWebhook = async (req: IncomingMessage, res: ServerResponse, appId: string, token: string, kind: DiscordWebhookMessage['kind']): Promise<void> => {
    const raw = await readBytes(req);
    if (!tokenIssued.has(token)) tokenIssued.set(token, clockMs);
    if (clockMs - tokenIssued.get(token)! > INTERACTION_TOKEN_MS) {
      expiredTokenUses.push(token);
      return sendJson(res, 401, { message: 'Invalid Webhook Token', code: 50027 });
    }
    if ((kind === 'edit-original' && req.method !== 'PATCH') || (kind === 'follow-up' && req.method !== 'POST')) return sendJson(res, 405, { message: '405: Method Not Allowed', code: 0 });
    const type = req.headers['content-type'] ?? '';
    let body: Record<string, any>;
    const files: DiscordUploadedFile[] = [];
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      const payload = form.get('payload_json');
      try {
        body = typeof payload === 'string' ? (JSON.parse(payload) as Record<string, any>) : {};
      } catch {
        return formError(res, 'payload_json');
      }
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') continue;
        if (!/^files\[\d+\]$/.test(field)) return formError(res, field);
        const file = value as Blob & { name?: string };
        const data = Buffer.from(await file.arrayBuffer());
        if (data.length > DISCORD_UPLOAD_LIMITS.fileBytes) return sendJson(res, 413, { message: 'Request entity too large', code: 40005 });
        files.push({ field, filename: file.name ?? '', contentType: file.type, data });
      }
      if (files.length > DISCORD_UPLOAD_LIMITS.files) return formError(res, 'files');
      // `attachments[].id` names the `files[id]` part it describes.
      for (const a of (body.attachments ?? []) as Array<{ id: number | string }>) {
        if (!files.some((f) => f.field === `files[${String(a.id)}]`)) return formError(res, 'attachments');
      }
    } else {
      try {
        body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, any>) : {};
      } catch {
        return sendJson(res, 400, { message: '400: Bad Request', code: 50109 });
      }
    }
    const bad = checkMessage(body);
    // A message may be files alone.
    if (bad && !(bad === 'empty' && files.length > 0)) return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { [bad]: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
    webhookMessages.push({ appId, token, kind, body, files });
    clockMs += (opts.webhookMinutesPerMessage ?? 0) * 60_000;
    const attachments = files.map((f, i) => ({ id: snowflake(), filename: f.filename, size: f.data.length, content_type: f.contentType, url: `https://cdn.discordapp.example/attachments/${i}/${f.filename}` }));
    return sendJson(res, 200, { id: snowflake(), channel_id: '0', content: body.content ?? '', embeds: body.embeds ?? [], components: body.components ?? [], attachments, webhook_id: appId });
  };

  const server = await startHttpServer(handle);
  return {
    apiUrl: `${server.url}/api`,
    server,
    posts,
    threads,
    webhookMessages,
    expiredTokenUses,
    interactionCallbacks,
    lateCallbacks,
    get rateLimited() {
      return rateLimited;
    },
    get globalRateLimited() {
      return globalRateLimited;
    },
    get invalidRequests() {
      return invalidRequests;
    },
    fail(route, list) {
      faults.set(route, [...(faults.get(route) ?? []), ...list]);
    },
    close: () => server.close(),
  };
}

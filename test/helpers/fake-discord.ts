/**
 * A local fake of Discord's REST API (v10): channel messages, DM channels. It checks the
 * `Bot` token and message limits, answers like Discord (JSON error bodies with codes, 429 with
 * Retry-After and `retry_after`, rate-limit headers), honours `nonce` + `enforce_nonce`, and
 * records every accepted message. Faults can be queued per route, including "accept, then
 * drop the connection".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, startHttpServer, type TestServer } from './http-server.js';

export type DiscordFault =
  | { kind: 'status'; status: number; code?: number; message?: string }
  | { kind: 'rate-limit'; retryAfterSec: number }
  | { kind: 'drop-after-accept' }
  | { kind: 'drop-before-accept' };

export interface DiscordPost {
  id: string;
  channelId: string;
  body: Record<string, any>;
  at: number;
}

export interface FakeDiscordOptions {
  token?: string;
  channels?: string[];
  /** Channels the bot can see but not post in (403 Missing Access). */
  noAccess?: string[];
  users?: string[];
  latencyMs?: number;
  /** Per-channel posts per second before 429 (Discord: 5 per 5 s); off when undefined. */
  perChannelPerSec?: number;
  /** Requests per second across the bot (Discord: 50). */
  globalPerSec?: number;
}

export interface FakeDiscord {
  /** For `new REST({ api })`: no version suffix. */
  apiUrl: string;
  server: TestServer;
  posts: DiscordPost[];
  rateLimited: number;
  /** 429s from the global limit (the rest are per-channel). */
  globalRateLimited: number;
  fail(route: 'messages' | 'dm' | 'history', faults: DiscordFault[]): void;
  close(): Promise<void>;
}

const EPOCH = 1420070400000n;
let inc = 0n;
function snowflake(): string {
  inc = (inc + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - EPOCH) << 22n) | inc).toString();
}

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw ? (JSON.parse(raw) as Record<string, any>) : {};
}

/** Discord's message limits; returns the offending field or null. */
export function checkMessage(body: Record<string, any>): string | null {
  if ((body.content ?? '').length > 2000) return 'content';
  const embeds: any[] = body.embeds ?? [];
  if (embeds.length > 10) return 'embeds';
  let total = 0;
  for (const e of embeds) {
    if ((e.title ?? '').length > 256) return 'embeds.title';
    if ((e.description ?? '').length > 4096) return 'embeds.description';
    if ((e.footer?.text ?? '').length > 2048) return 'embeds.footer';
    if ((e.author?.name ?? '').length > 256) return 'embeds.author';
    if ((e.fields ?? []).length > 25) return 'embeds.fields';
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length + (e.author?.name ?? '').length;
    for (const f of e.fields ?? []) total += f.name.length + f.value.length;
  }
  if (total > 6000) return 'embeds.total';
  const rows: any[] = body.components ?? [];
  if (rows.length > 5) return 'components';
  for (const r of rows) {
    if (r.type !== 1 || (r.components ?? []).length > 5) return 'components.row';
    for (const b of r.components) {
      if (b.style === 5 ? !b.url : !b.custom_id || b.custom_id.length > 100) return 'components.button';
    }
  }
  if (!body.content && embeds.length === 0) return 'empty';
  return null;
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = opts.token ?? 'discord-test-token';
  const channels = new Set(opts.channels ?? ['100000000000000001']);
  const noAccess = new Set(opts.noAccess ?? []);
  const users = new Set(opts.users ?? ['200000000000000001']);
  const dms = new Map<string, string>();
  const posts: DiscordPost[] = [];
  const byNonce = new Map<string, DiscordPost>();
  const faults = new Map<string, DiscordFault[]>();
  const perChannel = new Map<string, number[]>();
  let globalWindow: number[] = [];
  let rateLimited = 0;
  let globalRateLimited = 0;

  const tooMany = (res: ServerResponse, retryAfterSec: number, global: boolean) => {
    rateLimited++;
    if (global) globalRateLimited++;
    res.writeHead(429, {
      'content-type': 'application/json',
      'retry-after': String(Math.ceil(retryAfterSec)),
      'x-ratelimit-scope': global ? 'global' : 'user',
      ...(global ? { 'x-ratelimit-global': 'true' } : {}),
    });
    res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: retryAfterSec, global }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const body = req.method === 'POST' ? await readJson(req) : {};
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    if (req.headers.authorization !== `Bot ${token}`) return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
    if (opts.globalPerSec) {
      // Fixed one-second windows, as Discord's global bucket resets each second.
      const second = Math.floor(Date.now() / 1000);
      if (globalWindow[0] !== second) globalWindow = [second, 0];
      if ((globalWindow[1] ?? 0) >= opts.globalPerSec) return tooMany(res, (1000 - (Date.now() % 1000)) / 1000, true);
      globalWindow[1] = (globalWindow[1] ?? 0) + 1;
    }
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const msgMatch = /^\/channels\/(\d+)\/messages$/.exec(path);
    const route = msgMatch ? (req.method === 'POST' ? 'messages' : 'history') : path === '/users/@me/channels' ? 'dm' : 'other';
    const fault = faults.get(route)?.shift();
    if (fault?.kind === 'status') return sendJson(res, fault.status, { message: fault.message ?? 'fake error', code: fault.code ?? 0 });
    if (fault?.kind === 'rate-limit') return tooMany(res, fault.retryAfterSec, false);
    if (fault?.kind === 'drop-before-accept') return void res.socket?.destroy();

    if (route === 'dm' && req.method === 'POST') {
      const user = String(body.recipient_id ?? '');
      if (!users.has(user)) return sendJson(res, 400, { message: 'Invalid Recipient(s)', code: 50033 });
      let id = dms.get(user);
      if (!id) dms.set(user, (id = snowflake()));
      return sendJson(res, 200, { id, type: 1, recipients: [{ id: user }] });
    }
    if (msgMatch) {
      const channelId = msgMatch[1]!;
      const isDm = [...dms.values()].includes(channelId);
      if (!isDm && !channels.has(channelId)) return sendJson(res, 404, { message: 'Unknown Channel', code: 10003 });
      if (!isDm && noAccess.has(channelId)) return sendJson(res, 403, { message: 'Missing Access', code: 50001 });
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
      if (body.enforce_nonce && body.nonce) {
        // A map, not a scan of every post: the scale bench posts 100,000 messages.
        const dup = byNonce.get(`${channelId}|${String(body.nonce)}`);
        if (dup) return sendJson(res, 200, { id: dup.id, channel_id: channelId, content: dup.body.content, nonce: dup.body.nonce });
      }
      if (opts.perChannelPerSec) {
        const now = Date.now();
        const recent = (perChannel.get(channelId) ?? []).filter((t) => now - t < 1000);
        if (recent.length >= opts.perChannelPerSec) return tooMany(res, 1, false);
        recent.push(now);
        perChannel.set(channelId, recent);
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

  const server = await startHttpServer(handle);
  return {
    apiUrl: `${server.url}/api`,
    server,
    posts,
    get rateLimited() {
      return rateLimited;
    },
    get globalRateLimited() {
      return globalRateLimited;
    },
    fail(route, list) {
      faults.set(route, [...(faults.get(route) ?? []), ...list]);
    },
    close: () => server.close(),
  };
}

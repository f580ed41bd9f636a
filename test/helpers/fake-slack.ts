/**
 * A local fake of the Slack Web API (chat.postMessage with threads (`thread_ts`),
 * conversations.open/history/replies, auth.test,
 * users.info, views.publish, and the file upload flow: files.getUploadURLExternal → POST to upload_url →
 * files.completeUploadExternal) on a real
 * HTTP server. It checks the bearer token and Block Kit limits, answers like Slack (HTTP 200
 * with `ok:false` for platform errors, HTTP 429 + Retry-After when rate limited), and records
 * every accepted post. Faults can be queued per method, including "accept the post, then drop
 * the connection" — the lost response that makes naive retries post twice.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, sendText, startHttpServer, type TestServer } from './http-server.js';

export type SlackFault =
  /** Answer normally (lets a later fault hit the n-th call). */
  | { kind: 'none' }
  | { kind: 'error'; error: string }
  | { kind: 'status'; status: number }
  | { kind: 'rate-limit'; retryAfterSec: number }
  | { kind: 'drop-after-accept' }
  | { kind: 'hang-after-accept' }
  | { kind: 'drop-before-accept' };

export interface SlackPost {
  channel: string;
  ts: string;
  text: string;
  blocks: Array<Record<string, unknown>>;
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
  at: number;
  /** The parent's ts for a reply in a thread; absent for a top-level message. */
  threadTs?: string;
}

/** A file shared through files.completeUploadExternal. */
export interface SlackUpload {
  id: string;
  filename: string;
  title: string;
  /** Null: completed without a channel (a private file). */
  channel: string | null;
  initialComment: string | null;
  bytes: Buffer;
}

export interface FakeSlackOptions {
  token?: string;
  /** Channels that exist; the bot is a member of all unless listed in `notMember`. */
  channels?: string[];
  notMember?: string[];
  /** Users a DM can be opened with. */
  users?: string[];
  /** Delay before every answer (ms). */
  latencyMs?: number;
  /**
   * chat.postMessage's special tier: "generally allows posting one message per second per
   * channel", "short bursts >1 allowed" (docs.slack.dev/apis/web-api/rate-limits). A bucket per
   * channel of `perChannelPerSec + 2` posts refilled at `perChannelPerSec` a second; the post
   * beyond it gets HTTP 429 + Retry-After (whole seconds) + `ratelimited`, as Slack answers.
   * Default SLACK_POSTS_PER_CHANNEL_PER_SEC (1); `false` only where a test or benchmark says why.
   */
  perChannelPerSec?: number | false;
  /** The bot token's scopes, sent as `x-oauth-scopes` on every response (default: all paperboy asks for). */
  scopes?: string[];
  /**
   * Enforce SLACK_METHOD_TIERS (default true): a benchmark that opens 2,000 DMs in 20 s against
   * a fake that allows it measures nothing Slack would let happen. False only where a test or
   * benchmark says why.
   */
  rateTiers?: boolean;
  /**
   * The tiers scaled down for a test that must meet them in seconds: at most `calls` per method
   * (of those in SLACK_METHOD_TIERS) in any `windowMs`, Retry-After as Slack computes it.
   */
  tierScale?: { calls: number; windowMs: number };
  /** The bot user's name as auth.test answers it (`user`): a workspace may install the app under another. */
  botName?: string;
}

/**
 * Slack's per-method limits, per app per workspace, in requests per minute: Tier 3 is "50+ per
 * minute", Tier 4 "100+ per minute" (docs.slack.dev/apis/web-api/rate-limits). The floor of each
 * tier is enforced, over any 60 s, bursts allowed up to it. conversations.history is Tier 3 for
 * internal apps such as a self-hosted paperboy (commercially distributed non-Marketplace apps got
 * far less in 2025). chat.postMessage's special tier is `perChannelPerSec`; its workspace-wide
 * limit is not published, so it is not modelled.
 */
export const SLACK_METHOD_TIERS: Readonly<Record<string, number>> = {
  'conversations.open': 50,
  'conversations.history': 50,
  'users.info': 100,
  // The bot's answer to one person when a command's response_url refused it (held to Tier 4's floor).
  'chat.postEphemeral': 100,
  'views.publish': 100,
  'files.getUploadURLExternal': 100,
  'files.completeUploadExternal': 100,
};
const TIER_WINDOW_MS = 60_000;

/** chat.postMessage: one message per second per channel (Slack's rate-limits page). */
export const SLACK_POSTS_PER_CHANNEL_PER_SEC = 1;
/** The short burst tolerated above it: this many posts more than a second's worth. */
export const SLACK_POST_BURST = 2;

export const FULL_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'im:write', 'users:read', 'channels:history', 'groups:history', 'im:history'];

export interface FakeSlack {
  /** For `slackApiUrl`: ends with `/api/`. */
  apiUrl: string;
  server: TestServer;
  posts: SlackPost[];
  /** App Home views published (views.publish), oldest first. */
  views: Array<{ user: string; blocks: Array<Record<string, unknown>>; private_metadata?: string }>;
  /** Files completed (shared) through the upload flow. */
  uploads: SlackUpload[];
  /** Calls per method, including failed ones. */
  calls: Map<string, number>;
  rateLimited: number;
  fail(method: string, faults: SlackFault[]): void;
  /** Messages other members post in a channel (they page through history like any other). */
  chatter(channel: string, count: number): void;
  addChannel(id: string, member?: boolean): void;
  close(): Promise<void>;
}

/** Slack's largest file (1 GB); files.getUploadURLExternal refuses a longer `length`. */
const MAX_FILE_BYTES = 1024 * 1024 * 1024;

/** Block Kit's documented limits (block and element reference pages). */
const BLOCK_LIMITS = { blocks: 50, section: 3000, header: 150, button: 75, actionId: 255, blockId: 255, buttonUrl: 3000, buttonValue: 2000, contextText: 3000, totalChars: 13_000 };

/** A Web API call's arguments: a JSON body, or a form as Slack's clients send most calls. */
async function readArgs(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req);
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = v;
  return out;
}

function parseJsonField<T>(value: unknown): T | undefined {
  if (value === undefined || value === '') return undefined;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * A text object as Block Kit takes it: plain_text or mrkdwn, its text a string of 1 to `max`
 * characters (Slack: "must be more than 0 characters" for an empty one).
 */
function textObjectOk(value: unknown, max: number, plainOnly = false): boolean {
  const t = value as { type?: unknown; text?: unknown } | null | undefined;
  if (!t || typeof t.text !== 'string' || (t.type !== 'plain_text' && (plainOnly || t.type !== 'mrkdwn'))) return false;
  return t.text.length >= 1 && t.text.length <= max;
}

/** users.info's `user` for a member of the workspace (T0001) who is neither admin nor owner, as Slack answers it. */
export function slackUser(id: string) {
  return { id, team_id: 'T0001', is_admin: false, is_owner: false, is_primary_owner: false, is_stranger: false, deleted: false };
}

/** The Block Kit checks Slack applies (invalid_blocks / msg_blocks_too_long). */
export function checkBlocks(blocks: Array<Record<string, any>>): string | null {
  if (blocks.length > BLOCK_LIMITS.blocks) return 'invalid_blocks';
  let chars = 0;
  for (const b of blocks) {
    if (b.type === 'header') {
      if (!textObjectOk(b.text, BLOCK_LIMITS.header, true)) return 'invalid_blocks';
      chars += b.text.text.length;
    } else if (b.type === 'section') {
      if (!textObjectOk(b.text, BLOCK_LIMITS.section)) return 'invalid_blocks';
      chars += b.text.text.length;
    } else if (b.type === 'context') {
      if (!Array.isArray(b.elements) || b.elements.length < 1 || b.elements.length > 10) return 'invalid_blocks';
      for (const e of b.elements) {
        if (!textObjectOk(e, BLOCK_LIMITS.contextText)) return 'invalid_blocks';
        chars += String(e.text ?? '').length;
      }
    } else if (b.type === 'actions') {
      if (!Array.isArray(b.elements) || b.elements.length < 1 || b.elements.length > 25) return 'invalid_blocks';
      const ids = new Set<string>();
      for (const e of b.elements) {
        if (e.type !== 'button' || !e.action_id || !textObjectOk(e.text, BLOCK_LIMITS.button, true)) return 'invalid_blocks';
        if (e.action_id.length > BLOCK_LIMITS.actionId || String(e.url ?? '').length > BLOCK_LIMITS.buttonUrl || String(e.value ?? '').length > BLOCK_LIMITS.buttonValue) return 'invalid_blocks';
        if (ids.has(e.action_id)) return 'invalid_blocks';
        ids.add(e.action_id);
        chars += e.text.text.length + String(e.url ?? '').length + String(e.value ?? '').length;
      }
    } else if (b.type !== 'divider') return 'invalid_blocks';
  }
  const blockIds = blocks.map((b) => b.block_id).filter(Boolean);
  if (new Set(blockIds).size !== blockIds.length || blockIds.some((id) => String(id).length > BLOCK_LIMITS.blockId)) return 'invalid_blocks';
  return chars > BLOCK_LIMITS.totalChars ? 'msg_blocks_too_long' : null;
}

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const token = opts.token ?? 'xoxb-test-token';
  const channels = new Set(opts.channels ?? ['C0001']);
  const notMember = new Set(opts.notMember ?? []);
  const users = new Set(opts.users ?? ['U0001']);
  const faults = new Map<string, SlackFault[]>();
  const posts: SlackPost[] = [];
  const calls = new Map<string, number>();
  /** Each channel's post bucket: posts it still takes and when it was last refilled. */
  const postBuckets = new Map<string, { tokens: number; at: number }>();
  const postRate = opts.perChannelPerSec === false ? 0 : Math.max(0, opts.perChannelPerSec ?? SLACK_POSTS_PER_CHANNEL_PER_SEC);
  /** Accepted calls of each tiered method in the last minute, oldest first. */
  const tierCalls = new Map<string, number[]>();
  const tiers = opts.rateTiers ?? true;
  let seq = 0;
  let rateLimited = 0;
  const scopes = opts.scopes ?? FULL_SCOPES;
  /** Messages from other members (`chatter`): in history, not in `posts`. */
  const others: SlackPost[] = [];
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
  const uploads: SlackUpload[] = [];
  const views: FakeSlack['views'] = [];
  /** Upload URLs handed out, by file id: declared length, bytes once POSTed, whether completed. */
  const pending = new Map<string, { filename: string; length: number; bytes: Buffer | null; done: boolean }>();

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    // The upload URL is pre-authorised (no token) and takes raw bytes or a multipart form.
    const upload = /^\/upload\/(F[A-Z0-9]+)$/.exec(url.pathname);
    if (upload) return receiveUpload(req, res, upload[1]!);
    const method = url.pathname.replace(/^\/api\//, '');
    calls.set(method, (calls.get(method) ?? 0) + 1);
    const body = await readArgs(req);
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    const auth = req.headers.authorization;
    if (!auth) return sendJson(res, 200, { ok: false, error: 'not_authed' });
    if (auth !== `Bearer ${token}`) return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
    // Slack names the token's scopes on every Web API response.
    res.setHeader('x-oauth-scopes', scopes.join(','));

    const fault = faults.get(method)?.shift();
    if (fault?.kind === 'error') return sendJson(res, 200, { ok: false, error: fault.error });
    if (fault?.kind === 'status') return sendJson(res, fault.status, { ok: false, error: 'fake_http_error' });
    if (fault?.kind === 'rate-limit') {
      rateLimited++;
      res.writeHead(429, { 'retry-after': String(fault.retryAfterSec), 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    }
    if (fault?.kind === 'drop-before-accept') return void res.socket?.destroy();
    const perWindow = tiers && SLACK_METHOD_TIERS[method] ? (opts.tierScale?.calls ?? SLACK_METHOD_TIERS[method]) : undefined;
    const windowMs = opts.tierScale?.windowMs ?? TIER_WINDOW_MS;
    if (perWindow) {
      const now = Date.now();
      const recent = (tierCalls.get(method) ?? []).filter((t) => now - t < windowMs);
      tierCalls.set(method, recent);
      if (recent.length >= perWindow) {
        rateLimited++;
        // As Slack: wait until the oldest call of the window has left it.
        res.writeHead(429, { 'retry-after': String(Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000))), 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      }
      recent.push(now);
    }

    switch (method) {
      case 'chat.postMessage': {
        const channel = String(body.channel ?? '');
        const blocks = parseJsonField<Array<Record<string, unknown>>>(body.blocks) ?? [];
        const metadata = parseJsonField<SlackPost['metadata']>(body.metadata) ?? null;
        const text = String(body.text ?? '');
        if (!channel) return sendJson(res, 200, { ok: false, error: 'channel_not_found' });
        const isDm = channel.startsWith('D');
        if (!isDm && !channels.has(channel)) return sendJson(res, 200, { ok: false, error: 'channel_not_found' });
        if (!isDm && notMember.has(channel)) return sendJson(res, 200, { ok: false, error: 'not_in_channel' });
        if (!text && blocks.length === 0) return sendJson(res, 200, { ok: false, error: 'no_text' });
        if (text.length > 40_000) return sendJson(res, 200, { ok: false, error: 'msg_too_long' });
        const blockError = checkBlocks(blocks);
        if (blockError) return sendJson(res, 200, { ok: false, error: blockError });
        if (postRate > 0) {
          // A burst of a few is tolerated, like Slack; posting faster than the rate for longer is refused.
          const now = Date.now();
          const capacity = postRate + SLACK_POST_BURST;
          const bucket = postBuckets.get(channel) ?? { tokens: capacity, at: now };
          bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * postRate);
          bucket.at = now;
          postBuckets.set(channel, bucket);
          if (bucket.tokens < 1) {
            rateLimited++;
            // Slack's Retry-After is whole seconds: until the bucket holds a post again.
            res.writeHead(429, { 'retry-after': String(Math.max(1, Math.ceil((1 - bucket.tokens) / postRate))), 'content-type': 'application/json' });
            return void res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          }
          bucket.tokens -= 1;
        }
        const threadTs = body.thread_ts === undefined || body.thread_ts === '' ? undefined : String(body.thread_ts);
        // As Slack: a reply names an existing message of the same channel (a reply's ts means its thread).
        const parent = threadTs === undefined ? undefined : [...posts, ...others].find((p) => p.channel === channel && p.ts === threadTs);
        if (threadTs !== undefined && !parent) return sendJson(res, 200, { ok: false, error: 'thread_not_found' });
        const ts = nextTs();
        posts.push({ channel, ts, text, blocks, metadata, at: Date.now(), ...(parent ? { threadTs: parent.threadTs ?? parent.ts } : {}) });
        if (fault?.kind === 'drop-after-accept') return void res.socket?.destroy();
        if (fault?.kind === 'hang-after-accept') return;
        return sendJson(res, 200, { ok: true, channel, ts, message: { type: 'message', text, ts, bot_id: 'B0001', ...(parent ? { thread_ts: parent.threadTs ?? parent.ts } : {}) } });
      }
      case 'conversations.open': {
        const ids = String(body.users ?? '').split(',').filter(Boolean);
        if (ids.length !== 1 || !users.has(ids[0]!)) return sendJson(res, 200, { ok: false, error: 'user_not_found' });
        return sendJson(res, 200, { ok: true, channel: { id: `D${ids[0]!.slice(1)}` } });
      }
      case 'auth.test':
        return sendJson(res, 200, { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: opts.botName ?? 'paperboy', team_id: 'T0001', user_id: 'U0BOT', bot_id: 'B0001' });
      case 'conversations.history': {
        const channel = String(body.channel ?? '');
        const needed = channel.startsWith('D') ? 'im:history' : 'channels:history';
        if (!scopes.includes(needed)) return sendJson(res, 200, { ok: false, error: 'missing_scope', needed, provided: scopes.join(',') });
        if (!channel.startsWith('D') && !channels.has(channel)) return sendJson(res, 200, { ok: false, error: 'channel_not_found' });
        if (!channel.startsWith('D') && notMember.has(channel)) return sendJson(res, 200, { ok: false, error: 'not_in_channel' });
        // As Slack: newest first; `oldest`/`latest` exclusive unless `inclusive`; `limit` default
        // 100, at most 999; the cursor continues below the last message returned.
        const inclusive = String(body.inclusive) === 'true' || String(body.inclusive) === '1';
        const oldest = Number(body.oldest ?? 0);
        const cursor = body.cursor ? Buffer.from(String(body.cursor), 'base64').toString('utf8') : '';
        if (cursor && !/^next_ts:\d+\.\d+$/.test(cursor)) return sendJson(res, 200, { ok: false, error: 'invalid_cursor' });
        const below = cursor ? Number(cursor.slice('next_ts:'.length)) : body.latest ? Number(body.latest) : Number.POSITIVE_INFINITY;
        const belowInclusive = !cursor && inclusive;
        const limit = Math.min(999, Math.max(1, Number(body.limit ?? 100) || 100));
        const withMeta = String(body.include_all_metadata) === 'true';
        const inRange = [...posts, ...others]
          .filter((p) => {
            const t = Number(p.ts);
            // Replies live in their thread (conversations.replies), not in the channel's history.
            return p.channel === channel && p.threadTs === undefined && (inclusive ? t >= oldest : t > oldest) && (belowInclusive ? t <= below : t < below);
          })
          .sort((a, b) => Number(b.ts) - Number(a.ts));
        const page = inRange.slice(0, limit);
        const hasMore = inRange.length > limit;
        const messages = page.map((p) => ({ type: 'message', ts: p.ts, text: p.text, blocks: p.blocks, ...(withMeta && p.metadata ? { metadata: p.metadata } : {}) }));
        const next = hasMore ? Buffer.from(`next_ts:${page[page.length - 1]!.ts}`).toString('base64') : '';
        return sendJson(res, 200, { ok: true, messages, has_more: hasMore, pin_count: 0, response_metadata: { next_cursor: next } });
      }
      case 'conversations.replies': {
        const channel = String(body.channel ?? '');
        const needed = channel.startsWith('D') ? 'im:history' : 'channels:history';
        if (!scopes.includes(needed)) return sendJson(res, 200, { ok: false, error: 'missing_scope', needed, provided: scopes.join(',') });
        if (!channel.startsWith('D') && !channels.has(channel)) return sendJson(res, 200, { ok: false, error: 'channel_not_found' });
        const ts = String(body.ts ?? '');
        const parent = [...posts, ...others].find((p) => p.channel === channel && p.ts === ts);
        if (!parent) return sendJson(res, 200, { ok: false, error: 'thread_not_found' });
        const root = parent.threadTs ?? parent.ts;
        // As Slack: the parent first, then its replies oldest first; `oldest` exclusive unless
        // `inclusive`; the cursor continues after the last reply returned.
        const inclusive = String(body.inclusive) === 'true' || String(body.inclusive) === '1';
        const oldest = Number(body.oldest ?? 0);
        const cursor = body.cursor ? Buffer.from(String(body.cursor), 'base64').toString('utf8') : '';
        if (cursor && !/^after_ts:\d+\.\d+$/.test(cursor)) return sendJson(res, 200, { ok: false, error: 'invalid_cursor' });
        const after = cursor ? Number(cursor.slice('after_ts:'.length)) : null;
        const limit = Math.min(1000, Math.max(1, Number(body.limit ?? 1000) || 1000));
        const withMeta = String(body.include_all_metadata) === 'true';
        const head = [...posts, ...others].find((p) => p.channel === channel && p.ts === root)!;
        const replies = [...posts, ...others]
          .filter((p) => p.channel === channel && p.threadTs === root && (after !== null ? Number(p.ts) > after : inclusive ? Number(p.ts) >= oldest : Number(p.ts) > oldest))
          .sort((a, b) => Number(a.ts) - Number(b.ts));
        const page = [...(after === null ? [head] : []), ...replies].slice(0, limit);
        const hasMore = replies.length > page.filter((p) => p !== head).length;
        const shown = (p: SlackPost) => ({ type: 'message', ts: p.ts, thread_ts: root, text: p.text, blocks: p.blocks, ...(withMeta && p.metadata ? { metadata: p.metadata } : {}) });
        const next = hasMore ? Buffer.from(`after_ts:${page[page.length - 1]!.ts}`).toString('base64') : '';
        return sendJson(res, 200, { ok: true, messages: page.map(shown), has_more: hasMore, response_metadata: { next_cursor: next } });
      }
      case 'users.info': {
        const id = String(body.user ?? '');
        if (!users.has(id)) return sendJson(res, 200, { ok: false, error: 'user_not_found' });
        return sendJson(res, 200, { ok: true, user: slackUser(id) });
      }
      case 'views.publish': {
        const view = parseJsonField<{ type?: string; blocks?: Array<Record<string, unknown>>; private_metadata?: unknown }>(body.view);
        const user = String(body.user_id ?? '');
        if (!users.has(user)) return sendJson(res, 200, { ok: false, error: 'user_not_found' });
        // A Home tab takes 100 blocks, twice a message's 50.
        if (view?.type !== 'home' || !Array.isArray(view.blocks) || view.blocks.length > 100) return sendJson(res, 200, { ok: false, error: 'invalid_arguments' });
        // A view's private_metadata is a string of at most 3,000 characters (Slack's view reference), sent back with its presses.
        if (view.private_metadata !== undefined && (typeof view.private_metadata !== 'string' || view.private_metadata.length > 3000)) return sendJson(res, 200, { ok: false, error: 'invalid_arguments' });
        views.push({ user, blocks: view.blocks, ...(view.private_metadata !== undefined ? { private_metadata: view.private_metadata } : {}) });
        return sendJson(res, 200, { ok: true, view: { id: `V${++seq}`, type: 'home' } });
      }
      case 'files.getUploadURLExternal': {
        const filename = String(body.filename ?? '');
        const length = Number(body.length);
        if (!filename || body.length === undefined) return sendJson(res, 200, { ok: false, error: 'invalid_arguments' });
        // Slack: "missing_argument … typically only occurs when the length provided is 0".
        if (!Number.isInteger(length) || length <= 0) return sendJson(res, 200, { ok: false, error: 'missing_argument' });
        if (length > MAX_FILE_BYTES) return sendJson(res, 200, { ok: false, error: 'file_upload_size_restricted' });
        const fileId = `F${String(++seq).padStart(8, '0')}`;
        pending.set(fileId, { filename, length, bytes: null, done: false });
        return sendJson(res, 200, { ok: true, upload_url: `${server.url}/upload/${fileId}`, file_id: fileId });
      }
      case 'files.completeUploadExternal': {
        let files: Array<{ id?: string; title?: string }>;
        try {
          files = parseJsonField<Array<{ id?: string; title?: string }>>(body.files) ?? [];
        } catch {
          return sendJson(res, 200, { ok: false, error: 'invalid_arguments' });
        }
        if (!Array.isArray(files) || files.length === 0) return sendJson(res, 200, { ok: false, error: 'invalid_arguments' });
        const channel = body.channel_id === undefined || body.channel_id === '' ? null : String(body.channel_id);
        if (channel && !channel.startsWith('D') && !channels.has(channel)) return sendJson(res, 200, { ok: false, error: 'channel_not_found' });
        if (channel && !channel.startsWith('D') && notMember.has(channel)) return sendJson(res, 200, { ok: false, error: 'not_in_channel' });
        for (const f of files) {
          const p = f.id ? pending.get(f.id) : undefined;
          // Never uploaded, or completed already: Slack has no such file to share.
          if (!p || p.bytes === null || p.done) return sendJson(res, 200, { ok: false, error: 'file_not_found' });
        }
        const out = files.map((f) => {
          const p = pending.get(f.id!)!;
          p.done = true;
          const title = f.title ?? p.filename;
          uploads.push({ id: f.id!, filename: p.filename, title, channel, initialComment: body.initial_comment === undefined ? null : String(body.initial_comment), bytes: p.bytes! });
          return { id: f.id!, name: p.filename, title, size: p.bytes!.length };
        });
        return sendJson(res, 200, { ok: true, files: out });
      }
      default:
        return sendJson(res, 200, { ok: false, error: 'unknown_method' });
    }
  };

  const receiveUpload = async (req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const p = pending.get(fileId);
    if (!p || p.done || req.method !== 'POST') return sendText(res, 404, 'file not found', 'text/plain');
    let bytes = raw;
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string') as Blob | undefined;
      if (!part) return sendText(res, 400, 'no file part', 'text/plain');
      bytes = Buffer.from(await part.arrayBuffer());
    }
    // The declared length is what Slack reserved: other sizes are refused here.
    if (bytes.length !== p.length) return sendText(res, 400, `length mismatch: declared ${p.length}, got ${bytes.length}`, 'text/plain');
    p.bytes = bytes;
    sendText(res, 200, `OK - ${bytes.length}`, 'text/plain');
  };

  const server = await startHttpServer(handle);
  return {
    apiUrl: `${server.url}/api/`,
    server,
    posts,
    uploads,
    views,
    calls,
    get rateLimited() {
      return rateLimited;
    },
    fail(method, list) {
      faults.set(method, [...(faults.get(method) ?? []), ...list]);
    },
    chatter(channel, count) {
      for (let i = 0; i < count; i++) others.push({ channel, ts: nextTs(), text: `chatter ${i}`, blocks: [], metadata: null, at: Date.now() });
    },
    addChannel(id, member = true) {
      channels.add(id);
      if (!member) notMember.add(id);
    },
    close: () => server.close(),
  };
}

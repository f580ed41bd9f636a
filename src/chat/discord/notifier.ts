/**
 * Digest delivery to Discord through discord.js's REST client (no gateway needed). REST's
 * own 5xx retries are off: a retried POST whose first response was lost would post twice.
 * The delivery loop retries instead, after reading the channel for the part's dedupe key.
 * Each post also sends the key as `nonce` with `enforce_nonce`, so Discord itself drops a
 * duplicate that arrives within its nonce window.
 */
import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import { PlatformUnreachableError, type Notifier, type RenderedPart, type SendOutcome, type ThreadContext } from '../../core/ports.js';
import { couldNotReach } from '../../net/unreachable.js';
import { describeError } from '../../core/error-text.js';
import { parseAddress } from '../../core/targets/target-id.js';
import { dmResolver, type DmChannelCache } from '../text/dm-channel-cache.js';
import { authPause } from '../text/auth-pause.js';
import { snowflakeAt } from './snowflake.js';
import { createDiscordThreads } from './threads.js';

export interface DiscordNotifierOptions {
  token: string;
  /** DISCORD_API_URL, without version (tests point it at a local server). */
  apiUrl?: string;
  timeoutMs?: number;
  /** Longer rate-limit waits are handed back to the delivery loop instead of blocking in REST. */
  maxQueueWaitMs?: number;
  /**
   * Below Discord's 50/s: REST's one-second window is not aligned with Discord's, and every
   * 429 counts toward the invalid-request ban (10,000 per 10 minutes).
   */
  globalRequestsPerSecond?: number;
  /** Remembers DM channel ids across runs (DM opens share one rate-limit bucket). */
  dmChannels?: DmChannelCache;
}

/** Discord error codes meaning "this channel/user will not take our posts". */
const REJECTING_CODES = new Set([10003, 10013, 50001, 50007, 50013, 50033, 50083, 160005]);

export function discordOutcome(err: unknown): SendOutcome {
  if (err instanceof RateLimitError) return { status: 'rate-limited', retryAfterMs: Math.max(err.retryAfter, err.timeToReset, 1), error: `rate limited on ${err.route}` };
  if (err instanceof DiscordAPIError) {
    if (err.status === 429) return { status: 'rate-limited', retryAfterMs: 1000, error: 'rate limited' };
    // A bad token fails every target alike: not the target's fault, so none is marked broken.
    if (err.status === 401) return { status: 'failed', error: `401: ${describeError(err)} (check DISCORD_TOKEN)`, retryable: false };
    if (err.status === 403 || err.status === 404 || REJECTING_CODES.has(Number(err.code))) return { status: 'rejected', error: `${err.status} ${err.code}: ${describeError(err)}` };
    return { status: 'failed', error: `${err.status} ${err.code}: ${describeError(err)}`, retryable: err.status >= 500 };
  }
  if (err instanceof HTTPError) return { status: 'failed', error: `HTTP ${err.status}`, retryable: err.status >= 500 || err.status === 408 };
  // No connection made: said plainly, and the delivery loop knows the post cannot have landed.
  const unreachable = couldNotReach('Discord', err);
  if (unreachable) return { status: 'failed', error: unreachable, retryable: true, unreachable: true };
  // Timeouts (AbortError) and dropped connections: the post may or may not have landed.
  return { status: 'failed', error: `request failed: ${err instanceof Error ? `${err.name}: ` : ''}${describeError(err)}`, retryable: true };
}

export { snowflakeAt } from './snowflake.js';

interface ApiMessage {
  id: string;
  content?: string;
  nonce?: string | number;
  embeds?: Array<{ footer?: { text?: string } }>;
}

export function createDiscordRest(opts: DiscordNotifierOptions): REST {
  const maxWait = opts.maxQueueWaitMs ?? 60_000;
  return new REST({
    api: opts.apiUrl ?? 'https://discord.com/api',
    retries: 0,
    timeout: opts.timeoutMs ?? 15_000,
    // A 429 can ask for longer than its bucket's reset: Discord's per-resource ("shared") limits
    // answer Retry-After 1337 s while the route's bucket resets in a second. REST would sleep that
    // out inside the call, holding the digest job; longer waits go back to the delivery loop.
    rejectOnRateLimit: (data) => Math.max(data.timeToReset, data.retryAfter) > maxWait,
    globalRequestsPerSecond: opts.globalRequestsPerSecond ?? 45,
  }).setToken(opts.token);
}

/** Opens (or finds) the DM channel between the bot and a user: `POST /users/@me/channels`. */
export function openDiscordDm(rest: REST): (userId: string) => Promise<string> {
  return async (user) => ((await rest.post(Routes.userChannels(), { body: { recipient_id: user } })) as { id: string }).id;
}

export function createDiscordNotifier(opts: DiscordNotifierOptions, rest: REST = createDiscordRest(opts)): Notifier {
  const refused = authPause();
  const dmChannel = dmResolver(openDiscordDm(rest), opts.dmChannels);

  /** `discord:<channel>` -> channel; `discord:user:<id>` -> the DM channel with that user. */
  const channelOf = (address: string): Promise<string> => {
    const to = parseAddress(address);
    if (to?.platform !== 'discord' || !/^\d+$/.test(to.native)) return Promise.reject(new Error(`not a Discord address: ${address}`));
    return to.dm ? dmChannel(to.native) : Promise.resolve(to.native);
  };

  const threads = createDiscordThreads(rest);
  /**
   * The thread the digest's header opened; when the header is gone (10008 Unknown Message, or a
   * bare 404 on the thread route) the reply goes to the channel itself, whose own answer then
   * says whether the channel still takes posts: a deleted header is no refusal by the channel.
   */
  const threadOrChannel = async (channel: string, thread: ThreadContext): Promise<string> => {
    try {
      return await threads.open(channel, thread);
    } catch (err) {
      if (err instanceof DiscordAPIError && (Number(err.code) === 10008 || (err.status === 404 && !Number(err.code)))) return channel;
      throw err;
    }
  };

  return {
    platform: 'discord',

    async send(address: string, part: RenderedPart, thread?: ThreadContext): Promise<SendOutcome> {
      // After a 401 every request would fail too, and invalid requests count toward Discord's
      // IP ban (10,000 per 10 minutes): stop calling for a while instead.
      if (refused.active()) return { status: 'failed', error: 'DISCORD_TOKEN was refused (401) a moment ago; not calling Discord', retryable: false };
      try {
        const channel = await channelOf(address);
        const dm = parseAddress(address)?.dm === true;
        // A forum takes no plain messages: the digest's root is a forum post (a thread with its first message).
        if (part.thread === 'root' && !dm && (await threads.isForum(channel))) {
          return { status: 'sent', messageId: await threads.forumPost(channel, part.threadName ?? 'paperboy digest', part.payload as object) };
        }
        const body = { ...(part.payload as object), nonce: part.dedupeKey, enforce_nonce: true };
        // A DM has no threads: a reply there points at the digest's header instead.
        if (thread && dm) Object.assign(body, { message_reference: { message_id: thread.threadOf, fail_if_not_exists: false } });
        const to = thread && !dm ? await threadOrChannel(channel, thread) : channel;
        const msg = (await rest.post(Routes.channelMessages(to), { body })) as ApiMessage;
        return { status: 'sent', messageId: msg.id };
      } catch (err) {
        if (err instanceof DiscordAPIError && err.status === 401) refused.trip();
        return discordOutcome(err);
      }
    },

    async findPosted(address: string, dedupeKey: string, since: Date, thread?: ThreadContext): Promise<string | null> {
      try {
        if (!thread) {
          const channel = await channelOf(address);
          // A forum has no message history of its own: its posts are threads, each read in turn.
          if (parseAddress(address)?.dm !== true && (await threads.isForum(channel))) {
            return await threads.findForumPost(channel, since, (thread) => lookupIn(thread, dedupeKey, since));
          }
        }
        // A thread is a channel whose id is the root's (message threads and forum posts alike).
        return thread && parseAddress(address)?.dm !== true ? await lookupIn(thread.threadOf, dedupeKey, since) : await lookup(address, dedupeKey, since);
      } catch (err) {
        // The root's thread not yet opened (a crash between posting the root and opening it): nothing is in it.
        if (thread && err instanceof DiscordAPIError && err.status === 404) return null;
        // Without Read Message History nothing can be checked; the nonce still guards re-posts
        // within Discord's nonce window, so posting again beats never delivering.
        if (err instanceof DiscordAPIError && err.status === 403) return null;
        const unreachable = couldNotReach('Discord', err);
        throw unreachable ? new PlatformUnreachableError(unreachable, { cause: err }) : err;
      }
    },
  };

  async function lookup(address: string, dedupeKey: string, since: Date): Promise<string | null> {
    return lookupIn(await channelOf(address), dedupeKey, since);
  }

  async function lookupIn(channel: string, dedupeKey: string, since: Date): Promise<string | null> {
    {
      let after = snowflakeAt(since);
      // Pages of 100 (Discord's most) after `since`, as far as needed: the time bound, not a
      // page count, ends the walk, so a busy channel cannot hide a lost post.
      for (;;) {
        const query = new URLSearchParams({ after, limit: '100' });
        const messages = (await rest.get(Routes.channelMessages(channel), { query })) as ApiMessage[];
        for (const m of messages) {
          if (String(m.nonce ?? '') === dedupeKey || (m.content ?? '').includes(dedupeKey) || (m.embeds ?? []).some((e) => (e.footer?.text ?? '').includes(dedupeKey))) return m.id;
        }
        if (messages.length < 100) break;
        after = messages.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
      }
      return null;
    }
  }
}

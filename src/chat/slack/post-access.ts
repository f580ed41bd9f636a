/**
 * Whether the bot can post in a Slack channel, asked with conversations.history (limit 1): the
 * history scopes are ones paperboy has anyway (exactly-once after a lost response), and Slack
 * refuses a channel the bot is not in with the words chat.postMessage would use at digest time:
 * `channel_not_found` for a private channel (hidden from apps not in it), `not_in_channel` for
 * a public one, which the bot may still post in with chat:write.public.
 *
 * conversations.history is Tier 3 (50 calls a minute for the workspace, shared with the digest's
 * own history walks), so a busy workspace meets its limit. A channel known to take posts is
 * remembered for a while; a Retry-After of a second is waited out; a longer one is said plainly
 * rather than taken for "all is well".
 */
import type { webApi } from '@slack/bolt';
import { ErrorCode } from '@slack/web-api';
import { slackRateLimit } from './rate-limit.js';
import { realSleep, type Sleep } from '../../core/sleep.js';
import type { PostAccess } from '../commands/services.js';
import { letInText } from '../text/let-in.js';

type WebClient = webApi.WebClient;

/**
 * How long a channel's "can post" is trusted without asking again: a bot is rarely removed from
 * a channel, and a busy channel's channel commands would each spend a Tier 3 call. A refusal is
 * not remembered: whoever was told to /invite the app must see the warning go as soon as they did.
 */
export const KNOWN_POST_ACCESS_MS = 10 * 60_000;

/**
 * The longest Retry-After waited out before asking again: the answer waits two seconds for the
 * check after the command's own work (commands/post-access.ts), so a wait and a second call fit.
 */
export const SHORT_RETRY_AFTER_MS = 1000;

/** Slack's rate limits said in an ok:false answer rather than a 429 (no Retry-After then). */
const RATE_LIMITED = new Set(['ratelimited', 'rate_limited']);

/** Channels' answers remembered across commands: one per app (a command's check is built per command). */
export type PostAccessMemory = Map<string, { at: number; access: Promise<PostAccess> }>;

export function postAccessMemory(): PostAccessMemory {
  return new Map();
}

export interface SlackPostAccessOptions {
  /** Where known answers are kept between commands; without it, every check asks Slack. */
  memory?: PostAccessMemory;
  sleep?: Sleep;
  now?: () => number;
}

/** A refusal that is Slack's rate limit, with the wait it asked for (null: none said), or null. */
function rateLimit(err: unknown): { retryAfterMs: number | null } | null {
  const limited = slackRateLimit(err);
  if (limited) return limited;
  const e = err as { code?: unknown; data?: { error?: unknown } };
  if (e.code === ErrorCode.PlatformError && RATE_LIMITED.has(String(e.data?.error))) return { retryAfterMs: null };
  return null;
}

/**
 * `botName`: the app's name in this workspace when the caller knows it already (a command's
 * context); otherwise auth.test is asked, and only when there is a refusal to explain.
 */
export function slackPostAccess(client: WebClient, botName?: string, options: SlackPostAccessOptions = {}): (channel: string) => Promise<PostAccess> {
  const { memory, sleep = realSleep, now = Date.now } = options;
  const inviteText = async () => letInText('slack', undefined, botName ?? (await client.auth.test().then((r) => r.user, () => undefined)));
  const invite = async () => `${await inviteText()}; the digest comes here from then on.`;
  const ask = async (channel: string): Promise<PostAccess> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.conversations.history({ channel, limit: 1 });
        return { status: 'can-post' };
      } catch (err) {
        const limited = rateLimit(err);
        if (limited) {
          const wait = limited.retryAfterMs;
          if (attempt === 0 && wait !== null && wait <= SHORT_RETRY_AFTER_MS) {
            await sleep(wait);
            continue;
          }
          const again = wait === null ? 'a minute' : `${Math.ceil(wait / 1000)} s`;
          return { status: 'unknown', why: `Slack limited how often it may be asked; try again in ${again}`, fix: `If this is a private channel paperboy is not in, ${lowerFirst(await inviteText())}.` };
        }
        const data = (err as { data?: { error?: unknown; response_metadata?: { scopes?: string[] } } }).data;
        if (data?.error === 'channel_not_found') return { status: 'cannot-post', why: 'it is not in this channel; Slack: channel_not_found', fix: await invite() };
        if (data?.error === 'not_in_channel') {
          // Without the header's word, trust the manifest, which asks for chat:write.public.
          const scopes = data.response_metadata?.scopes;
          if (!scopes || scopes.includes('chat:write.public')) return { status: 'can-post' };
          return { status: 'cannot-post', why: 'it is not in this channel and may only post in channels it was invited to; Slack: not_in_channel', fix: await invite() };
        }
        return { status: 'unknown' };
      }
    }
  };
  if (!memory) return ask;
  return (channel) => {
    const hit = memory.get(channel);
    if (hit && now() - hit.at < KNOWN_POST_ACCESS_MS) return hit.access;
    // The question is kept while it is asked too: a busy channel's commands arriving together share it.
    const entry = { at: now(), access: ask(channel) };
    memory.set(channel, entry);
    void entry.access.then((access) => {
      if (access.status !== 'can-post' && memory.get(channel) === entry) memory.delete(channel);
    });
    return entry.access;
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

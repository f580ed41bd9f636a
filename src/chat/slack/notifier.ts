/**
 * Digest delivery to Slack through the Web API. The WebClient's own retries are turned off
 * (its default retries for ~30 minutes and can post a message twice when a response is lost):
 * the delivery loop owns retries and checks history before re-posting. Each post carries its
 * dedupe key as message metadata, and in a footer as a fallback.
 */
import { ErrorCode, LogLevel, WebClient, type FetchFunction, type WebAPICallError } from '@slack/web-api';
import { slackRateLimit } from './rate-limit.js';
import { HistoryUnavailableError, PlatformUnreachableError, type Notifier, type RenderedPart, type SendOutcome, type ThreadContext } from '../../core/ports.js';
import { parseAddress } from '../../core/targets/target-id.js';
import { dmResolver, type DmChannelCache } from '../text/dm-channel-cache.js';
import { authPause } from '../text/auth-pause.js';
import { realSleep, type Sleep } from '../../core/sleep.js';
import { couldNotReach } from '../../net/unreachable.js';
import { describeError } from '../../core/error-text.js';

export interface SlackNotifierOptions {
  token: string;
  /** SLACK_API_URL (tests point it at a local server). */
  apiUrl?: string;
  timeoutMs?: number;
  /** Ends every request still open when it aborts: a one-off check whose answer is no longer wanted. */
  signal?: AbortSignal;
  /** Remembers DM channel ids across runs (conversations.open is rate-limited). */
  dmChannels?: DmChannelCache;
  /** How long one history walk may wait out Slack's 429s in all (default 5 minutes). */
  historyRateLimitWaitMs?: number;
  sleep?: Sleep;
}

export const DIGEST_EVENT_TYPE = 'paperboy_digest_part';

/** Scopes that let findPosted read a conversation: public channels, private channels, DMs. */
export const HISTORY_SCOPES = ['channels:history', 'groups:history', 'im:history'] as const;

/** Operator-facing problems with a token that has `scopes` (Slack's `x-oauth-scopes`). */
export function scopeProblems(scopes: readonly string[]): string[] {
  const missing = HISTORY_SCOPES.filter((s) => !scopes.includes(s));
  if (!missing.length) return [];
  return [
    `SLACK_BOT_TOKEN lacks ${missing.join(', ')}: after a lost Slack response paperboy cannot read the conversation to tell whether a digest part was posted, so it does not post that part again (it may be missing, never duplicated). Add the scopes (slack-app-manifest.yaml lists them) and reinstall the app.`,
  ];
}

/** Errors that mean "this conversation will not take our posts": retrying now won't help. */
const REJECTING = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'team_access_not_granted',
  // chat.postMessage's docs: "Make sure your app is a member of the conversation it's attempting
  // to post a message to" — this conversation's refusal, not the token's.
  'no_permission',
]);
/** The bot's own credentials or scopes: every target would fail alike, so no target is blamed. */
const CREDENTIALS = new Set(['not_authed', 'invalid_auth', 'token_revoked', 'token_expired', 'account_inactive', 'missing_scope', 'not_allowed_token_type']);
/**
 * Of those, the token itself refused: no call can succeed, so calls pause (a missing scope still
 * lets others through). account_inactive is a bot token of a deleted workspace or bot user.
 */
export const TOKEN_REFUSED: ReadonlySet<string> = new Set(['not_authed', 'invalid_auth', 'token_revoked', 'token_expired', 'account_inactive']);
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org', 'org_login_required']);
/**
 * Rate limits said in an ok:false answer rather than a 429: `rate_limited` is in chat.postMessage's
 * own error list ("Application has posted too many messages"). No Retry-After comes with it, so
 * the wait is a long one rather than a retry every second into the same limit.
 */
const RATE_LIMITED = new Set(['ratelimited', 'rate_limited']);
export const NO_RETRY_AFTER_MS = 30_000;

/** Map a WebClient error to a delivery outcome. Exported for tests. */
export function slackOutcome(err: unknown): SendOutcome {
  const e = err as Partial<WebAPICallError> & { message?: string };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return { status: 'rate-limited', retryAfterMs: Math.max(1, (e as { retryAfter: number }).retryAfter) * 1000, error: 'ratelimited' };
    case ErrorCode.PlatformError: {
      const code = (e as { data: { error: string } }).data.error;
      if (RATE_LIMITED.has(code)) return { status: 'rate-limited', retryAfterMs: NO_RETRY_AFTER_MS, error: code };
      if (REJECTING.has(code)) return { status: 'rejected', error: code };
      if (CREDENTIALS.has(code)) return { status: 'failed', error: `${code} (check SLACK_BOT_TOKEN and the app's scopes)`, retryable: false };
      return { status: 'failed', error: code, retryable: TRANSIENT.has(code) };
    }
    case ErrorCode.HTTPError: {
      const status = (e as { statusCode: number }).statusCode;
      if (status === 403 || status === 404) return { status: 'rejected', error: `HTTP ${status}` };
      return { status: 'failed', error: `HTTP ${status}`, retryable: status >= 500 || status === 408 };
    }
    case ErrorCode.RequestError: {
      // No connection made: said plainly, and the delivery loop knows the post cannot have landed.
      const unreachable = couldNotReach('Slack', err);
      if (unreachable) return { status: 'failed', error: unreachable, retryable: true, unreachable: true };
      return { status: 'failed', error: `request failed: ${e.message ? describeError(err) : 'network error'}`, retryable: true };
    }
    default:
      return { status: 'failed', error: describeError(err), retryable: true };
  }
}

export function createSlackWebClient(opts: SlackNotifierOptions): WebClient {
  return new WebClient(opts.token, {
    slackApiUrl: opts.apiUrl,
    timeout: opts.timeoutMs ?? 15_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // Failures are reported through SendOutcome and our own logs; the client's console noise is not.
    logLevel: LogLevel.ERROR,
    // The client sets its own timeout signal per request; this one ends the request too.
    fetch: opts.signal ? withSignal(opts.signal) : undefined,
  });
}

function withSignal(signal: AbortSignal): FetchFunction {
  return (url, init) => fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}

interface HistoryMessage {
  ts?: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export function createSlackNotifier(opts: SlackNotifierOptions, client: WebClient = createSlackWebClient(opts)): Notifier {
  const refused = authPause();
  const dmChannel = dmResolver(async (user) => {
    const r = await client.conversations.open({ users: user });
    if (!r.channel?.id) throw new Error(`conversations.open gave no channel for ${user}`);
    return r.channel.id;
  }, opts.dmChannels);

  // The token's scopes as Slack last reported them (x-oauth-scopes, on every response).
  let scopes: string[] | null = null;
  const noteScopes = (res: { response_metadata?: { scopes?: string[] } }) => {
    if (res.response_metadata?.scopes) scopes = res.response_metadata.scopes;
  };
  let checked = false;

  /** `slack:C123` -> C123; `slack:U123` -> the DM channel opened with that user. */
  const conversationOf = (address: string): Promise<string> => {
    const to = parseAddress(address);
    if (to?.platform !== 'slack') return Promise.reject(new Error(`not a Slack address: ${address}`));
    return to.dm ? dmChannel(to.native) : Promise.resolve(to.native);
  };

  return {
    platform: 'slack',

    async send(address: string, part: RenderedPart, thread?: ThreadContext): Promise<SendOutcome> {
      // A refused token fails every target alike: pause instead of failing thousands of calls.
      if (refused.active()) return { status: 'failed', error: 'SLACK_BOT_TOKEN was refused a moment ago; not calling Slack', retryable: false };
      const payload = part.payload as { text: string; blocks: unknown[] };
      try {
        const channel = await conversationOf(address);
        const res = await client.chat.postMessage({
          channel,
          text: payload.text,
          blocks: payload.blocks as never,
          // A reply in the digest's thread: the root's ts, as the ledger recorded it.
          ...(thread ? { thread_ts: thread.threadOf } : {}),
          metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { dedupe_key: part.dedupeKey, part: part.part, total_parts: part.totalParts } },
          unfurl_links: false,
          unfurl_media: false,
          link_names: false,
        });
        noteScopes(res);
        if (!res.ts) return { status: 'failed', error: 'chat.postMessage answered without ts', retryable: true };
        return { status: 'sent', messageId: res.ts };
      } catch (err) {
        if (TOKEN_REFUSED.has((err as { data?: { error?: string } }).data?.error ?? '')) refused.trip();
        return slackOutcome(err);
      }
    },

    async findPosted(address: string, dedupeKey: string, since: Date, thread?: ThreadContext): Promise<string | null> {
      try {
        return await lookup(address, dedupeKey, since, thread);
      } catch (err) {
        // Without a history scope nothing can be checked, and chat.postMessage has no
        // idempotency key: posting again would duplicate every post whose response was lost.
        const data = (err as { data?: { error?: string; needed?: string } }).data;
        if (data?.error === 'missing_scope' || data?.error === 'not_allowed_token_type') {
          throw new HistoryUnavailableError(`Slack refused conversations.history: ${data.error}${data.needed ? ` (needs ${data.needed})` : ''}`);
        }
        const unreachable = couldNotReach('Slack', err);
        throw unreachable ? new PlatformUnreachableError(unreachable, { cause: err }) : err;
      }
    },

    async accessProblems(): Promise<string[]> {
      if (checked) return [];
      if (!scopes) {
        try {
          noteScopes(await client.auth.test());
        } catch (err) {
          const code = (err as { data?: { error?: string } }).data?.error;
          // Not a scope problem: no call at all can succeed with this token.
          if (code && TOKEN_REFUSED.has(code)) return [`SLACK_BOT_TOKEN was refused by Slack (${code}): no digest can be posted to Slack; set the bot token (xoxb-…) of the installed app and restart`];
          return [`could not check SLACK_BOT_TOKEN's scopes (auth.test): ${couldNotReach('Slack', err) ?? describeError(err)}`];
        }
      }
      checked = true;
      return scopes ? scopeProblems(scopes) : [];
    },
  };

  /**
   * One page of history, waiting out a 429 as Slack asks (Retry-After) and asking for the same
   * page again. conversations.history is Tier 3 (50+ calls a minute per workspace): a walk under
   * thousands of messages meets the limit mid-way, and a walk restarted from its first page would
   * meet it again at the same depth, never reaching the post it looks for.
   */
  async function page<T>(call: () => Promise<T>): Promise<T> {
    const budget = opts.historyRateLimitWaitMs ?? 5 * 60_000;
    for (let waited = 0; ; ) {
      try {
        return await call();
      } catch (err) {
        const limit = slackRateLimit(err);
        if (!limit) throw err;
        const ms = Math.max(1000, limit.retryAfterMs ?? 1000);
        if (waited + ms > budget) throw err;
        waited += ms;
        await (opts.sleep ?? realSleep)(ms);
      }
    }
  }

  async function lookup(address: string, dedupeKey: string, since: Date, thread?: ThreadContext): Promise<string | null> {
    {
      const channel = await conversationOf(address);
      let cursor: string | undefined;
      const oldest = (since.getTime() / 1000).toFixed(6);
      // Every page back to `since`, however busy the channel: `oldest` bounds the walk by time
      // (a crash at 09:00 resumed hours later may sit under thousands of other messages).
      // Replies are not in the channel's history: a thread is read with conversations.replies.
      for (;;) {
        const res = await page(() =>
          thread
            ? client.conversations.replies({ channel, ts: thread.threadOf, oldest, limit: 200, include_all_metadata: true, cursor })
            : client.conversations.history({ channel, oldest, limit: 200, include_all_metadata: true, cursor }),
        );
        noteScopes(res);
        for (const m of (res.messages ?? []) as HistoryMessage[]) {
          const key = m.metadata?.event_payload?.dedupe_key;
          if (key === dedupeKey || (m.text ?? '').includes(dedupeKey) || JSON.stringify(m.blocks ?? []).includes(dedupeKey)) return m.ts ?? null;
        }
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!res.has_more || !cursor) break;
      }
      return null;
    }
  }
}

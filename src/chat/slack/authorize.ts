/**
 * Who the bot is, for Bolt: auth.test once, remembered only when it succeeds. Bolt's own
 * single-token authorisation calls auth.test when the app is built and keeps that promise for
 * good, so a token Slack refused (or a network blip at start) left every later command
 * unanswered, with an unhandled rejection in the log and nothing in /healthz. Here a refused
 * token is said once, in words, and reported as a problem until a later check succeeds.
 */
import type { Authorize } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../core/ports.js';
import { TOKEN_REFUSED } from './notifier.js';
import { describeError } from '../../core/error-text.js';

export interface SlackAuthorization {
  authorize: Authorize<boolean>;
  /** Checks the token now (at start); never throws. */
  check(): Promise<void>;
  /** Why Slack cannot be served, while the token is refused; null otherwise. */
  problem(): string | null;
}

/** How long a request waits for auth.test before going on without the bot's identity (Slack allows 3 s for the ack). */
export const IDENTITY_WAIT_MS = 1000;

export function createSlackAuthorization(client: WebClient, token: string, logger: Logger): SlackAuthorization {
  // botName: what /invite takes in this workspace (let-in.ts), which may not be paperboy's own.
  type BotIdentity = { botId: string | undefined; botUserId: string | undefined; botName: string | undefined };
  let known: BotIdentity | null = null;
  let pending: Promise<BotIdentity> | null = null;
  let refused: string | null = null;

  const whoAmI = (): Promise<BotIdentity> => {
    pending ??= client.auth
      .test({ token })
      .then((r) => {
        if (refused) logger.info('slack: SLACK_BOT_TOKEN is accepted again');
        refused = null;
        const me: BotIdentity = { botId: r.bot_id, botUserId: r.user_id, botName: r.user };
        known = me;
        return me;
      })
      .catch((err: unknown) => {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code && TOKEN_REFUSED.has(code)) {
          const first = refused === null;
          refused = `SLACK_BOT_TOKEN was refused by Slack (${code}): /papers cannot be answered and no digest can be posted to Slack; set the bot token (xoxb-…) of the installed app and restart`;
          if (first) logger.error({ operatorAction: true }, `slack: ${refused}`);
        }
        throw err;
      })
      .finally(() => {
        pending = null;
      });
    return pending!;
  };

  return {
    authorize: async () => {
      if (known) return { botToken: token, ...known };
      // Bolt authorises a request before its listener can ack it, so this wait is spent from
      // Slack's 3 s. A command answers through response_url and needs no identity: past a
      // short wait, or with Slack's API down, it goes on without one (its answer then names the
      // app in general words); only a token Slack refused stops it.
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<null>((resolve) => {
        timer = setTimeout(resolve, IDENTITY_WAIT_MS, null);
      });
      const me = await Promise.race([
        whoAmI().catch((err: unknown) => {
          if (refused) throw err;
          return null;
        }),
        gaveUp,
      ]).finally(() => clearTimeout(timer));
      return { botToken: token, ...(me ?? {}) };
    },
    async check() {
      try {
        await whoAmI();
      } catch (err) {
        // A refused token was said above; anything else (Slack unreachable) is checked again at the first command.
        if (!refused) logger.warn({ err: describeError(err) }, 'slack: could not check SLACK_BOT_TOKEN (auth.test); it is checked again at the first command');
      }
    },
    problem: () => refused,
  };
}

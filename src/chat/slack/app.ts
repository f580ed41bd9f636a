/**
 * The Bolt app. HTTP mode (signing secret) hands its request listener to our one HTTP server
 * (src/http/server.ts) so Slack, Discord and /healthz share PORT; Socket Mode (app token)
 * needs no public URL. SLACK_API_URL points the WebClient at a local fake in tests.
 */
import { App, HTTPReceiver, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { createSlackAuthorization } from './authorize.js';
import type { RequestListener } from 'node:http';
import type { Logger } from '../../core/ports.js';
import type { HandlerDeps } from '../commands/handle.js';
import { registerActions } from './actions/index.js';
import { registerPapersCommand } from './commands/papers.js';
import type { SlackContext } from './context.js';
import { registerHome } from './home.js';
import { dmResolver } from '../text/dm-channel-cache.js';
import { openSlackDm } from './upload.js';
import { createSlackManagerCheck } from './permissions.js';
import type { RejectionReporter } from '../../http/rejections.js';
import { slackRequestGate } from './verify.js';
import { slackMode, type SlackConfig, type SlackMode } from './mode.js';
import { describeError } from '../../core/error-text.js';

export { slackMode, type SlackMode } from './mode.js';

/** Bolt's logger interface over ours, so Slack's logs are structured like everything else. */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const join = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => logger.debug({ component: 'slack' }, join(msg)),
    info: (...msg) => logger.info({ component: 'slack' }, join(msg)),
    warn: (...msg) => logger.warn({ component: 'slack' }, join(msg)),
    error: (...msg) => logger.error({ component: 'slack' }, join(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export interface SlackChat {
  mode: Exclude<SlackMode, 'off'>;
  app: App;
  /** HTTP mode: serve this at /slack/events. */
  requestListener: RequestListener | null;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Why Slack cannot be served now (its token refused), for /healthz; null when it can. */
  problem(): string | null;
}

export function createSlackChat(options: { config: SlackConfig; logger: Logger; deps: HandlerDeps; onRejected?: RejectionReporter; progressAfterMs?: number }): SlackChat | null {
  const { config, logger, deps } = options;
  const mode = slackMode(config);
  if (mode === 'off') return null;
  const log = boltLogger(logger);
  const clientOptions = {
    slackApiUrl: config.SLACK_API_URL,
    // A command answer is useless after minutes; Bolt's default retries for ~30 min.
    retryConfig: { retries: 2, factor: 1.5, minTimeout: 200, maxTimeout: 2000 },
    // A 429 is said at once instead of waited out: waiting held the command past its answer
    // (a rate-limited users.info became "database down") and paused every other call of this
    // client meanwhile. Callers say "try again in a minute".
    rejectRateLimitedCalls: true,
  };
  let receiver: HTTPReceiver | null = null;
  let app: App;
  const client = new WebClient(config.SLACK_BOT_TOKEN!, { ...clientOptions, logger: log });
  // Our own authorisation, not Bolt's token option: see authorize.ts.
  const auth = createSlackAuthorization(client, config.SLACK_BOT_TOKEN!, logger);
  if (mode === 'http') {
    receiver = new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, endpoints: '/slack/events', logger: log });
    app = new App({ authorize: auth.authorize, receiver, clientOptions, logger: log });
  } else {
    app = new App({ authorize: auth.authorize, appToken: config.SLACK_APP_TOKEN!, socketMode: true, clientOptions, logger: log });
  }
  const ctx: SlackContext = { deps, logger, isManager: createSlackManagerCheck(client, config.SLACK_CHANNEL_MANAGERS), dmChannel: dmResolver((user) => openSlackDm(client, user)), progressAfterMs: options.progressAfterMs };
  registerPapersCommand(app, ctx);
  registerActions(app, ctx);
  registerHome(app, ctx);
  app.error(async (err) => {
    logger.error({ err: describeError(err), code: err.code }, 'slack: unhandled listener error');
  });
  return {
    mode,
    app,
    requestListener: receiver
      ? slackRequestGate(receiver.requestListener, { signingSecret: config.SLACK_SIGNING_SECRET!, onRejected: (reason) => options.onRejected?.('slack', reason) })
      : null,
    // In HTTP mode our server owns the port: starting Bolt would open a second one.
    start: async () => {
      await auth.check();
      if (mode === 'socket') await app.start();
    },
    problem: auth.problem,
    stop: async () => {
      if (mode === 'socket') await app.stop();
    },
  };
}

/**
 * The chat front door, started once by the composition root: Slack (HTTP or Socket Mode),
 * Discord (gateway and/or HTTP interactions) and the HTTP server they share with /healthz and
 * /metrics. Everything is optional and decided by configuration alone, and a platform's
 * modules are imported only when it is configured: @slack/bolt and discord.js together are
 * some 1,000 modules and tens of MB that a service without them would hold for nothing.
 */
import type { Config } from '../config.js';
import type { Logger } from '../core/ports.js';
import type { HandlerDeps } from '../chat/commands/handle.js';
import { createLimiter } from '../chat/commands/limiter.js';
import type { CommandServices } from '../chat/commands/services.js';
import { slackMode, type SlackMode } from '../chat/slack/mode.js';
import { createRejectionReporter, type RejectionReporter } from './rejections.js';
import { startHttpServer, type HealthReport, type RunningHttpServer } from './server.js';
import { loadIntegration } from '../integration-modules.js';
import { describeError } from '../core/error-text.js';

export interface StartChatOptions {
  config: Config;
  logger: Logger;
  services: CommandServices;
  health?: () => Promise<HealthReport>;
  metrics?: () => Promise<{ contentType: string; body: string }>;
  /** Interface to bind; default all. */
  host?: string;
  /** Milliseconds the core may take before the user gets an apology instead. */
  timeoutMs?: number;
  /** Commands whose core work runs at once (the rest wait their turn). */
  concurrency?: number;
  /** Refused Slack/Discord requests (default: sampled warnings, no counter). */
  onRejected?: RejectionReporter;
  /** How long a Slack command's answer may take before "Still working on …" is posted (default SLACK_PROGRESS_AFTER_MS); tests shorten it. */
  slackProgressAfterMs?: number;
}

export interface RunningChat {
  http: RunningHttpServer | null;
  slack: SlackMode;
  discord: { gateway: 'connected' | 'failed' | 'off'; http: boolean };
  close(): Promise<void>;
}

export async function startChat(options: StartChatOptions): Promise<RunningChat> {
  const { config, logger } = options;
  const deps: HandlerDeps = {
    services: options.services,
    // One budget for Slack and Discord together: the core is shared, so is its CPU. Searches
    // score in their own thread (src/search-worker), so a job here is mostly waiting; enough of
    // them keep that thread fed (bench:commands: full-answer p99 lower than with 2, acks alike).
    limit: createLimiter(options.concurrency ?? 8),
    timeoutMs: options.timeoutMs ?? 8000,
    onError: (err, command) => logger.warn({ err: describeError(err), command: command.kind }, 'chat: answered with an apology'),
  };
  const onRejected = options.onRejected ?? createRejectionReporter({ logger });
  const slack = slackMode(config) === 'off' ? null : (await loadIntegration('Slack', 'SLACK_BOT_TOKEN', () => import('../chat/slack/app.js'))).createSlackChat({ config, logger, deps, onRejected, progressAfterMs: options.slackProgressAfterMs });
  const discordHttp = config.DISCORD_PUBLIC_KEY
    ? (await loadIntegration('Discord', 'DISCORD_PUBLIC_KEY', () => import('../chat/discord/interactions-http.js'))).createDiscordInteractionsListener({ publicKey: config.DISCORD_PUBLIC_KEY, deps, logger, apiUrl: config.DISCORD_API_URL, onRejected, token: config.DISCORD_TOKEN })
    : null;
  const gateway =
    config.DISCORD_TOKEN && config.DISCORD_GATEWAY
      ? (await loadIntegration('Discord', 'DISCORD_TOKEN', () => import('../chat/discord/client.js'))).createDiscordGateway({ token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL, deps, logger, shards: config.DISCORD_SHARDS })
      : null;

  let gatewayState: RunningChat['discord']['gateway'] = 'off';
  // A platform that cannot be served makes the service degraded: the process is up, chat is not.
  const chatProblems = (): Record<string, string> => {
    const out: Record<string, string> = {};
    const slackProblem = slack?.problem() ?? null;
    if (slackProblem) out.slack = slackProblem;
    if (gatewayState === 'failed') out.discord = 'the Discord gateway login failed (see the log): /papers over the gateway is not answered';
    return out;
  };
  const health = async (): Promise<HealthReport> => {
    const report = await (options.health?.() ?? Promise.resolve<HealthReport>({ status: 'ok' }));
    const chat = chatProblems();
    if (Object.keys(chat).length === 0) return report;
    return { status: report.status === 'down' ? 'down' : 'degraded', checks: { ...report.checks, chat } };
  };

  const http = config.PAPERBOY_HTTP
    ? await startHttpServer({
        port: config.PORT,
        host: options.host,
        logger,
        slack: slack?.requestListener ?? null,
        discord: discordHttp,
        health,
        metrics: options.metrics,
      })
    : null;
  if (slack?.mode === 'http' && !http) logger.warn('slack: HTTP mode needs PAPERBOY_HTTP=true; Slack requests will not be served');
  await slack?.start();

  if (gateway) {
    try {
      await gateway.start();
      gatewayState = 'connected';
    } catch (err) {
      // A Discord outage at start must not take Slack and the HTTP server down with it.
      gatewayState = 'failed';
      logger.error({ err: describeError(err) }, 'discord: gateway login failed');
    }
  }
  logger.info({ slack: slack?.mode ?? 'off', discordGateway: gatewayState, discordHttp: discordHttp !== null, port: http?.port }, 'chat: started');

  return {
    http,
    slack: slack?.mode ?? 'off',
    discord: { gateway: gatewayState, http: discordHttp !== null },
    close: async () => {
      await Promise.allSettled([slack?.stop(), gateway?.stop(), http?.close()]);
    },
  };
}

/**
 * The per-platform digest channels (renderer + notifier) from configuration. Slack and Discord
 * only when their tokens are set (or for a dry run's rendering); the console always (the
 * embedded default). A platform's modules are imported only when its channel is built: the
 * Discord side alone pulls in discord.js (~500 modules), so a service with no platform
 * configured never loads either client.
 */
import type { Config } from '../config.js';
import type { DigestChannels } from '../core/digest/channel.js';
import type { ChatPlatform } from '../core/platforms.js';
import type { CacheStore, Notifier } from '../core/ports.js';
import { cacheStoreDmChannels } from '../chat/text/dm-channel-cache.js';
import { renderConsoleParts } from '../chat/console/render.js';
import { createConsoleNotifier } from '../chat/console/notifier.js';
import { loadIntegration } from '../integration-modules.js';

export interface ChannelOptions {
  stdout?: NodeJS.WritableStream;
  /** Least gap between posts to one Slack conversation (Slack: ~1 message/s per channel). */
  slackMinIntervalMs?: number;
  /** Discord allows 5 messages per 5 s per channel; REST also queues per bucket. */
  discordMinIntervalMs?: number;
  timeoutMs?: number;
  /** Shared state where DM channel ids are remembered across runs and replicas. */
  cache?: CacheStore;
  /**
   * Dry runs: Slack and Discord render even without their tokens, so a preview needs no
   * credentials; the notifier of a platform without a token refuses every post.
   */
  renderUnconfigured?: boolean;
}

/** A notifier for a platform without credentials: renders can be previewed, nothing is sent. */
function unconfigured(platform: ChatPlatform): Notifier {
  const error = `${platform} is not configured (no ${platform === 'slack' ? 'SLACK_BOT_TOKEN' : 'DISCORD_TOKEN'})`;
  return { platform, findPosted: async () => null, send: async () => ({ status: 'rejected', error }) };
}

/** Slack's digest modules (its notifier loads the Slack web client); `setting` is what asked for them. */
function loadSlack(setting: string | undefined) {
  return loadIntegration('Slack', setting, async () => {
    const [{ createSlackNotifier }, { renderSlackDigestParts }] = await Promise.all([import('../chat/slack/notifier.js'), import('../chat/slack/render-thread.js')]);
    return { createSlackNotifier, renderSlackDigestParts };
  });
}

/** Discord's digest modules (discord.js); `setting` is what asked for them. */
function loadDiscord(setting: string | undefined) {
  return loadIntegration('Discord', setting, async () => {
    const [{ createDiscordNotifier }, { renderDiscordDigestParts }] = await Promise.all([import('../chat/discord/notifier.js'), import('../chat/discord/render-thread.js')]);
    return { createDiscordNotifier, renderDiscordDigestParts };
  });
}

export async function createDigestChannels(
  config: Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_API_URL' | 'DISCORD_TOKEN' | 'DISCORD_API_URL'>,
  opts: ChannelOptions = {},
): Promise<DigestChannels> {
  const channels: DigestChannels = {
    console: { notifier: createConsoleNotifier(opts.stdout), render: renderConsoleParts, minIntervalMs: 0 },
  };
  const [slack, discord] = await Promise.all([
    config.SLACK_BOT_TOKEN || opts.renderUnconfigured ? loadSlack(config.SLACK_BOT_TOKEN ? 'SLACK_BOT_TOKEN' : undefined) : null,
    config.DISCORD_TOKEN || opts.renderUnconfigured ? loadDiscord(config.DISCORD_TOKEN ? 'DISCORD_TOKEN' : undefined) : null,
  ]);
  if (slack && config.SLACK_BOT_TOKEN) {
    channels.slack = {
      notifier: slack.createSlackNotifier({
        token: config.SLACK_BOT_TOKEN,
        apiUrl: config.SLACK_API_URL,
        timeoutMs: opts.timeoutMs,
        dmChannels: opts.cache ? cacheStoreDmChannels(opts.cache, 'slack') : undefined,
      }),
      render: slack.renderSlackDigestParts,
      minIntervalMs: opts.slackMinIntervalMs ?? 1100,
    };
  } else if (slack) {
    channels.slack = { notifier: unconfigured('slack'), render: slack.renderSlackDigestParts, minIntervalMs: 0 };
  }
  if (discord && config.DISCORD_TOKEN) {
    channels.discord = {
      notifier: discord.createDiscordNotifier({
        token: config.DISCORD_TOKEN,
        apiUrl: config.DISCORD_API_URL,
        timeoutMs: opts.timeoutMs,
        dmChannels: opts.cache ? cacheStoreDmChannels(opts.cache, 'discord') : undefined,
      }),
      render: discord.renderDiscordDigestParts,
      minIntervalMs: opts.discordMinIntervalMs ?? 250,
    };
  } else if (discord) {
    channels.discord = { notifier: unconfigured('discord'), render: discord.renderDiscordDigestParts, minIntervalMs: 0 };
  }
  return channels;
}

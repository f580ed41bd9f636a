/**
 * The per-platform digest channels (renderer + notifier) from configuration. Slack and Discord
 * only when their tokens are set (or for a dry run's rendering); the console always (the
 * embedded default). A platform's modules are imported only when its channel is built: the
 * Discord side alone pulls in discord.js (~500 modules), so a service with no platform
 * configured never loads either client.
 */
import { PLATFORM_TOKEN, type Config } from '../config.js';
import type { DigestChannel, DigestChannels } from '../core/digest/channel.js';
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
  const error = `${platform} is not configured (no ${PLATFORM_TOKEN[platform]})`;
  return { platform, findPosted: async () => null, send: async () => ({ status: 'rejected', error }) };
}

/** What a chat platform's digest channel is built from: its notifier's constructor and its renderer. */
interface PlatformDigestModules {
  createNotifier: (opts: { token: string; apiUrl: string | undefined; timeoutMs?: number; dmChannels?: ReturnType<typeof cacheStoreDmChannels> }) => Notifier;
  render: DigestChannel['render'];
}

/** Slack's digest modules (its notifier loads the Slack web client); `setting` is what asked for them. */
function loadSlack(setting: string | undefined): Promise<PlatformDigestModules> {
  return loadIntegration('Slack', setting, async () => {
    const [{ createSlackNotifier }, { renderSlackDigestParts }] = await Promise.all([import('../chat/slack/notifier.js'), import('../chat/slack/render-thread.js')]);
    return { createNotifier: createSlackNotifier, render: renderSlackDigestParts };
  });
}

/** Discord's digest modules (discord.js); `setting` is what asked for them. */
function loadDiscord(setting: string | undefined): Promise<PlatformDigestModules> {
  return loadIntegration('Discord', setting, async () => {
    const [{ createDiscordNotifier }, { renderDiscordDigestParts }] = await Promise.all([import('../chat/discord/notifier.js'), import('../chat/discord/render-thread.js')]);
    return { createNotifier: createDiscordNotifier, render: renderDiscordDigestParts };
  });
}

/** A platform's channel: posting with its token, or, without one, rendering for a preview and refusing every post. */
function platformChannel(platform: ChatPlatform, modules: PlatformDigestModules, token: string | undefined, apiUrl: string | undefined, minIntervalMs: number, opts: ChannelOptions): DigestChannel {
  if (!token) return { notifier: unconfigured(platform), render: modules.render, minIntervalMs: 0 };
  const dmChannels = opts.cache ? cacheStoreDmChannels(opts.cache, platform) : undefined;
  return { notifier: modules.createNotifier({ token, apiUrl, timeoutMs: opts.timeoutMs, dmChannels }), render: modules.render, minIntervalMs };
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
  if (slack) channels.slack = platformChannel('slack', slack, config.SLACK_BOT_TOKEN, config.SLACK_API_URL, opts.slackMinIntervalMs ?? 1100, opts);
  if (discord) channels.discord = platformChannel('discord', discord, config.DISCORD_TOKEN, config.DISCORD_API_URL, opts.discordMinIntervalMs ?? 250, opts);
  return channels;
}

/**
 * Whether paperboy can post the digest in the channel `channel add` was given, asked over the
 * configured platform's API with the check the chat commands use at `channel subscribe`: a
 * private Slack channel it was not invited to, or a Discord channel its role may not write in,
 * otherwise took the target and failed unseen at the first digest. Never a reason to refuse:
 * a platform not configured, slow or failing answers `unknown`, and nothing is said.
 */
import type { Config } from '../config.js';
import { withTimeout } from '../core/timeout.js';
import type { TargetId } from '../core/targets/target-id.js';
import type { PostAccess, PostAccessWant } from '../chat/commands/services.js';
import { loadIntegration } from '../integration-modules.js';

/** How long `channel add` waits for the platform's answer at most; the clients give up then too. */
export const POST_ACCESS_WAIT_MS = 5000;

export interface PendingChannelAccess {
  /** `want`: what the target, once configured, will post (threads); never throws. */
  answer(want?: PostAccessWant): Promise<PostAccess>;
  /** Stops asking: the command failed before it needed the answer, and a platform that hangs must not keep the CLI up after it has said so. */
  cancel(): void;
}

type PlatformConfig = Partial<Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_API_URL' | 'DISCORD_TOKEN' | 'DISCORD_API_URL'>>;

/** Bounds the platform's answer, not the loading of its client's modules (slow on a busy machine, and no sign of the platform's). */
const bounded = <T>(work: Promise<T>, waitMs: number) => withTimeout(work, waitMs, 'post access check timed out');

async function slackAccess(token: string, apiUrl: string | undefined, channel: string, waitMs: number, signal: AbortSignal): Promise<PostAccess> {
  const [{ createSlackWebClient }, { slackPostAccess }] = await loadIntegration('Slack', 'SLACK_BOT_TOKEN', () => Promise.all([import('../chat/slack/notifier.js'), import('../chat/slack/post-access.js')]));
  return bounded(slackPostAccess(createSlackWebClient({ token, apiUrl, timeoutMs: waitMs, signal }))(channel), waitMs);
}

/** The bot's permission bits in the channel (null: Discord would not say), judged later for what the target wants. */
async function discordPermissions(token: string, apiUrl: string | undefined, channel: string, waitMs: number, signal: AbortSignal) {
  const [{ createDiscordRest }, { botPostAccess }, { botChannelPermissions }] = await loadIntegration('Discord', 'DISCORD_TOKEN', () =>
    Promise.all([import('../chat/discord/notifier.js'), import('../chat/discord/permissions.js'), import('../chat/discord/channel-permissions.js')]),
  );
  const bits = await bounded(botChannelPermissions(createDiscordRest({ token, apiUrl, timeoutMs: waitMs, maxQueueWaitMs: waitMs }), channel, signal), waitMs);
  return (want: PostAccessWant) => botPostAccess(bits, want);
}

/** Starts asking now, alongside the command's own work; channels only (a DM or the console is never asked). */
export function askChannelAccess(config: PlatformConfig, target: TargetId, waitMs = POST_ACCESS_WAIT_MS): PendingChannelAccess {
  const unknown: PostAccess = { status: 'unknown' };
  const none = { answer: async () => unknown, cancel: () => {} };
  if (target.kind !== 'channel') return none;
  // An aborted request rejects, which also ends the bound's timer.
  const stop = new AbortController();
  const cancel = () => stop.abort();
  if (target.platform === 'slack' && config.SLACK_BOT_TOKEN) {
    const asked = slackAccess(config.SLACK_BOT_TOKEN, config.SLACK_API_URL, target.native, waitMs, stop.signal).catch(() => unknown);
    return { answer: () => asked, cancel };
  }
  if (target.platform === 'discord' && config.DISCORD_TOKEN) {
    const asked = discordPermissions(config.DISCORD_TOKEN, config.DISCORD_API_URL, target.native, waitMs, stop.signal).catch(() => null);
    return { answer: async (want = {}) => (await asked)?.(want) ?? unknown, cancel };
  }
  return none;
}

/**
 * How someone lets paperboy post in a channel, in the platform's own terms: said by command
 * replies and by the platform adapters that check access, so it lives below both.
 */
import type { TargetPlatform } from '../../core/platforms.js';
import { listed } from '../../core/count.js';

/** The permissions a digest needs of paperboy's role in a Discord channel, as its settings name them. */
export const DISCORD_POST_PERMISSIONS = ['View Channel', 'Send Messages', 'Embed Links'] as const;
/** And those a threaded digest needs besides: a thread on its header, each paper a reply in it. */
export const DISCORD_THREAD_PERMISSIONS = ['Create Public Threads', 'Send Messages in Threads'] as const;

/**
 * How someone in a channel lets paperboy post there, in the platform's own terms (Discord: with
 * these permissions). `botName`: the name the app was installed under (Slack's auth.test `user`,
 * which /invite takes; Discord's bot user, after whom its role is named); a workspace or server
 * may have named it otherwise, so unknown, the words say how to find it rather than guess.
 */
export function letInText(platform: TargetPlatform, permissions: readonly string[] = DISCORD_POST_PERMISSIONS, botName?: string): string {
  if (platform === 'discord') {
    const role = botName ? `the ${botName} role` : "the bot's role (named after it)";
    return `Give ${role} ${listed(permissions, 'and')} in this channel (Edit Channel → Permissions)`;
  }
  const invite = botName ? `Invite it with /invite @${botName}` : "Invite it with /invite and the app's name";
  return `${invite} (or the channel details → Integrations → Add apps)`;
}

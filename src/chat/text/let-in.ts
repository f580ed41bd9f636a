/**
 * How someone lets paperboy post in a channel, in the platform's own terms: said by command
 * replies and by the platform adapters that check access, so it lives below both.
 */
import type { TargetPlatform } from '../../core/platforms.js';
import { listed } from '../../core/count.js';

/** The permissions a digest needs of paperboy's role in a Discord channel, as its settings name them. */
export const DISCORD_POST_PERMISSIONS = ['View Channel', 'Send Messages', 'Embed Links'] as const;

/** How someone in a channel lets paperboy post there, in the platform's own terms (Discord: with these permissions). */
export function letInText(platform: TargetPlatform, permissions: readonly string[] = DISCORD_POST_PERMISSIONS): string {
  return platform === 'discord'
    ? `Give paperboy's role ${listed(permissions, 'and')} in this channel (Edit Channel → Permissions)`
    : 'Invite it with /invite @paperboy (or the channel details → Integrations → Add apps)';
}

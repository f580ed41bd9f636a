/**
 * Who may manage a channel's digest on Discord: members with Manage Channels there. Discord
 * sends the member's permissions in the channel (overwrites applied) with every interaction,
 * so no API call is needed; Administrator implies every permission.
 */
import { PermissionFlagsBits } from 'discord.js';
import type { PostAccess, PostAccessWant } from '../commands/services.js';
import { DISCORD_THREAD_PERMISSIONS, letInText } from '../text/let-in.js';

export function mayManageChannel(permissions: bigint | null): boolean {
  if (permissions === null) return false;
  return (permissions & PermissionFlagsBits.ManageChannels) !== 0n || (permissions & PermissionFlagsBits.Administrator) !== 0n;
}

/** The `member.permissions` string of a raw interaction, as a bitfield; null outside guilds. */
export function parsePermissions(raw: unknown): bigint | null {
  if (typeof raw !== 'string' || !/^\d{1,30}$/.test(raw)) return null;
  return BigInt(raw);
}

/** What a digest needs of the bot in a channel, by the names Discord's channel settings show. */
const TO_POST: ReadonlyArray<[bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];

/** And a threaded digest: a thread on its header message, each paper a reply in it. */
const TO_THREAD: ReadonlyArray<[bigint, string]> = [
  [PermissionFlagsBits.CreatePublicThreads, DISCORD_THREAD_PERMISSIONS[0]],
  [PermissionFlagsBits.SendMessagesInThreads, DISCORD_THREAD_PERMISSIONS[1]],
];

/**
 * Whether the bot can post a digest where an interaction came from, from the `app_permissions`
 * Discord sends with it (overwrites applied): no API call, and the refusal a digest would meet
 * (50001 Missing Access, 50013 Missing Permissions) said before it does. Null: Discord did not say.
 */
export function botPostAccess(appPermissions: bigint | null, want: PostAccessWant = {}, botName?: string): PostAccess {
  if (appPermissions === null) return { status: 'unknown' };
  if ((appPermissions & PermissionFlagsBits.Administrator) !== 0n) return { status: 'can-post' };
  const needed = want.threads ? [...TO_POST, ...TO_THREAD] : TO_POST;
  const missing = needed.filter(([bit]) => (appPermissions & bit) === 0n);
  if (missing.length === 0) return { status: 'can-post' };
  const code = missing[0]![0] === PermissionFlagsBits.ViewChannel ? 'Missing Access' : 'Missing Permissions';
  return {
    status: 'cannot-post',
    why: `it lacks ${missing.map(([, name]) => name).join(', ')} here; Discord: ${code}`,
    fix: `${letInText('discord', needed.map(([, name]) => name), botName)}; the digest comes here from then on.`,
  };
}

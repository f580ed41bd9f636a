/**
 * Who may manage a channel's digest on Discord: members with Manage Channels there. Discord
 * sends the member's permissions in the channel (overwrites applied) with every interaction,
 * so no API call is needed; Administrator implies every permission.
 */
import { PermissionFlagsBits } from 'discord.js';

export function mayManageChannel(permissions: bigint | null): boolean {
  if (permissions === null) return false;
  return (permissions & PermissionFlagsBits.ManageChannels) !== 0n || (permissions & PermissionFlagsBits.Administrator) !== 0n;
}

/** The `member.permissions` string of a raw interaction, as a bitfield; null outside guilds. */
export function parsePermissions(raw: unknown): bigint | null {
  if (typeof raw !== 'string' || !/^\d{1,30}$/.test(raw)) return null;
  return BigInt(raw);
}

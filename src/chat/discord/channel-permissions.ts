/**
 * paperboy's permissions in a Discord channel, worked out over REST the way Discord does (the
 * guild's @everyone and the bot's roles, then the channel's overwrites: @everyone, roles, the
 * bot itself): the CLI has no interaction whose app_permissions say it, as chat commands have.
 * Null where Discord does not let it tell (an unknown channel, a thread, a DM).
 */
import { DiscordAPIError, PermissionFlagsBits, Routes, type REST } from 'discord.js';

interface Overwrite {
  id: string;
  /** 0: a role, 1: a member. */
  type: number;
  allow: string;
  deny: string;
}

/** Discord refuses a channel the bot may not view with this code: it lacks View Channel, whatever else it has. */
const MISSING_ACCESS = 50001;

/** Every permission but View Channel (and Administrator, which would imply it). */
const ALL_BUT_VIEW = ((1n << 64n) - 1n) & ~PermissionFlagsBits.ViewChannel & ~PermissionFlagsBits.Administrator;

/** A guild text channel, announcement channel or forum: the kinds a digest is posted in. */
const GUILD_CHANNEL_TYPES = new Set([0, 5, 15]);

/** Discord's channel permission computation over raw API objects. */
export function channelPermissions(guildId: string, botId: string, roles: ReadonlyArray<{ id: string; permissions: string }>, botRoles: readonly string[], overwrites: readonly Overwrite[]): bigint {
  const roleBits = new Map(roles.map((r) => [r.id, BigInt(r.permissions)]));
  let bits = roleBits.get(guildId) ?? 0n;
  for (const id of botRoles) bits |= roleBits.get(id) ?? 0n;
  if ((bits & PermissionFlagsBits.Administrator) !== 0n) return bits;
  const apply = (o: { allow: bigint; deny: bigint }) => (bits = (bits & ~o.deny) | o.allow);
  const everyone = overwrites.find((o) => o.id === guildId);
  if (everyone) apply({ allow: BigInt(everyone.allow), deny: BigInt(everyone.deny) });
  const own = overwrites.filter((o) => o.type === 0 && botRoles.includes(o.id));
  apply(own.reduce((acc, o) => ({ allow: acc.allow | BigInt(o.allow), deny: acc.deny | BigInt(o.deny) }), { allow: 0n, deny: 0n }));
  const member = overwrites.find((o) => o.type === 1 && o.id === botId);
  if (member) apply({ allow: BigInt(member.allow), deny: BigInt(member.deny) });
  return bits;
}

/** `signal` ends the calls still open: the caller no longer wants the answer. */
export async function botChannelPermissions(rest: REST, channelId: string, signal?: AbortSignal): Promise<bigint | null> {
  let channel: { type: number; guild_id?: string; permission_overwrites?: Overwrite[] };
  try {
    channel = (await rest.get(Routes.channel(channelId), { signal })) as typeof channel;
  } catch (err) {
    if (err instanceof DiscordAPIError && err.code === MISSING_ACCESS) return ALL_BUT_VIEW;
    throw err;
  }
  if (!channel.guild_id || !GUILD_CHANNEL_TYPES.has(channel.type)) return null;
  const guildId = channel.guild_id;
  const me = (await rest.get(Routes.user('@me'), { signal })) as { id: string };
  const [member, roles] = (await Promise.all([rest.get(Routes.guildMember(guildId, me.id), { signal }), rest.get(Routes.guildRoles(guildId), { signal })])) as [{ roles: string[] }, Array<{ id: string; permissions: string }>];
  return channelPermissions(guildId, me.id, roles, member.roles, channel.permission_overwrites ?? []);
}

/** Discord's channel permission computation over raw API objects, as `channel add` reads them. */
import { describe, expect, it } from 'vitest';
import { PermissionFlagsBits as P } from 'discord.js';
import { channelPermissions } from '../../../src/chat/discord/channel-permissions.js';

const GUILD = '1';
const BOT = '9';
const ROLE = '5';
const OTHER_ROLE = '6';
const roles = [
  { id: GUILD, permissions: String(P.ViewChannel) },
  { id: ROLE, permissions: String(P.SendMessages | P.EmbedLinks) },
  { id: OTHER_ROLE, permissions: String(P.ManageChannels) },
];
const ow = (id: string, type: number, allow: bigint, deny: bigint) => ({ id, type, allow: String(allow), deny: String(deny) });
const has = (bits: bigint, bit: bigint) => (bits & bit) !== 0n;

describe('channelPermissions', () => {
  it("takes @everyone's and the bot's own roles, not other roles", () => {
    const bits = channelPermissions(GUILD, BOT, roles, [ROLE], []);
    expect([has(bits, P.ViewChannel), has(bits, P.SendMessages), has(bits, P.EmbedLinks), has(bits, P.ManageChannels)]).toEqual([true, true, true, false]);
  });

  it("applies the channel's overwrites in Discord's order: @everyone, then the bot's roles, then the bot itself", () => {
    // @everyone may not see the channel, the bot's role may: the role's allow wins.
    const roleAllows = channelPermissions(GUILD, BOT, roles, [ROLE], [ow(GUILD, 0, 0n, P.ViewChannel), ow(ROLE, 0, P.ViewChannel, 0n)]);
    expect(has(roleAllows, P.ViewChannel)).toBe(true);
    // A deny on the bot itself beats its role's allow; another role's overwrite is not the bot's.
    const memberDenies = channelPermissions(GUILD, BOT, roles, [ROLE], [ow(ROLE, 0, P.EmbedLinks, 0n), ow(BOT, 1, 0n, P.EmbedLinks), ow(OTHER_ROLE, 0, 0n, P.SendMessages)]);
    expect([has(memberDenies, P.EmbedLinks), has(memberDenies, P.SendMessages)]).toEqual([false, true]);
    // A role overwrite whose id is the bot's user id is a role's, not the bot's.
    expect(has(channelPermissions(GUILD, BOT, roles, [ROLE], [ow(BOT, 0, 0n, P.SendMessages)]), P.SendMessages)).toBe(true);
  });

  it('an Administrator role ignores every overwrite', () => {
    const admin = [...roles, { id: '7', permissions: String(P.Administrator) }];
    const bits = channelPermissions(GUILD, BOT, admin, ['7'], [ow(GUILD, 0, 0n, P.ViewChannel), ow(BOT, 1, 0n, P.SendMessages)]);
    expect(has(bits, P.Administrator)).toBe(true);
  });
});

/**
 * Discord names the bot's own role after the bot, and a server may have added the app under a
 * name of its own: the words to let it in name the role the server actually has where the
 * adapter knows the bot's name (the gateway's logged-in user), and never claim "paperboy" otherwise.
 */
import { describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { discordActor } from '../../../src/chat/discord/commands/dispatch.js';

const caller = { userId: '1', channelId: '2', guildId: '3', permissions: 0n, appPermissions: PermissionFlagsBits.ViewChannel };

describe('letting the bot post in a Discord channel', () => {
  it("names the role after the bot's name when the adapter knows it", async () => {
    const access = await discordActor({ ...caller, botName: 'Lab Digest' }).postAccess!();
    expect(access.status === 'cannot-post' && access.fix).toMatch(/^Give the Lab Digest role View Channel, Send Messages and Embed Links in this channel/);
  });

  it('does not guess a name it was not told', async () => {
    const access = await discordActor(caller).postAccess!();
    const fix = access.status === 'cannot-post' ? access.fix : '';
    expect(fix).toMatch(/^Give the bot's role \(named after it\) View Channel, Send Messages and Embed Links/);
    expect(fix).not.toContain('paperboy');
  });
});

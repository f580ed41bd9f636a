/**
 * Real discord.js interaction objects for the gateway handlers: the raw payload Discord sends
 * (a guild member in channel 555) and the constructors discord.js builds interactions with.
 */
import { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, type Client } from 'discord.js';

let seq = 0;

/** The bot's permissions in channel 555 (`app_permissions`): View Channel, Send Messages, Embed Links, Read Message History. */
export const BOT_CAN_POST = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n));

/** A raw gateway interaction of `type` (2 command, 3 component, 4 autocomplete) from member 111. */
export function rawInteraction(type: number, data: object, permissions = '0', appPermissions = BOT_CAN_POST) {
  const n = ++seq;
  return {
    // A snowflake made now, as Discord's are: the fake refuses an initial response 3 s after it.
    id: String(((BigInt(Date.now()) - 1420070400000n) << 22n) | BigInt(n & 0xfff)),
    application_id: '42',
    type,
    token: `gw${n}`,
    version: 1,
    guild_id: '777',
    channel_id: '555',
    channel: { id: '555', type: 0 },
    member: { user: { id: '111', username: 'ada', discriminator: '0', global_name: 'Ada', avatar: null }, permissions, roles: [], joined_at: '2024-01-01T00:00:00Z', deaf: false, mute: false, flags: 0 },
    app_permissions: appPermissions,
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
    data,
  };
}

/** The raw message a button was pressed on, as Discord sends it in a component interaction (flags 64: ephemeral). */
export function rawMessage(flags = 0) {
  return { id: '9', channel_id: '555', content: '', embeds: [], components: [], type: 0, author: { id: '42', username: 'paperboy', discriminator: '0', avatar: null }, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false, flags };
}

// The typings keep these constructors private; at runtime they are how discord.js builds them.
type Ctor<T> = new (client: Client, data: unknown) => T;

export function gatewayInteractions(client: Client) {
  return {
    chatInput: (d: unknown) => new (ChatInputCommandInteraction as unknown as Ctor<ChatInputCommandInteraction>)(client, d),
    autocomplete: (d: unknown) => new (AutocompleteInteraction as unknown as Ctor<AutocompleteInteraction>)(client, d),
    button: (d: unknown) => new (ButtonInteraction as unknown as Ctor<ButtonInteraction>)(client, d),
  };
}

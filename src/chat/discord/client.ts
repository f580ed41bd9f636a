/**
 * The gateway path: a discord.js Client whose `interactionCreate` feeds the same handlers as
 * the HTTP endpoint. `handleGatewayInteraction` is exported so tests drive it with real
 * discord.js interaction objects.
 */
import { AttachmentBuilder, Client, type ButtonInteraction, type ChatInputCommandInteraction, Events, GatewayIntentBits, MessageFlags, type CommandInteractionOption, type Interaction, type InteractionEditReplyOptions } from 'discord.js';
import type { HandlerDeps } from '../commands/handle.js';
import type { Logger } from '../../core/ports.js';
import { COMMAND_NAME } from './commands/definition.js';
import { answerButton, answerCommand, answersAtOnce, choicesAmong, parseDiscordCommand, redrawsMessage, topicChoices, type DiscordCaller } from './commands/dispatch.js';
import type { DiscordMessage } from './components.js';
import { describeError } from '../../core/error-text.js';
import { answerRestInDm, dmSender, isExpiredToken } from './expired-answer.js';

/**
 * Every leaf option's value, by name, as the HTTP endpoint reads them (flattenOptions): a list of
 * names kept here drifted from the command definition and dropped new options (`name`, `weekly`).
 */
function optionValues(data: readonly CommandInteractionOption[]): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  const visit = (options: readonly CommandInteractionOption[]): void => {
    for (const o of options) {
      if (o.options) visit(o.options);
      else if (o.value !== undefined && o.value !== null) values[o.name] = String(o.value);
    }
  };
  visit(data);
  return values;
}

function callerOf(interaction: Interaction): DiscordCaller {
  return {
    userId: interaction.user.id,
    channelId: interaction.channelId,
    guildId: interaction.guildId,
    permissions: interaction.memberPermissions?.bitfield ?? null,
    // Null in DMs: there is no guild channel whose digest needs it.
    appPermissions: interaction.inGuild() ? interaction.appPermissions.bitfield : null,
    ...(interaction.client.user ? { botName: interaction.client.user.username } : {}),
  };
}

function toOptions(message: DiscordMessage): InteractionEditReplyOptions & { content: string } {
  const files = message.files?.map((f) => new AttachmentBuilder(f.data, { name: f.name }));
  return { content: message.content, embeds: message.embeds, components: message.components, allowedMentions: { parse: [] }, ...(files ? { files } : {}) };
}

/**
 * `logger`: where an answer lost to an expired interaction token (and a DM that refused its
 * rest) is said; default nowhere, as in tests that drive the handler alone.
 */
export async function handleGatewayInteraction(interaction: Interaction, deps: HandlerDeps, logger: Logger = silent): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (interaction.commandName !== COMMAND_NAME) return;
    const focused = interaction.options.getFocused(true);
    const among = choicesAmong(interaction.options.getSubcommandGroup(false), interaction.options.getSubcommand(false) ?? '', callerOf(interaction));
    await interaction.respond(await topicChoices(String(focused.value), deps, among));
    return;
  }
  if (interaction.isChatInputCommand()) {
    if (interaction.commandName !== COMMAND_NAME) return;
    const values = optionValues(interaction.options.data);
    const caller = callerOf(interaction);
    const parsed = parseDiscordCommand({
      ...caller,
      group: interaction.options.getSubcommandGroup(false),
      sub: interaction.options.getSubcommand(false) ?? '',
      options: values,
    });
    if (answersAtOnce(parsed)) {
      const [first, ...more] = await answerCommand(parsed, caller, deps);
      await interaction.reply({ ...toOptions(first!), flags: MessageFlags.Ephemeral });
      await followUps(interaction, more, logger);
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const [first, ...more] = await answerCommand(parsed, caller, deps);
    await interaction.editReply(toOptions(first!));
    await followUps(interaction, more, logger);
    return;
  }
  if (interaction.isButton()) {
    // Link buttons never reach us; everything else is ours or stale.
    // A page button redraws the message it is on; any other answers in a message of its own.
    if (redrawsMessage(interaction.customId)) await interaction.deferUpdate();
    else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const [first, ...more] = await answerButton(interaction.customId, callerOf(interaction), deps);
    await interaction.editReply(toOptions(first!));
    await followUps(interaction, more, logger);
  }
}

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

/**
 * The rest of an answer, as follow-up messages (`POST /webhooks/{app}/{token}`), in order. A
 * refusal ends them; when it is the token's 15 minutes running out, what is left goes to the
 * person's DM (expired-answer.ts); any other refusal throws.
 */
async function followUps(interaction: ButtonInteraction | ChatInputCommandInteraction, messages: DiscordMessage[], logger: Logger): Promise<void> {
  for (const [i, m] of messages.entries()) {
    const { flags: _edit, ...options } = toOptions(m);
    try {
      await interaction.followUp({ ...options, ...(m.flags ? { flags: MessageFlags.Ephemeral } : {}) });
    } catch (err) {
      if (!isExpiredToken(err)) throw err;
      const asked = interaction.isChatInputCommand() ? interaction.toString() : `the “${(interaction.component as { label?: string | null }).label ?? 'button'}” button`;
      await answerRestInDm(dmSender(interaction.client.rest, interaction.user.id), asked, messages.slice(i), err, logger);
      return;
    }
  }
}

export interface DiscordGateway {
  client: Client;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createDiscordGateway(options: { token: string; apiUrl: string; deps: HandlerDeps; logger: Logger; shards?: 'auto' | number }): DiscordGateway {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Node's fetch, as the HTTP interactions endpoint does (interactions-http.ts): attachments
    // must not go through a global dispatcher another undici installed.
    rest: { api: options.apiUrl, makeRequest: (url, init) => fetch(url, init as RequestInit) },
    allowedMentions: { parse: [] },
    ...(options.shards === undefined || options.shards === 'auto' ? { shards: 'auto' as const } : { shardCount: options.shards }),
  });
  client.on(Events.InteractionCreate, (interaction) => {
    handleGatewayInteraction(interaction, options.deps, options.logger).catch((err: unknown) => {
      options.logger.warn({ err: String(err) }, 'discord: interaction failed');
    });
  });
  client.on(Events.Error, (err) => options.logger.error({ err: describeError(err) }, 'discord: client error'));
  return {
    client,
    start: async () => {
      await client.login(options.token);
    },
    stop: async () => {
      await client.destroy();
    },
  };
}

/**
 * The Discord side of the shared handlers, fed identically by the gateway client and the HTTP
 * interactions endpoint: both reduce an interaction to these plain inputs first.
 */
import { handleButton, redrawsList } from '../../commands/actions.js';
import { APOLOGY, handleParsed, withCoreTimeout, type HandlerDeps } from '../../commands/handle.js';
import { parseCommandOptions } from '../../commands/parse.js';
import type { ParseOutcome } from '../../commands/command.js';
import type { ChatActor, PostAccessWant } from '../../commands/services.js';
import { botPostAccess, mayManageChannel } from '../permissions.js';
import { decodeCustomId, resolveTopicRef } from './custom-ids.js';
import type { DiscordMessage } from '../components.js';
import { renderDiscordReplies } from './render-reply.js';
import { ephemeral } from '../../commands/reply.js';
import { truncate } from '../../text/clean.js';

export interface DiscordCaller {
  userId: string;
  channelId: string | null;
  /** Null in DMs: there is no server channel to manage. */
  guildId: string | null;
  /** The member's permissions in this channel (overwrites applied); null in DMs. */
  permissions: bigint | null;
  /** The bot's own permissions in this channel (`app_permissions`); null when Discord did not send them. */
  appPermissions?: bigint | null;
  /** The bot's username where the adapter knows it (the gateway's logged-in user): its role has that name. */
  botName?: string;
}

export interface DiscordCommandInput extends DiscordCaller {
  group: string | null;
  sub: string;
  options: Record<string, string | undefined>;
}

export function discordActor(caller: DiscordCaller): ChatActor {
  const inGuild = caller.guildId !== null && caller.channelId !== null;
  return {
    platform: 'discord',
    userId: `discord:${caller.userId}`,
    channelId: inGuild ? `discord:${caller.channelId}` : null,
    mayManageChannel: async () => inGuild && mayManageChannel(caller.permissions),
    ...(inGuild ? { postAccess: async (want?: PostAccessWant) => botPostAccess(caller.appPermissions ?? null, want, caller.botName) } : {}),
    ...(caller.botName ? { botName: caller.botName } : {}),
  };
}

export function parseDiscordCommand(input: DiscordCommandInput): ParseOutcome {
  return parseCommandOptions(input.group, input.sub, input.options);
}

/** True when the answer needs no database work and can be the initial response. */
export function answersAtOnce(parsed: ParseOutcome): boolean {
  return parsed.status !== 'ok' || parsed.command.kind === 'help';
}

/** The answer's messages: the first answers the interaction, any more are its follow-ups (papers past one message). */
export async function answerCommand(parsed: ParseOutcome, caller: DiscordCaller, deps: HandlerDeps): Promise<DiscordMessage[]> {
  return renderDiscordReplies(await handleParsed(parsed, discordActor(caller), deps));
}

/** True for a button whose answer replaces the message it is on (a list's page, a Remove on one) rather than coming as a message of its own. */
export function redrawsMessage(customId: string): boolean {
  return redrawsList(decodeCustomId(customId));
}

export async function answerButton(customId: string, caller: DiscordCaller, deps: HandlerDeps): Promise<DiscordMessage[]> {
  const pressed = decodeCustomId(customId);
  if (!pressed) return renderDiscordReplies(ephemeral('That button is no longer valid.'));
  if (pressed.kind !== 'feedback' && !(pressed.kind === 'subscribe' && pressed.instead)) return renderDiscordReplies(await handleButton(pressed, discordActor(caller), deps));
  const slugs = async () => (await withCoreTimeout(deps.services.listTopics(), deps.timeoutMs ?? 8000)).map((t) => t.slug);
  try {
    // An unknown slug is the handler's to answer, as it is for a full-length id.
    if (pressed.kind === 'feedback') pressed.topicSlug = (await resolveTopicRef(pressed.topicSlug, slugs)) ?? pressed.topicSlug;
    else if (pressed.kind === 'subscribe') pressed.instead = (await resolveTopicRef(pressed.instead!, slugs)) ?? pressed.instead;
  } catch (err) {
    deps.onError?.(err, { kind: 'help' });
    return renderDiscordReplies(ephemeral(APOLOGY));
  }
  return renderDiscordReplies(await handleButton(pressed, discordActor(caller), deps));
}

export interface Choice {
  name: string;
  value: string;
}

/**
 * Whose subscriptions an autocomplete picks from: unsubscribing offers only what is followed
 * (the caller's, or the channel's for `channel unsubscribe`); anything else, every topic.
 */
export function choicesAmong(group: string | null, sub: string, caller: DiscordCaller): string | null {
  if (sub !== 'unsubscribe') return null;
  const actor = discordActor(caller);
  return group === 'channel' ? actor.channelId : actor.userId;
}

/** Topic names for autocomplete: prefix matches first, then substring; never throws. */
export async function topicChoices(typed: string, deps: HandlerDeps, followedBy: string | null = null): Promise<Choice[]> {
  try {
    // Discord drops autocomplete answers after 3 s; an empty list beats none.
    const budget = Math.min(deps.timeoutMs ?? 2000, 2000);
    const topics = followedBy ? (await withCoreTimeout(deps.services.listSubscriptions(followedBy), budget)).map((s) => s.topic) : await withCoreTimeout(deps.services.listTopics(), budget);
    const q = typed.trim().toLowerCase();
    const score = (name: string, slug: string) => (name.toLowerCase().startsWith(q) || slug.startsWith(q) ? 0 : name.toLowerCase().includes(q) || slug.includes(q) ? 1 : 2);
    return topics
      .map((t) => ({ t, s: score(t.name, t.slug) }))
      .filter(({ s }) => q === '' || s < 2)
      .sort((a, b) => a.s - b.s || a.t.name.localeCompare(b.t.name))
      .slice(0, 25)
      // Discord: a choice's name is 1-100 characters; cut whole characters (a lone surrogate half is invalid text).
      .map(({ t }) => ({ name: truncate(t.name, 100), value: t.slug.slice(0, 100) }));
  } catch {
    return [];
  }
}

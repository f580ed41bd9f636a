/** `/papers channel schedule …` (channel managers only). */
import { USAGE, type Command } from '../command.js';
import { usageText } from '../hints.js';
import { ephemeral, type Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import { asChannelManager } from './channel-manager.js';
import type { HandlerDeps } from './handler-deps.js';
import { askPostAccess, withPostAccess } from '../post-access.js';
import { NOT_A_CHANNEL, nextClause, scheduleText, withResumed } from './words.js';

export async function channelSchedule(command: Extract<Command, { kind: 'channel-schedule' }>, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  if (command.schedule === null) return shownSchedule(actor, deps);
  const manager = await asChannelManager(actor);
  if ('refused' in manager) return manager.refused;
  const access = askPostAccess(actor);
  const change = await deps.services.setChannelSchedule({ channel: manager.channel, schedule: command.schedule, actor: manager.who });
  if (change.status === 'forbidden') return ephemeral(`You can't do that: ${change.reason}`);
  if (change.status === 'invalid') return ephemeral(`${change.message}\nUsage: ${usageText(USAGE.channelSchedule, actor.platform)}`);
  return withPostAccess(ephemeral(withResumed(`This channel's digest now comes ${scheduleText(change.schedule)}${nextClause(change.next)}.`, change.resumed, "This channel's")), await access.answer());
}

/** The schedule as it stands, to anyone in the channel (as `channel list` shows it); changing it is for managers. */
async function shownSchedule(actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  if (!actor.channelId) return ephemeral(NOT_A_CHANNEL);
  const { schedule: now } = await deps.services.channelInfo(actor.channelId);
  const usage = `\`${usageText(USAGE.channelSchedule, actor.platform)}\``;
  return ephemeral(now ? `This channel's digest comes ${scheduleText(now)}. Channel managers change it with ${usage}` : `This channel has no digest yet: it starts with its first topic. Channel managers set when it comes with ${usage}`);
}

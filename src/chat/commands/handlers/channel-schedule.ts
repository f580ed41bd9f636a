/** `/papers channel schedule …` (channel managers only). */
import { USAGE, type Command } from '../command.js';
import { usageText } from '../hints.js';
import { ephemeral, type Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import { asChannelManager } from './channel-manager.js';
import type { HandlerDeps } from './handler-deps.js';
import { nextClause, scheduleText, withResumed } from './words.js';

export async function channelSchedule(command: Extract<Command, { kind: 'channel-schedule' }>, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const manager = await asChannelManager(actor);
  if ('refused' in manager) return manager.refused;
  const change = await deps.services.setChannelSchedule({ channel: manager.channel, schedule: command.schedule, actor: manager.who });
  if (change.status === 'forbidden') return ephemeral(`You can't do that: ${change.reason}`);
  if (change.status === 'invalid') return ephemeral(`${change.message}\nUsage: ${usageText(USAGE.channelSchedule, actor.platform)}`);
  return ephemeral(withResumed(`This channel's digest now comes ${scheduleText(change.schedule)}${nextClause(change.next)}.`, change.resumed, "This channel's"));
}

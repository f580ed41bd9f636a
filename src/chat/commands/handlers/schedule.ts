/** `/papers schedule …`: the caller's own digest, delivered by DM. */
import { USAGE, type Command } from '../command.js';
import { usageText } from '../hints.js';
import { ephemeral, type Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import type { HandlerDeps } from './handler-deps.js';
import { nextClause, scheduleText, withResumed } from './words.js';

export async function schedule(command: Extract<Command, { kind: 'schedule' }>, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const usage = `\`${usageText(USAGE.schedule, actor.platform)}\``;
  if (command.schedule === null) {
    const { schedule: now } = await deps.services.channelInfo(actor.userId);
    return ephemeral(now ? `Your personal digest comes ${scheduleText(now)}. To change it: ${usage}` : `You have no digest yet: it starts with your first subscription. To set when it comes: ${usage}`);
  }
  // Theirs to set, wherever they ask from.
  const change = await deps.services.setChannelSchedule({ channel: actor.userId, kind: 'user', schedule: command.schedule, actor: { id: actor.userId, mayManageChannel: true } });
  if (change.status === 'forbidden') return ephemeral(`You can't do that: ${change.reason}`);
  if (change.status === 'invalid') return ephemeral(`${change.message}\nUsage: ${usageText(USAGE.schedule, actor.platform)}`);
  return ephemeral(withResumed(`Your personal digest now comes ${scheduleText(change.schedule)}${nextClause(change.next)}.`, change.resumed, 'Your'));
}

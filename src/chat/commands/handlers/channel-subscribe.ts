/** `/papers channel subscribe <topic>` and `/papers channel unsubscribe <topic>` (channel managers only). */
import type { Command } from '../command.js';
import type { Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import { asChannelManager } from './channel-manager.js';
import { describeChange } from './describe-change.js';
import type { HandlerDeps } from './handler-deps.js';
import { askPostAccess, withPostAccess } from '../post-access.js';

export async function channelSubscribe(command: Extract<Command, { kind: 'channel-subscribe' | 'channel-unsubscribe' }>, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const manager = await asChannelManager(actor);
  if ('refused' in manager) return manager.refused;
  const subscribing = command.kind === 'channel-subscribe';
  const create = command.kind === 'channel-subscribe' ? (command.quoted ? ('always' as const) : ('unless-typo' as const)) : undefined;
  const req = { subscriber: manager.channel, kind: 'channel' as const, topic: command.topic, actor: manager.who, create };
  if (!subscribing) return describeChange(await deps.services.unsubscribe(req), 'This channel', command.topic, actor.platform, false);
  const access = askPostAccess(actor);
  const change = await deps.services.subscribe(req);
  const reply = describeChange(change, 'This channel', command.topic, actor.platform, true);
  return change.status === 'subscribed' || change.status === 'already-subscribed' ? withPostAccess(reply, await access.answer()) : reply;
}

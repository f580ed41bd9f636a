/** `/papers subscribe <topic>` and `/papers unsubscribe <topic>`: the caller's own digest. */
import type { Command } from '../command.js';
import type { Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import { describeChange } from './describe-change.js';
import type { HandlerDeps } from './handler-deps.js';

export async function subscribe(command: Extract<Command, { kind: 'subscribe' | 'unsubscribe' }>, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const subscribing = command.kind === 'subscribe';
  const create = command.kind === 'subscribe' ? (command.quoted ? ('always' as const) : ('unless-typo' as const)) : undefined;
  const req = { subscriber: actor.userId, kind: 'user' as const, topic: command.topic, actor: { id: actor.userId, mayManageChannel: false }, create };
  const change = subscribing ? await deps.services.subscribe(req) : await deps.services.unsubscribe(req);
  return describeChange(change, 'You', command.topic, actor.platform, subscribing);
}

/** `/papers subscribe <topic>` and `/papers unsubscribe <topic>`: the caller's own digest. */
import type { Command } from '../command.js';
import { HINTS, hintText } from '../hints.js';
import { withLine, type Reply } from '../reply.js';
import type { ChatActor, SubscriptionChange } from '../services.js';
import { describeChange } from './describe-change.js';
import type { HandlerDeps } from './handler-deps.js';

export async function subscribe(command: Extract<Command, { kind: 'subscribe' | 'unsubscribe' }>, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const subscribing = command.kind === 'subscribe';
  const create = command.kind === 'subscribe' ? (command.quoted ? ('always' as const) : ('unless-typo' as const)) : undefined;
  const req = { subscriber: actor.userId, kind: 'user' as const, topic: command.topic, actor: { id: actor.userId, mayManageChannel: false } };
  const change = subscribing ? await deps.services.subscribe({ ...req, create }) : await deps.services.unsubscribe(req);
  const reply = withOwnDigestNote(describeChange(change, 'You', command.topic, actor.platform, subscribing), change, actor);
  if (change.status !== 'not-subscribed' || actor.channelId === null) return reply;
  // Typed in a channel that gets the topic, "you don't follow it" left the person wondering why it keeps coming.
  const channelFollows = (await deps.services.listSubscriptions(actor.channelId)).some((s) => s.topic.slug === change.topic.slug);
  return channelFollows ? withLine(reply, `This channel does: \`${hintText(HINTS.channelUnsubscribe(change.topic.name), actor.platform)}\` (channel managers).`) : reply;
}

/**
 * In a channel, "your digest" reads as the channel's: a subscription made there (by command or
 * button) is said to be the caller's own, by DM, with how the channel gets the topic.
 */
export function withOwnDigestNote(reply: Reply, change: SubscriptionChange, actor: ChatActor): Reply {
  if (change.status !== 'subscribed' || actor.channelId === null) return reply;
  const own = `That is your own digest, sent to you by direct message; for this channel's: ${hintText(HINTS.channelSubscribe(change.topic.name), actor.platform)} (channel managers).`;
  return { ...reply, text: `${reply.text} ${own}`, blocks: [...reply.blocks.slice(0, 1), { type: 'context', text: own }, ...reply.blocks.slice(1)] };
}

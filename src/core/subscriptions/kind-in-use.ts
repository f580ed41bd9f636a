/**
 * A Discord id names a channel or a user, and nothing in it says which: the kind it was first
 * used as stands, or its digest would go to the wrong place and its subscriptions would be
 * listed twice. `subscribe` and `channel add` ask this one question.
 */
import type { SubscriberKind, SubscriptionStore } from './ports.js';
import type { TargetStore } from '../targets/ports.js';

/** The kind the id is in use as: its delivery target's, else its subscriptions'; null when it is unused (or the console). */
export async function kindInUse(id: string, stores: { targets?: Pick<TargetStore, 'get'>; subscriptions: Pick<SubscriptionStore, 'list'> }): Promise<SubscriberKind | null> {
  const target = await stores.targets?.get(id);
  if (target && target.kind !== 'console') return target.kind;
  return (await stores.subscriptions.list({ subscriber: id }))[0]?.kind ?? null;
}

/** "discord:123 is already a channel, not a DM: a DM needs the user's own id". */
export function kindConflictMessage(id: string, inUse: SubscriberKind, asked: SubscriberKind): string {
  const advice = asked === 'user' ? "a DM needs the user's own id" : 'a channel needs the channel id';
  return `${id} is already a ${inUse === 'user' ? 'DM' : 'channel'}, not a ${asked === 'user' ? 'DM' : 'channel'}: ${advice}`;
}

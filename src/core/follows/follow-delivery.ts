/** Following reaches someone only through a delivery target (their DM digest). */
import type { SubscriberId } from '../subscriptions/subscriber-id.js';
import type { TargetService } from '../targets/target-service.js';
import type { FollowService } from './follow-service.js';

/**
 * The follower's delivery target, or the follow undone: a follow with nowhere to deliver would
 * look done and never arrive.
 */
export async function ensureOrUndo(
  deps: { follows: Pick<FollowService, 'store'>; targets: Pick<TargetService, 'ensure'> },
  subscriber: SubscriberId,
  author: string,
): ReturnType<TargetService['ensure']> {
  try {
    return await deps.targets.ensure(subscriber);
  } catch (err) {
    await deps.follows.store.remove(subscriber.id, author).catch(() => undefined);
    throw err;
  }
}

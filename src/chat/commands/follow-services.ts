/**
 * FollowCommandServices over the core follow service. Following from chat also makes sure the
 * caller has a delivery target (their DM digest), so the followed papers actually arrive.
 */
import type { FollowService } from '../../core/follows/follow-service.js';
import { ensureOrUndo } from '../../core/follows/follow-delivery.js';
import { parseSubscriberId, type Actor } from '../../core/subscriptions/subscriber-id.js';
import type { TargetService } from '../../core/targets/target-service.js';
import { nextDigest } from '../../core/targets/next-digest.js';
import type { Clock } from '../../core/ports.js';
import type { FollowCommandServices } from './follow-command.js';

/** `clock`: the target service's, so a new target's first digest is named as it was made to wait; default: the system clock. */
export function createFollowCommandServices(deps: { follows: FollowService; targets: Pick<TargetService, 'ensure'>; clock?: Clock }): FollowCommandServices {
  // Chat callers follow for themselves only: no channel rights are ever granted here.
  const self = (userId: string): Actor => ({ id: userId, canManageChannel: () => false });
  const subscriberOf = (userId: string) => {
    const parsed = parseSubscriberId(userId, 'user');
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  };
  return {
    async follow(userId, author) {
      const subscriber = subscriberOf(userId);
      const outcome = await deps.follows.follow(self(userId), subscriber, author);
      if (outcome.status !== 'followed') return outcome;
      const { target, created } = await ensureOrUndo(deps, subscriber, outcome.author);
      return created ? { ...outcome, firstDigest: nextDigest(target, deps.clock?.now() ?? new Date(), true) } : outcome;
    },
    unfollow: (userId, author) => deps.follows.unfollow(self(userId), subscriberOf(userId), author),
    list: async (userId) => (await deps.follows.list(userId)).map((f) => f.author),
  };
}

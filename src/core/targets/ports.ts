/** What the targets module needs from outside: the delivery-target store. */
import type { TargetPlatform } from '../platforms.js';
import type { SubscriberKind } from '../subscriptions/ports.js';

/** Where digests go and when. `id` is the subscriber id (channel or user for DMs) or 'console'. */
export interface DeliveryTarget {
  id: string;
  platform: TargetPlatform;
  kind: SubscriberKind | 'console';
  /** HH:MM, 24 h. */
  time: string;
  /** IANA time zone. */
  timeZone: string;
  weekdaysOnly: boolean;
  /**
   * A weekly roll-up on this weekday (0 = Sunday … 6 = Saturday, local to `timeZone`): the week's
   * top `maxPapers` by match score and upvotes. Absent or null: a digest every day.
   */
  weeklyOn?: number | null;
  maxPapers: number;
  notifyEmpty: boolean;
  /**
   * End of the last digest run's window (delivered, or empty with nothing to post); papers first
   * seen after it are new. Null until the first such run: it says only when the last digest
   * ran (`channel list --json` shows it).
   * Targets stored before `digestFrom` existed may hold a lastDigestAt that was only the slot
   * before they were added: those cannot be told apart from a delivered one.
   */
  lastDigestAt: Date | null;
  /**
   * Where the first digest's window starts, and no slot at or before it makes the target due:
   * a target added by a person starts at the schedule slot before it was added
   * (waitingForNextSlot), so its first digest comes at its next slot, with the papers since
   * this one. Absent or null, with no digest delivered: due at once, over one period (the
   * service's console, and targets stored before that rule).
   */
  digestFrom?: Date | null;
  /**
   * When its schedule last changed (afterScheduleChange): no slot at or before it makes the
   * target due, so a change never brings a digest at once for a slot already passed.
   */
  rescheduledAt?: Date | null;
  status: 'active' | 'broken';
  brokenReason: string | null;
  failureCount: number;
  /** Each digest as a header message with one reply per paper in its thread (absent: false). */
  threads?: boolean;
  /** Canonical BCP 47 tag of the digest's language (absent or null: English). */
  language?: string | null;
}

/**
 * The columns a settings change may write (targetChanges): never the id, platform or kind, and
 * never `lastDigestAt`, which only a finished digest moves (markDelivered).
 */
export type TargetChanges = Partial<Omit<DeliveryTarget, 'id' | 'platform' | 'kind' | 'lastDigestAt'>>;

export interface TargetStore {
  /** Writes the whole row: for a target being made. A change to one that exists goes through `update`. */
  upsert(target: DeliveryTarget): Promise<void>;
  /**
   * Writes only the columns in `changes`, so a digest finishing meanwhile keeps the
   * `lastDigestAt` it wrote (a whole row read before it would put the old one back). False when
   * there is no such target.
   */
  update(id: string, changes: TargetChanges): Promise<boolean>;
  get(id: string): Promise<DeliveryTarget | null>;
  list(): Promise<DeliveryTarget[]>;
  /**
   * Removes the target and its subscriptions together, and drops its unfinished digests (added
   * again, the id must not resume the old target's); the parts it was sent and the papers it was
   * given stay. True if there was a target or subscriptions.
   */
  remove(id: string): Promise<boolean>;
  /**
   * Advance the window only after every part of the digest is sent; never moves it back.
   * `digestFrom` stays as it is: a window ends after it (a slot past dueAfter, or a manual run's
   * now, later than the slot before the target was added), so once one is delivered lastDigestAt
   * decides instead of it, in dueAfter, the next window's start and isDigestOpen alike.
   */
  markDelivered(id: string, windowEnd: Date): Promise<void>;
  markFailure(id: string, reason: string, broken: boolean): Promise<void>;
}

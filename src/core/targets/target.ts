import { latestSlot } from '../digest/schedule.js';
import type { DeliveryTarget, TargetChanges } from '../ports.js';
import type { TargetId } from './target-id.js';

/** The configured defaults a new delivery target starts from (PAPERBOY_DIGEST_DEFAULT_*). */
export interface TargetDefaults {
  PAPERBOY_DIGEST_DEFAULT_TIME: string;
  PAPERBOY_DIGEST_DEFAULT_TZ: string;
  PAPERBOY_DIGEST_MAX_PAPERS: number;
}

/**
 * A new, active target on the default schedule. With no digest yet (`lastDigestAt` null) its
 * first digest covers the default window (the last day, or the last week for a weekly roll-up).
 */
export function newDeliveryTarget(
  id: TargetId,
  defaults: TargetDefaults,
  overrides: Partial<Pick<DeliveryTarget, 'notifyEmpty' | 'weekdaysOnly'>> = {},
): DeliveryTarget {
  return {
    id: id.id,
    platform: id.platform,
    kind: id.kind,
    time: defaults.PAPERBOY_DIGEST_DEFAULT_TIME,
    timeZone: defaults.PAPERBOY_DIGEST_DEFAULT_TZ,
    weekdaysOnly: overrides.weekdaysOnly ?? false,
    maxPapers: defaults.PAPERBOY_DIGEST_MAX_PAPERS,
    notifyEmpty: overrides.notifyEmpty ?? false,
    lastDigestAt: null,
    // Set, not left out: `channel add --json` shows the keys `channel list --json` does.
    digestFrom: null,
    rescheduledAt: null,
    status: 'active',
    brokenReason: null,
    failureCount: 0,
  };
}

/**
 * A target someone just added, waiting for its next scheduled slot: its window starts at the
 * slot before now, so its first digest comes at its next slot, with the papers since the one
 * before. Left never delivered, it was due at once for the period that had already ended:
 * papers stored since that slot (an ingest just before adding it) were not in it, so the run
 * was an empty one ("no new papers" in a channel just added, with --notify-empty) and the
 * first real digest came at the next slot anyway. `lastDigestAt` stays null (nothing was
 * delivered): it was this slot once, and `channel list --json` read as a digest sent then.
 */
export function waitingForNextSlot(target: DeliveryTarget, now: Date): DeliveryTarget {
  return { ...target, digestFrom: latestSlot(target, now) };
}

/**
 * Whether a change leaves what is due at `now` as it was: the schedules' latest slots are the
 * same (the same settings, or "UTC" and "Etc/UTC", weekdays only on a weekly target). Compared as
 * written, such a change held back a digest already due until the next slot, a week for a
 * weekly target; the slots after `now` are the new schedule's either way.
 */
function sameSchedule(a: DeliveryTarget, b: DeliveryTarget, now: Date): boolean {
  return latestSlot(a, now).getTime() === latestSlot(b, now).getTime();
}

/**
 * `after`, the target with a new schedule set at `now` (`before`: as it was), waiting for the
 * new schedule's next slot: a slot that passed before the change is not one it is due for.
 * Moved later (08:00 → 09:30 at 10:00, today's digest sent) it was due at once, a second
 * digest that morning; moved earlier than now (18:00 → 08:00 at noon) it was due at once, at
 * an hour nobody chose. Its window still starts at the last digest (or, with none yet, at its
 * digestFrom), so no paper is skipped. A change that names the same slots keeps the target as
 * it was: a digest it was due for (the service down at its slot) still comes at once.
 */
export function afterScheduleChange(before: DeliveryTarget, after: DeliveryTarget, now: Date): DeliveryTarget {
  return sameSchedule(before, after, now) ? after : { ...after, rescheduledAt: now };
}

/** What a settings change never writes: the target's identity, and the window a digest moves. */
const NOT_SETTINGS: ReadonlySet<string> = new Set(['id', 'platform', 'kind', 'lastDigestAt'] satisfies Array<keyof DeliveryTarget>);

const sameValue = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null);

/**
 * The one rule for saving a change to a target that exists: only the columns `after` changes
 * from `before` (an absent optional field is its null), never `lastDigestAt`. A digest that
 * finishes between the read of `before` and the write then keeps its window end: the whole row
 * written back put the old one in again, and the target was due again for the slot it had just
 * been sent.
 */
export function targetChanges(before: DeliveryTarget, after: DeliveryTarget): TargetChanges {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (NOT_SETTINGS.has(key) || value === undefined) continue;
    if (!sameValue(before[key as keyof DeliveryTarget], value)) changes[key] = value;
  }
  return changes as TargetChanges;
}

/**
 * When a target's next digest goes out, in the target's own zone: one wording for the CLI
 * (`channel add|list`, `subscribe`) and the chat replies, so both say the same time the same way.
 */
import { checkDue, localTimeText, nextSlot } from '../digest/schedule.js';
import type { DeliveryTarget } from '../ports.js';

/**
 * `first`: nothing was delivered yet (a target just added, or one never delivered); `atOnce`:
 * already due, so it goes at the scheduler's next run and then at `slot` (never delivered from
 * before the wait-for-the-next-slot rule, or a slot passed since its last digest that the
 * scheduler has not run yet: the service was down, or a target resumed after it stopped; a
 * schedule change is never one, see afterScheduleChange).
 */
export interface NextDigest {
  slot: Date;
  timeZone: string;
  atOnce: boolean;
  first: boolean;
}

/** When `t`'s next digest goes out; `added`: it was made just now, so that digest is its first. */
export function nextDigest(t: DeliveryTarget, now: Date, added = false): NextDigest {
  // Asked of an active target: a broken one gets nothing, and whoever resumes it asks again.
  const atOnce = checkDue({ ...t, status: 'active' }, now).status === 'due';
  return { slot: nextSlot(t, now), timeZone: t.timeZone, atOnce, first: added || t.lastDigestAt === null };
}

/** Whether two answers name the same moment (a schedule change that moved nothing says nothing). */
export function sameTime(a: NextDigest, b: NextDigest): boolean {
  return a.atOnce === b.atOnce && (a.atOnce || a.slot.getTime() === b.slot.getTime());
}

/** "first digest Sun 2026-12-06 09:00 Europe/Berlin", "next Mon 2026-12-07 09:00 UTC", "next digest at the scheduler's next run, then …". */
export function nextDigestText(n: NextDigest): string {
  const slot = localTimeText(n.slot, n.timeZone);
  const which = n.first ? 'first digest' : 'next';
  return n.atOnce ? `${n.first ? which : 'next digest'} at the scheduler's next run, then ${slot}` : `${which} ${slot}`;
}

/** nextDigestText of `t` now, as `channel add|list` and `subscribe` print it. */
export function nextText(t: DeliveryTarget, now: Date, added: boolean): string {
  return nextDigestText(nextDigest(t, now, added));
}

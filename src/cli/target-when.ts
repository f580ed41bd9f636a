/** When a target's digests go out, as `channel add|list` and `subscribe` say it: in the target's own zone. */
import { nextSlot } from '../core/digest/schedule.js';
import type { DeliveryTarget } from '../core/ports.js';

/** A slot as the target's people read it: "Fri 2026-12-04 20:48 Europe/Berlin". */
export function localSlot(slot: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(slot)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${timeZone}`;
}

/**
 * When the next digest goes out, in the target's zone. A target just added waits for its next
 * slot, and says it is the first; one never delivered from before that rule (or the service's
 * console) is due at the scheduler's next run.
 */
export function nextText(t: DeliveryTarget, now: Date, added: boolean): string {
  const slot = localSlot(nextSlot(t, now), t.timeZone);
  if (t.lastDigestAt === null) return `first digest at the scheduler's next run, then ${slot}`;
  return added ? `first digest ${slot}` : `next ${slot}`;
}

/**
 * What the service says at start about the console digest, the one someone trying paperboy
 * waits for: when it comes, how many stored papers wait for it, and how to print one now. A
 * first `npm start` otherwise said nothing of it until the next morning.
 */
import { count } from '../core/count.js';
import { latestSlot, localTimeText } from '../core/digest/schedule.js';
import type { Stores } from '../core/ports.js';
import { CONSOLE_TARGET } from '../core/targets/target-id.js';
import { nextDigest } from '../core/targets/next-digest.js';

/** The command that prints the console digest now, as the quick start runs the CLI. */
export const CONSOLE_DIGEST_NOW = 'npm run paperboy -- digest --target console';

const MINUTE = 60_000;

/** "in 8 h 49 min", "in 3 d 2 h", "in 12 min", "in under a minute". */
export function untilText(ms: number): string {
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 1) return 'in under a minute';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d) return `in ${d} d${h ? ` ${h} h` : ''}`;
  return h ? `in ${h} h${m ? ` ${m} min` : ''}` : `in ${m} min`;
}

/** The line about the console target's next digest at `now`, or null without an active console target. */
export async function consoleOutlook(stores: Pick<Stores, 'targets' | 'papers'>, now: Date): Promise<string | null> {
  const target = await stores.targets.get(CONSOLE_TARGET.id);
  if (!target || target.status === 'broken') return null;
  const next = nextDigest(target, now);
  // A digest due now ends at the slot that passed (the start-up catch-up makes it); the next one's window starts there.
  const from = next.atOnce ? latestSlot(target, now) : (target.lastDigestAt ?? target.digestFrom ?? latestSlot(target, now));
  const stored = await stores.papers.count({ since: from, before: now });
  const papers = `${count(stored, 'paper')} stored since ${localTimeText(from, target.timeZone)} wait for it (those matching its topics are printed)`;
  // A first one comes only with papers (run-digests.ts catchUp): said, so that nothing printed is no surprise.
  const due = next.atOnce ? `; the one for the period ending ${localTimeText(from, target.timeZone)} is made now${next.first ? ', printed if it has papers' : ''}` : '';
  return `next console digest: ${localTimeText(next.slot, next.timeZone)}, ${untilText(next.slot.getTime() - now.getTime())}; ${papers}${due}. To print one now: ${CONSOLE_DIGEST_NOW}`;
}

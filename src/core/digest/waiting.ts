/**
 * A digest waiting to be sent (planned, not every message posted: the platform refused or
 * failed a part, or a run stopped), as `channel list` shows it to the person who must act.
 */
import type { OpenDigest } from './ports.js';
import { lastUnsentAt, retryDelayMs } from './run-digests.js';

export interface WaitingDigest {
  windowEnd: Date;
  /** Messages the digest was rendered into; null when no message of it was tried yet. */
  parts: number | null;
  /** Of those, how many are not posted yet (null as `parts`). */
  unsent: number | null;
  /** The platform's last answer to a message not posted (its error), if any. */
  lastError: string | null;
  /**
   * When the service tries it again after refusals (the target's pause, run-digests.ts
   * retryDelayMs); null: at its next run.
   */
  retryFrom: Date | null;
}

export function waitingDigest(open: OpenDigest, failureCount: number): WaitingDigest {
  const recorded = open.parts;
  const parts = recorded.length ? Math.max(...recorded.map((p) => p.totalParts)) : null;
  const sent = recorded.filter((p) => p.status === 'sent').length;
  const latest = recorded.filter((p) => p.status !== 'sent' && p.lastError).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
  return {
    windowEnd: open.windowEnd,
    parts,
    unsent: parts === null ? null : Math.max(0, parts - sent),
    lastError: latest?.lastError ?? null,
    retryFrom: failureCount > 0 && recorded.length ? new Date(lastUnsentAt(recorded) + retryDelayMs(failureCount)) : null,
  };
}

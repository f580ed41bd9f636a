/** Delivery-ledger rules shared by the memory and Prisma ledgers. */
import type { DeliveryPart, DeliveryStatus, DeliveryTarget, PlannedDigest } from '../core/ports.js';

/**
 * A digest is finished when every part 1..totalParts is sent, or when its target's window
 * has already moved past it (delivered, or nothing to send, or it starts after it: digestFrom). Without a target row only the
 * parts decide (the resume step sees the target is gone and skips it); removing a target drops its
 * unfinished digests (TargetStore.remove), so one added again never resumes them.
 */
export function isDigestOpen(digest: PlannedDigest, parts: readonly DeliveryPart[], target: DeliveryTarget | null): boolean {
  if (target?.lastDigestAt && target.lastDigestAt.getTime() >= digest.windowEnd.getTime()) return false;
  // A target added (again) by a person starts at digestFrom: a plan ending by then was an
  // earlier target's of that id (removed with the digest unsent), not one to post now.
  if (target?.digestFrom && target.digestFrom.getTime() >= digest.windowEnd.getTime()) return false;
  if (parts.length === 0) return true;
  const total = Math.max(...parts.map((p) => p.totalParts));
  const sent = new Set(parts.filter((p) => p.status === 'sent').map((p) => p.part));
  for (let i = 1; i <= total; i++) if (!sent.has(i)) return true;
  return false;
}

/**
 * Status after `markPending` on an existing part: a sent part stays sent (idempotent resume);
 * anything else becomes pending again, meaning "a post may be in flight".
 */
export function pendingStatusFor(current: DeliveryStatus): DeliveryStatus {
  return current === 'sent' ? 'sent' : 'pending';
}

/** The memory stores of delivery: targets, the delivery ledger and the run coordinator (see memory-stores.ts). */
import type { DeliveryLedger, DeliveryPart, DeliveryTarget, PlannedDigest, RunCoordinator, SubscriptionStore, TargetStore } from '../../src/core/ports.js';
import { isDigestOpen, pendingStatusFor } from '../../src/store/ledger-rules.js';
import { leaseHolderGone, leaseHolderProcess, newRunLeaseHolder } from '../../src/store/run-lease-holder.js';
import { windowKeyOf } from '../../src/core/digest/window-key.js';
import { copy } from './memory-copy.js';

export function memoryTargetsAndLedger(subscriptions: SubscriptionStore): { targets: TargetStore; ledger: DeliveryLedger } {
  const targets = new Map<string, DeliveryTarget>();
  // Digests by target then window key, parts by (target, window key) then part number: the
  // same lookups the Prisma tables' primary keys serve, so a per-target read never scans
  // every target's rows (that made a run over N targets O(N²)).
  const digests = new Map<string, Map<string, PlannedDigest>>();
  const parts = new Map<string, Map<number, DeliveryPart>>();
  /** Per-target paper memory: arXiv ids each target has been given, with the carrying digest's window key. */
  const delivered = new Map<string, Map<string, string>>();
  const digestKey = (targetId: string, windowKey: string) => JSON.stringify([targetId, windowKey]);
  const partsOf = (targetId: string, windowKey: string) =>
    [...(parts.get(digestKey(targetId, windowKey))?.values() ?? [])].sort((a, b) => a.part - b.part);
  const updatePart = (targetId: string, windowKey: string, part: number, change: (p: DeliveryPart) => DeliveryPart) => {
    const byPart = parts.get(digestKey(targetId, windowKey));
    const p = byPart?.get(part);
    if (byPart && p) byPart.set(part, change(p));
  };
  return {
    targets: {
      async upsert(target) {
        targets.set(target.id, copy(target));
      },
      async update(id, changes) {
        const t = targets.get(id);
        // As Prisma does: a key given as undefined is no change.
        const given = Object.fromEntries(Object.entries(copy(changes)).filter(([, v]) => v !== undefined));
        if (t) targets.set(id, { ...t, ...given });
        return t !== undefined;
      },
      async get(id) {
        const t = targets.get(id);
        return t ? copy(t) : null;
      },
      async list() {
        return [...targets.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(copy);
      },
      async remove(id) {
        const subs = await subscriptions.list({ subscriber: id });
        for (const s of subs) await subscriptions.remove(id, s.topicSlug);
        // As the Prisma store does: its unfinished digests go with it; posted parts and the paper memory stay.
        const plans = digests.get(id);
        for (const [windowKey, d] of plans ?? []) if (isDigestOpen(d, partsOf(id, windowKey), targets.get(id) ?? null)) plans!.delete(windowKey);
        return targets.delete(id) || subs.length > 0;
      },
      async markDelivered(id, windowEnd) {
        const t = targets.get(id);
        if (t && (t.lastDigestAt === null || t.lastDigestAt.getTime() < windowEnd.getTime())) targets.set(id, { ...t, lastDigestAt: new Date(windowEnd), failureCount: 0 });
      },
      async markFailure(id, reason, broken) {
        const t = targets.get(id);
        if (!t) return;
        targets.set(id, {
          ...t,
          failureCount: t.failureCount + 1,
          ...(broken ? { status: 'broken' as const, brokenReason: reason } : {}),
        });
      },
    },
    ledger: {
      async planDigest(digest, opts = {}) {
        const windowKey = windowKeyOf(digest.windowEnd);
        let byWindow = digests.get(digest.targetId);
        if (!byWindow) digests.set(digest.targetId, (byWindow = new Map()));
        const found = byWindow.get(windowKey);
        if (found) return copy(found);
        let given = delivered.get(digest.targetId);
        if (!given) delivered.set(digest.targetId, (given = new Map()));
        const items = opts.resend ? digest.items : digest.items.filter((i) => !given.has(i.arxivId));
        for (const i of items) given.set(i.arxivId, windowKey);
        const saved = { ...digest, items };
        byWindow.set(windowKey, copy(saved));
        return copy(saved);
      },
      async deliveredPapers(targetId, arxivIds) {
        const given = delivered.get(targetId);
        return new Map(arxivIds.flatMap((id) => (given?.has(id) ? [[id, given.get(id)!] as const] : [])));
      },
      async openDigests(targetId) {
        const byWindow = targetId === undefined ? [...digests.values()] : [digests.get(targetId) ?? new Map<string, PlannedDigest>()];
        return byWindow
          .flatMap((m) => [...m.values()])
          .map((d) => ({ ...d, parts: partsOf(d.targetId, windowKeyOf(d.windowEnd)) }))
          .filter((d) => isDigestOpen(d, d.parts, targets.get(d.targetId) ?? null))
          .sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime() || (a.targetId < b.targetId ? -1 : 1))
          .map(copy);
      },
      async parts(targetId, windowKey) {
        return partsOf(targetId, windowKey).map(copy);
      },
      async markPending(targetId, windowKey, part, totalParts) {
        const k = digestKey(targetId, windowKey);
        let byPart = parts.get(k);
        if (!byPart) parts.set(k, (byPart = new Map()));
        const found = byPart.get(part);
        const next: DeliveryPart = found
          ? { ...found, status: pendingStatusFor(found.status), updatedAt: found.status === 'sent' ? found.updatedAt : new Date() }
          : { targetId, windowKey, part, totalParts, status: 'pending', platformMessageId: null, attempts: 0, lastError: null, updatedAt: new Date(), pendingSince: new Date() };
        byPart.set(part, next);
        return copy(next);
      },
      async markSent(targetId, windowKey, part, platformMessageId) {
        updatePart(targetId, windowKey, part, (p) => ({
          ...p,
          status: 'sent',
          platformMessageId,
          attempts: p.attempts + 1,
          lastError: null,
          updatedAt: new Date(),
        }));
      },
      async markFailed(targetId, windowKey, part, status, error) {
        updatePart(targetId, windowKey, part, (p) =>
          p.status === 'sent' ? p : { ...p, status, attempts: p.attempts + 1, lastError: error, updatedAt: new Date() },
        );
      },
    },
  };
}

export function memoryRuns(): RunCoordinator {
  const runs = new Map<string, { job: string; slot: string; replica: string; status: string; detail: string | null; claimedAt: Date; finishedAt: Date | null }>();
  const key = (job: string, slot: string) => JSON.stringify([job, slot]);
  const leases = new Map<string, { holder: string; expiresAt: Date }>();
  return {
    newHolder: newRunLeaseHolder,
    async lease(k, holder, now, expiresAt) {
      const held = leases.get(k);
      const live = held && held.holder !== holder && held.expiresAt.getTime() > now.getTime();
      if (live && !leaseHolderGone(held.holder)) return { ...held };
      leases.set(k, { holder, expiresAt });
      return live ? { tookOverFrom: leaseHolderProcess(held.holder) } : null;
    },
    async release(k, holder) {
      if (leases.get(k)?.holder === holder) leases.delete(k);
    },
    async claim(job, slot, replica, now) {
      const k = key(job, slot);
      if (runs.has(k)) return false;
      runs.set(k, { job, slot, replica, status: 'running', detail: null, claimedAt: now, finishedAt: null });
      return true;
    },
    async complete(job, slot, status, detail, now) {
      const r = runs.get(key(job, slot));
      if (r) runs.set(key(job, slot), { ...r, status, detail, finishedAt: now });
    },
    async lastRun(job) {
      const latest = [...runs.values()]
        .filter((r) => r.job === job)
        .sort((a, b) => b.claimedAt.getTime() - a.claimedAt.getTime() || (a.slot < b.slot ? 1 : -1))[0];
      return latest ? { slot: latest.slot, status: latest.status, finishedAt: latest.finishedAt ? new Date(latest.finishedAt) : null } : null;
    },
  };
}

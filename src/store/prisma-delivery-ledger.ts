/**
 * DeliveryLedger on Prisma: planned digests frozen at planning time and one row per message
 * part, so a resumed delivery sends exactly the parts that are not yet sent.
 */
import type { DeliveryLedger, DeliveryPart, DeliveryStatus, PlannedDigest } from '../core/ports.js';
import { paramList, type DbClient, type StoreDb } from './connect.js';
import { isDigestOpen } from './ledger-rules.js';
import { windowKeyOf } from '../core/digest/window-key.js';
import { isUniqueViolation } from './prisma-errors.js';
import { rawDate } from './raw-dates.js';
import { targetFromRow } from './prisma-target-store.js';
import { slices } from '../slices.js';
import { yieldToEventLoop } from '../core/event-loop.js';

type DigestRow = Awaited<ReturnType<DbClient['plannedDigest']['findFirstOrThrow']>>;
type PartRow = Awaited<ReturnType<DbClient['deliveryPart']['findFirstOrThrow']>>;

function digestFromRow(r: DigestRow): PlannedDigest {
  let items: PlannedDigest['items'] = [];
  try {
    const v: unknown = JSON.parse(r.items);
    if (Array.isArray(v)) items = v as PlannedDigest['items'];
  } catch {
    // a damaged plan reads as empty rather than stopping every resume
  }
  return { targetId: r.targetId, windowStart: r.windowStart, windowEnd: r.windowEnd, items, createdAt: r.createdAt, ...(r.threads ? { threads: true } : {}), ...(r.language ? { language: r.language } : {}), ...(r.moreMatched ? { moreMatched: r.moreMatched } : {}) };
}

const partFromRow = (r: PartRow): DeliveryPart => ({ ...r, status: r.status as DeliveryStatus });

/**
 * Digest keys per OR query. Each key binds two parameters and the SQLite adapter refuses a
 * query over its parameter limit (measured: 1,500 open digests failed in one query), so a
 * producer resuming many digests reads them in slices, each still a primary-key lookup.
 */
const KEYS_PER_QUERY = 200;
/** Paper ids per IN list (one parameter each), well under either provider's limit. */
const IDS_PER_QUERY = 500;

type DigestKey = { targetId: string; windowKey: string };
const keyString = (k: DigestKey) => `${k.targetId}\u0000${k.windowKey}`;

export function createPrismaDeliveryLedger(db: StoreDb): DeliveryLedger {
  const findPart = (targetId: string, windowKey: string, part: number) =>
    db.run((c) => c.deliveryPart.findUnique({ where: { targetId_windowKey_part: { targetId, windowKey, part } } }));
  return {
    async planDigest(digest, opts = {}) {
      const windowKey = windowKeyOf(digest.windowEnd);
      const save = () =>
        db.tx(async (tx) => {
          const existing = await tx.plannedDigest.findUnique({ where: { targetId_windowKey: { targetId: digest.targetId, windowKey } } });
          if (existing) return digestFromRow(existing);
          let items = digest.items;
          const ids = [...new Set(items.map((i) => i.arxivId))];
          if (ids.length && !opts.resend) {
            const given = new Set<string>();
            for (const slice of slices(ids, IDS_PER_QUERY)) {
              const rows = await tx.deliveredPaper.findMany({ where: { targetId: digest.targetId, arxivId: { in: slice } }, select: { arxivId: true } });
              for (const r of rows) given.add(r.arxivId);
            }
            items = items.filter((i) => !given.has(i.arxivId));
          }
          const kept = [...new Map(items.map((i) => [i.arxivId, i])).values()];
          if (opts.resend) {
            for (const slice of slices(kept.map((i) => i.arxivId), IDS_PER_QUERY)) await tx.deliveredPaper.deleteMany({ where: { targetId: digest.targetId, arxivId: { in: slice } } });
          }
          for (const slice of slices(kept, IDS_PER_QUERY)) {
            await tx.deliveredPaper.createMany({
              data: slice.map((i) => ({ targetId: digest.targetId, arxivId: i.arxivId, version: i.version ?? null, windowKey, plannedAt: digest.createdAt })),
            });
          }
          await tx.plannedDigest.create({
            data: { targetId: digest.targetId, windowKey, windowStart: digest.windowStart, windowEnd: digest.windowEnd, items: JSON.stringify(items), createdAt: digest.createdAt, threads: digest.threads ?? false, language: digest.language ?? null, moreMatched: digest.moreMatched ?? 0 },
          });
          return { ...digest, items };
        });
      try {
        return await save();
      } catch (err) {
        // A concurrent plan (another replica, a manual run) committed the same window or claimed
        // one of these papers between our read and our write: the second attempt sees its rows.
        if (!isUniqueViolation(err)) throw err;
        return save();
      }
    },
    async deliveredPapers(targetId, arxivIds) {
      const given = new Map<string, string>();
      // Raw SQL (no Prisma query plan per slice), and a turn of the event loop between slices:
      // a window after a backfill asks about tens of thousands of matched papers, and on SQLite
      // the slices otherwise ran back to back in one task (one of 2.4 s at 100,000 papers).
      let first = true;
      for (const slice of slices([...new Set(arxivIds)], IDS_PER_QUERY)) {
        if (!first) await yieldToEventLoop();
        first = false;
        const rows = await db.query<{ arxivId: string; windowKey: string }>(
          `SELECT "arxivId", "windowKey" FROM "DeliveredPaper" WHERE "targetId" = ${db.param(1)} AND "arxivId" IN (${paramList(db, 2, slice.length)})`,
          [targetId, ...slice],
        );
        for (const r of rows) given.set(r.arxivId, r.windowKey);
      }
      return given;
    },
    async openDigests(targetId) {
      // With a target, every query filters on targetId, the leading column of the
      // PlannedDigest and DeliveryPart primary keys: a per-target job reads only its own rows.
      type Head = { targetId: string; windowKey: string; windowEnd: Date };
      let heads: Head[];
      let targets: Array<Awaited<ReturnType<DbClient['deliveryTarget']['findFirstOrThrow']>>>;
      if (targetId === undefined) {
        // Every target's: only plans whose target's window has not moved past them come back
        // (the database filters; reading every plan and target each producer tick was
        // O(all digests ever planned)). Both stores keep DateTimes in one sortable form.
        const rows = await db.run((c) =>
          c.$queryRawUnsafe<Array<{ targetId: string; windowKey: string; windowEnd: Date | string }>>(
            `SELECT d."targetId", d."windowKey", d."windowEnd" FROM "PlannedDigest" d LEFT JOIN "DeliveryTarget" t ON t."id" = d."targetId"
              WHERE t."lastDigestAt" IS NULL OR t."lastDigestAt" < d."windowEnd"`,
          ),
        );
        heads = rows.map((r) => ({ targetId: r.targetId, windowKey: r.windowKey, windowEnd: rawDate(r.windowEnd)! }));
        targets = [];
        for (const slice of slices([...new Set(heads.map((h) => h.targetId))], KEYS_PER_QUERY)) {
          targets.push(...(await db.run((c) => c.deliveryTarget.findMany({ where: { id: { in: slice } } }))));
        }
      } else {
        heads = await db.run((c) => c.plannedDigest.findMany({ where: { targetId }, select: { targetId: true, windowKey: true, windowEnd: true } }));
        // A per-target job mostly finds no plan at all: then the target row is not needed.
        if (heads.length === 0) return [];
        targets = await db.run((c) => c.deliveryTarget.findMany({ where: { id: targetId } }));
      }
      const byId = new Map(targets.map((t) => [t.id, targetFromRow(t)]));
      // Cheap filter first (window already moved on), then look at parts of the rest.
      const candidates = heads.filter((h) => {
        const last = byId.get(h.targetId)?.lastDigestAt;
        return !last || last.getTime() < h.windowEnd.getTime();
      });
      if (candidates.length === 0) return [];
      const partsByKey = new Map<string, DeliveryPart[]>();
      for (const slice of slices(candidates, KEYS_PER_QUERY)) {
        const partRows = await db.run((c) =>
          c.deliveryPart.findMany({ where: { OR: slice.map((h) => ({ targetId: h.targetId, windowKey: h.windowKey })) } }),
        );
        for (const p of partRows) {
          const k = keyString(p);
          const list = partsByKey.get(k);
          if (list) list.push(partFromRow(p));
          else partsByKey.set(k, [partFromRow(p)]);
        }
      }
      const open = candidates.filter((h) =>
        isDigestOpen({ targetId: h.targetId, windowStart: null, windowEnd: h.windowEnd, items: [], createdAt: h.windowEnd }, partsByKey.get(keyString(h)) ?? [], byId.get(h.targetId) ?? null),
      );
      const rows: DigestRow[] = [];
      for (const slice of slices(open, KEYS_PER_QUERY)) {
        rows.push(...(await db.run((c) => c.plannedDigest.findMany({ where: { OR: slice.map((h) => ({ targetId: h.targetId, windowKey: h.windowKey })) } }))));
      }
      // Sorted here, not by the database: slices come back separately, and code-unit order on
      // the id is the same on SQLite, PostgreSQL (whatever its collation) and the memory store.
      rows.sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime() || (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0));
      return rows.map((r) => ({ ...digestFromRow(r), parts: (partsByKey.get(keyString(r)) ?? []).sort((a, b) => a.part - b.part) }));
    },
    async parts(targetId, windowKey) {
      const rows = await db.run((c) => c.deliveryPart.findMany({ where: { targetId, windowKey }, orderBy: { part: 'asc' } }));
      return rows.map(partFromRow);
    },
    async markPending(targetId, windowKey, part, totalParts) {
      try {
        const row = await db.run((c) =>
          c.deliveryPart.create({ data: { targetId, windowKey, part, totalParts, status: 'pending', attempts: 0, updatedAt: new Date(), pendingSince: new Date() } }),
        );
        return partFromRow(row);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
      // Exists: a sent part stays sent; anything else is pending again ("a post may be in flight").
      await db.run((c) =>
        c.deliveryPart.updateMany({ where: { targetId, windowKey, part, status: { not: 'sent' } }, data: { status: 'pending', updatedAt: new Date() } }),
      );
      const row = await findPart(targetId, windowKey, part);
      if (!row) throw new Error(`delivery part ${targetId} ${windowKey} #${part} vanished while marking it pending`);
      return partFromRow(row);
    },
    async markSent(targetId, windowKey, part, platformMessageId) {
      await db.run((c) =>
        c.deliveryPart.updateMany({
          where: { targetId, windowKey, part },
          data: { status: 'sent', platformMessageId, attempts: { increment: 1 }, lastError: null, updatedAt: new Date() },
        }),
      );
    },
    async markFailed(targetId, windowKey, part, status, error) {
      await db.run((c) =>
        c.deliveryPart.updateMany({
          where: { targetId, windowKey, part, status: { not: 'sent' } },
          data: { status, lastError: error, attempts: { increment: 1 }, updatedAt: new Date() },
        }),
      );
    },
  };
}

/**
 * In-memory implementation of every store port, with the same semantics as the Prisma
 * stores (the contract suite in test/integration/store-contract.test.ts runs against both).
 * A test double (moved out of src/store, issue 13): nothing persists. Values are copied in and
 * out so callers can't mutate stored state by accident.
 */
import { DRAFT_NAMESPACE } from '../../src/core/topics/draft-namespace.js';
import { randomUUID } from 'node:crypto';
import { UNFINISHED_AFTER_MS, UNFINISHED_RUN } from '../../src/core/papers/ports.js';
import type {
  CacheStore,
  DeliveryLedger,
  DeliveryPart,
  DeliveryTarget,
  FeedbackMark,
  FeedbackStore,
  IngestRun,
  IngestRunStore,
  PaperListQuery,
  PaperStore,
  SeenWindow,
  PlannedDigest,
  RunCoordinator,
  Stores,
  Subscription,
  SubscriptionStore,
  TargetStore,
  TopicDefinition,
  TopicStore,
} from '../../src/core/ports.js';
import type { Paper } from '../../src/core/papers/paper.js';
import type { SavedPaper, SavedPaperStore } from '../../src/core/saved/reading-list.js';
import { planUpsert } from '../../src/store/upsert-plan.js';
import { aliasLookup, resolveDoiAliases } from '../../src/store/doi-alias.js';
import { memoryFollows } from './memory-follows.js';
import { isDigestOpen, pendingStatusFor, windowKeyOf } from '../../src/store/ledger-rules.js';
import { comparePapers } from '../../src/store/paper-order.js';

/** Deep copy of plain data with Dates (structuredClone keeps Date instances). */
const copy = <T>(v: T): T => structuredClone(v);

const byId = (a: Paper, b: Paper) => (a.arxivId < b.arxivId ? -1 : a.arxivId > b.arxivId ? 1 : 0);
/** The keyset order of the SQL store's pages: the date, then the id. */
const byDateThenId = (field: 'firstSeenAt' | 'updatedAt') => (a: Paper, b: Paper) => a[field].getTime() - b[field].getTime() || byId(a, b);
const seenIn = (w: SeenWindow) => (p: Paper) => p.firstSeenAt.getTime() >= w.since.getTime() && p.firstSeenAt.getTime() < w.before.getTime();

/** Rows in pages of `pageSize` (its whole part, at least 1), as the SQL store pages them. */
function* pagesOf(rows: Paper[], pageSize: number): Generator<Paper[]> {
  const size = Math.max(1, Math.floor(pageSize));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size).map(copy);
}

function memoryPapers(): PaperStore {
  const papers = new Map<string, Paper>();
  return {
    async getMany(ids) {
      const out = new Map<string, Paper>();
      for (const id of ids) {
        const p = papers.get(id);
        if (p) out.set(id, copy(p));
      }
      return out;
    },
    async get(id) {
      const p = papers.get(id);
      return p ? copy(p) : null;
    },
    async upsertMany(given, now) {
      // The DOI alias lookup as the database stores run it (store/doi-alias.ts).
      const lookup = aliasLookup(given);
      const ids = new Set(lookup?.ids);
      const dois = new Set(lookup?.dois);
      const inputs = lookup ? resolveDoiAliases(given, [...papers.values()].filter((p) => ids.has(p.arxivId) || (p.doi !== null && dois.has(p.doi)))) : given;
      const existing = new Map<string, Paper>();
      for (const input of inputs) {
        const p = papers.get(input.arxivId);
        if (p) existing.set(p.arxivId, p);
      }
      const { writes, result } = planUpsert(existing, inputs, now);
      for (const p of writes) papers.set(p.arxivId, copy(p));
      return result;
    },
    async list(query: PaperListQuery) {
      let rows = [...papers.values()];
      if (query.since) rows = rows.filter((p) => p.firstSeenAt.getTime() >= query.since!.getTime());
      rows.sort((a, b) => comparePapers(a, b, query.order ?? 'newest'));
      if (query.limit !== undefined) rows = rows.slice(0, Math.max(0, query.limit));
      return rows.map(copy);
    },
    async *iterate(pageSize = 1000) {
      yield* pagesOf([...papers.values()].sort(byId), pageSize);
    },
    async *iterateSeen(window, pageSize = 1000) {
      yield* pagesOf([...papers.values()].filter(seenIn(window)).sort(byDateThenId('firstSeenAt')), pageSize);
    },
    async *iterateUpdated(after, pageSize = 1000) {
      yield* pagesOf([...papers.values()].filter((p) => !after || p.updatedAt.getTime() > after.getTime()).sort(byDateThenId('updatedAt')), pageSize);
    },
    async count(window) {
      return window ? [...papers.values()].filter(seenIn(window)).length : papers.size;
    },
    async setSummary(id, summary, source) {
      const p = papers.get(id);
      if (!p || p.summary !== null) return false;
      papers.set(id, { ...p, summary, summarySource: source });
      return true;
    },
  };
}

function memoryIngestRuns(): IngestRunStore {
  const runs = new Map<string, IngestRun>();
  return {
    async start(source, window, now) {
      for (const [id, r] of runs) if (r.source === source && r.status === 'running' && r.startedAt.getTime() < now.getTime() - UNFINISHED_AFTER_MS) runs.set(id, { ...r, status: 'failed', error: UNFINISHED_RUN });
      const run: IngestRun = {
        id: randomUUID(),
        source,
        window,
        created: 0,
        updated: 0,
        unchanged: 0,
        failed: 0,
        status: 'running',
        error: null,
        startedAt: now,
        finishedAt: null,
      };
      runs.set(run.id, copy(run));
      return run;
    },
    async finish(run) {
      if (runs.has(run.id)) runs.set(run.id, copy(run));
    },
    async latest(limit = 10, source) {
      return [...runs.values()]
        .filter((r) => source === undefined || r.source === source)
        .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (a.id < b.id ? 1 : -1))
        .slice(0, limit)
        .map(copy);
    },
    async settledUnits() {
      // Paper writes are out of sight here, so no unit is known to be settled: nothing is skipped.
      return new Map();
    },
  };
}

function memoryTopicsAndFriends(cache: MemoryCache): { topics: TopicStore; feedback: FeedbackStore; subscriptions: SubscriptionStore } {
  const topics = new Map<string, TopicDefinition>();
  const marks = new Map<string, FeedbackMark>();
  // By subscriber, then topic: a per-target digest job lists one subscriber's rows, and
  // scanning every subscription per job would make a run over N targets O(N²).
  const subs = new Map<string, Map<string, Subscription>>();
  const allSubs = () => [...subs.values()].flatMap((m) => [...m.values()]);
  const markKey = (m: { topicSlug: string; arxivId: string; actor: string }) => JSON.stringify([m.topicSlug, m.arxivId, m.actor]);
  const subKey = (subscriber: string, topicSlug: string) => JSON.stringify([subscriber, topicSlug]);
  return {
    topics: {
      async list() {
        return [...topics.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1)).map(copy);
      },
      async get(slug) {
        const t = topics.get(slug);
        return t ? copy(t) : null;
      },
      async add(topic) {
        if (topics.has(topic.slug)) return 'exists';
        topics.set(topic.slug, copy(topic));
        return 'created';
      },
      async remove(slug) {
        if (!topics.delete(slug)) return false;
        for (const bySlug of subs.values()) bySlug.delete(slug);
        for (const [k, m] of marks) if (m.topicSlug === slug) marks.delete(k);
        cache.drop(DRAFT_NAMESPACE, slug);
        return true;
      },
    },
    feedback: {
      async put(mark) {
        const before = marks.get(markKey(mark))?.verdict ?? null;
        marks.set(markKey(mark), copy(mark));
        return before;
      },
      async remove(key) {
        return marks.delete(markKey(key));
      },
      async forTopic(topicSlug) {
        return [...marks.values()]
          .filter((m) => m.topicSlug === topicSlug)
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (markKey(a) < markKey(b) ? -1 : 1))
          .map(copy);
      },
    },
    subscriptions: {
      async add(sub) {
        let bySlug = subs.get(sub.subscriber);
        if (!bySlug) subs.set(sub.subscriber, (bySlug = new Map()));
        if (bySlug.has(sub.topicSlug)) return 'exists';
        bySlug.set(sub.topicSlug, copy(sub));
        return 'created';
      },
      async remove(subscriber, topicSlug) {
        return subs.get(subscriber)?.delete(topicSlug) ?? false;
      },
      async setLimits(subscriber, topicSlug, limits) {
        const found = subs.get(subscriber)?.get(topicSlug);
        if (!found) return false;
        subs.get(subscriber)!.set(topicSlug, { ...found, ...limits });
        return true;
      },
      async list(filter = {}) {
        const rows = filter.subscriber === undefined ? allSubs() : [...(subs.get(filter.subscriber)?.values() ?? [])];
        return rows
          .filter((s) => filter.topicSlug === undefined || s.topicSlug === filter.topicSlug)
          .sort(
            (a, b) =>
              a.createdAt.getTime() - b.createdAt.getTime() ||
              (subKey(a.subscriber, a.topicSlug) < subKey(b.subscriber, b.topicSlug) ? -1 : 1),
          )
          .map(copy);
      },
    },
  };
}

function memoryTargetsAndLedger(subscriptions: SubscriptionStore): { targets: TargetStore; ledger: DeliveryLedger } {
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

function memoryRuns(): RunCoordinator {
  const runs = new Map<string, { job: string; slot: string; replica: string; status: string; detail: string | null; claimedAt: Date; finishedAt: Date | null }>();
  const key = (job: string, slot: string) => JSON.stringify([job, slot]);
  const leases = new Map<string, { holder: string; expiresAt: Date }>();
  return {
    async lease(k, holder, now, expiresAt) {
      const held = leases.get(k);
      if (held && held.holder !== holder && held.expiresAt.getTime() > now.getTime()) return { ...held };
      leases.set(k, { holder, expiresAt });
      return null;
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

type MemoryCache = CacheStore & { drop(namespace: string, key: string): void };

function memoryCache(): MemoryCache {
  const entries = new Map<string, string>();
  const key = (ns: string, k: string) => JSON.stringify([ns, k]);
  return {
    drop(namespace, k) {
      entries.delete(key(namespace, k));
    },
    async getMany(namespace, keys) {
      const out = new Map<string, string>();
      for (const k of keys) {
        const v = entries.get(key(namespace, k));
        if (v !== undefined) out.set(k, v);
      }
      return out;
    },
    async putMany(namespace, list) {
      for (const [k, v] of list) entries.set(key(namespace, k), v);
    },
    async increment(namespace, k, by) {
      const current = Number.parseInt(entries.get(key(namespace, k)) ?? '0', 10);
      const next = (Number.isFinite(current) ? current : 0) + by;
      entries.set(key(namespace, k), String(next));
      return next;
    },
  };
}

function memorySavedPapers(): SavedPaperStore {
  const rows = new Map<string, SavedPaper>();
  const key = (listId: string, arxivId: string) => `${listId}\u0000${arxivId}`;
  const of = (listId: string) => [...rows.values()].filter((r) => r.listId === listId);
  return {
    async add(entry) {
      if (rows.has(key(entry.listId, entry.arxivId))) return 'exists';
      rows.set(key(entry.listId, entry.arxivId), { ...entry });
      return 'created';
    },
    async remove(listId, arxivId) {
      return rows.delete(key(listId, arxivId));
    },
    async get(listId, arxivId) {
      const r = rows.get(key(listId, arxivId));
      return r ? { ...r } : null;
    },
    async list(listId, limit) {
      return of(listId)
        .sort((a, b) => b.savedAt.getTime() - a.savedAt.getTime() || a.arxivId.localeCompare(b.arxivId))
        .slice(0, limit)
        .map((r) => ({ ...r }));
    },
    async count(listId) {
      return of(listId).length;
    },
  };
}

/** A fresh, empty, in-memory bundle of every store. */
export function createMemoryStores(): Stores {
  let closed = false;
  const cache = memoryCache();
  const friends = memoryTopicsAndFriends(cache);
  return {
    papers: memoryPapers(),
    ingestRuns: memoryIngestRuns(),
    ...friends,
    ...memoryTargetsAndLedger(friends.subscriptions),
    follows: memoryFollows(),
    runs: memoryRuns(),
    cache,
    saved: memorySavedPapers(),
    async ping() {
      if (closed) throw new Error('memory store is closed');
    },
    async close() {
      closed = true;
    },
  };
}

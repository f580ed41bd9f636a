/** The memory stores of papers: the papers themselves, ingest runs and reading lists (see memory-stores.ts). */
import { randomUUID } from 'node:crypto';
import { abandonedRunError, UNFINISHED_AFTER_MS } from '../../src/core/papers/ports.js';
import type { IngestRun, IngestRunStore, PaperListQuery, PaperStore, SeenWindow } from '../../src/core/ports.js';
import type { Paper } from '../../src/core/papers/paper.js';
import type { SavedPaper, SavedPaperStore } from '../../src/core/saved/reading-list.js';
import { planUpsert } from '../../src/store/upsert-plan.js';
import { aliasLookup, resolveDoiAliases } from '../../src/store/doi-alias.js';
import { comparePapers } from '../../src/store/paper-order.js';
import { copy } from './memory-copy.js';

const byId = (a: Paper, b: Paper) => (a.arxivId < b.arxivId ? -1 : a.arxivId > b.arxivId ? 1 : 0);
/** The keyset order of the SQL store's pages: the date, then the id. */
const byDateThenId = (field: 'firstSeenAt' | 'updatedAt') => (a: Paper, b: Paper) => a[field].getTime() - b[field].getTime() || byId(a, b);
const seenIn = (w: SeenWindow) => (p: Paper) => p.firstSeenAt.getTime() >= w.since.getTime() && p.firstSeenAt.getTime() < w.before.getTime();

/** Rows in pages of `pageSize` (its whole part, at least 1), as the SQL store pages them. */
function* pagesOf(rows: Paper[], pageSize: number): Generator<Paper[]> {
  const size = Math.max(1, Math.floor(pageSize));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size).map(copy);
}

export function memoryPapers(): PaperStore {
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
      if (query.summarySource !== undefined) rows = rows.filter((p) => p.summarySource === query.summarySource);
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
    async setSummary(id, summary, source, replacing) {
      const p = papers.get(id);
      if (!p || (p.summary !== null && (replacing === undefined || p.summarySource !== replacing))) return false;
      papers.set(id, { ...p, summary, summarySource: source });
      return true;
    },
  };
}

export function memoryIngestRuns(): IngestRunStore {
  const runs = new Map<string, IngestRun>();
  return {
    async start(source, window, now) {
      for (const [id, r] of runs) if (r.source === source && r.status === 'running' && r.startedAt.getTime() < now.getTime() - UNFINISHED_AFTER_MS) runs.set(id, { ...r, status: 'abandoned', error: abandonedRunError(null, r.startedAt) });
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

export function memorySavedPapers(): SavedPaperStore {
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

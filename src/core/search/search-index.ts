/**
 * The in-memory full-text index: MiniSearch over title, abstract, authors and keywords
 * (Hugging Face ai_keywords + arXiv categories). Updated paper by paper; serialisable.
 */
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { Paper } from '../papers/paper.js';
import type { ParsedQuery } from './query-parser.js';

/** Bump when the indexed fields or tokenisation change: old snapshots are then rebuilt. */
export const INDEX_FORMAT_VERSION = 1;

interface IndexedDoc {
  id: string;
  title: string;
  abstract: string;
  authors: string;
  keywords: string;
  /** Stored for filters and ties. */
  published: number;
  upvotes: number;
  cats: string[];
  authorsLower: string;
}

export interface IndexHit {
  arxivId: string;
  title: string;
  score: number;
  publishedAt: Date | null;
  upvotes: number | null;
  /** Which words matched in which fields (MiniSearch's own account). */
  match: Record<string, string[]>;
}

const OPTIONS: Options<IndexedDoc> = {
  fields: ['title', 'abstract', 'authors', 'keywords'],
  storeFields: ['title', 'published', 'upvotes', 'cats', 'authorsLower'],
  processTerm: (term) => {
    if (term.length === 0 || term.length > 40) return null;
    // Most terms are ASCII: skip Unicode normalisation for them (it dominates build time).
    if (/^[\x00-\x7f]*$/.test(term)) return term.toLowerCase();
    return term.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  },
  // Quiet vacuuming: replacements during ingest shouldn't stall searches.
  autoVacuum: { batchSize: 2000, batchWait: 20, minDirtCount: 500, minDirtFactor: 0.1 },
};

function toDoc(p: Paper): IndexedDoc {
  return {
    id: p.arxivId,
    title: p.title,
    abstract: p.abstract,
    authors: p.authors.join(', '),
    keywords: [...p.aiKeywords, ...p.categories].join(', '),
    published: (p.publishedAt ?? p.firstSeenAt).getTime(),
    upvotes: p.upvotes ?? -1,
    cats: p.categories.map((c) => c.toLowerCase()),
    authorsLower: p.authors.join(' | ').toLowerCase(),
  };
}

export interface SearchIndex {
  readonly size: number;
  upsert(papers: readonly Paper[]): void;
  remove(ids: readonly string[]): void;
  search(query: ParsedQuery, limit: number): IndexHit[];
  toJSON(): string;
}

/** Scores within 0.1% are a tie: then newer, then more upvoted, papers first. */
function better(a: SearchResult, b: SearchResult): boolean {
  const close = Math.abs(a.score - b.score) <= 1e-3 * Math.max(a.score, b.score);
  if (!close) return a.score > b.score;
  if (a.published !== b.published) return (a.published as number) > (b.published as number);
  return (a.upvotes as number) > (b.upvotes as number);
}

/** The best `k` results in order, without sorting all of them (a common word matches thousands). */
function top(results: SearchResult[], k: number): IndexHit[] {
  const best: SearchResult[] = [];
  for (const r of results) {
    if (best.length === k && !better(r, best[k - 1]!)) continue;
    let i = best.length === k ? k - 1 : best.length;
    if (best.length === k) best.pop();
    while (i > 0 && better(r, best[i - 1]!)) i--;
    best.splice(i, 0, r);
  }
  return best.map((r) => ({
    arxivId: String(r.id),
    title: r.title as string,
    score: Math.round(r.score * 1000) / 1000,
    publishedAt: Number.isFinite(r.published) ? new Date(r.published as number) : null,
    upvotes: (r.upvotes as number) < 0 ? null : (r.upvotes as number),
    match: r.match,
  }));
}

function wrap(mini: MiniSearch<IndexedDoc>): SearchIndex {
  return {
    get size() {
      return mini.documentCount;
    },
    upsert(papers) {
      for (const p of papers) {
        const doc = toDoc(p);
        if (mini.has(doc.id)) mini.replace(doc);
        else mini.add(doc);
      }
    },
    remove(ids) {
      for (const id of ids) if (mini.has(id)) mini.discard(id);
    },
    search(q, limit) {
      const filtered = q.since !== null || q.authors.length > 0 || q.categories.length > 0;
      // No filter callback at all without filters: a common word has tens of thousands of hits.
      const filter = !filtered
        ? undefined
        : (r: SearchResult): boolean =>
            (q.since === null || (r.published as number) >= q.since.getTime()) &&
            q.authors.every((a) => (r.authorsLower as string).includes(a)) &&
            q.categories.every((c) => (r.cats as string[]).some((cat) => cat === c || cat.startsWith(`${c}.`)));
      const words = [...q.terms, ...q.phrases.flatMap((p) => p.split(' '))];
      if (words.length === 0) return top(mini.search(MiniSearch.wildcard, { filter }), limit);
      const text = words.join(' ');
      const last = words[words.length - 1]!;
      const base = { filter, boost: { title: 2, keywords: 1.5, authors: 1.5 }, combineWith: 'AND' as const, maxFuzzy: 2 };
      // Cheapest first: exact words (the last one may be half-typed), then prefixes and typos,
      // then any word.
      let results = mini.search(text, { ...base, prefix: (t: string) => t === last && t.length >= 3 });
      // Typos and word beginnings only when the exact words found nothing: those passes are
      // the expensive ones on a large index.
      if (results.length === 0) {
        results = mini.search(text, { ...base, prefix: (t: string) => t.length >= 3, fuzzy: (t: string) => (t.length >= 5 ? 0.2 : false) });
      }
      if (words.length > 1 && results.length === 0) {
        results = mini.search(text, { ...base, combineWith: 'OR', prefix: (t: string) => t.length >= 3, fuzzy: (t: string) => (t.length >= 5 ? 0.2 : false) });
      }
      return top(results, limit);
    },
    toJSON() {
      return JSON.stringify(mini);
    },
  };
}

export function createSearchIndex(papers: readonly Paper[] = []): SearchIndex {
  const index = wrap(new MiniSearch(OPTIONS));
  index.upsert(papers);
  return index;
}

/**
 * Synchronous on purpose: MiniSearch's async loader yields with a timer every 1,000 postings,
 * which at 100,000 papers means thousands of timer waits and a start-up several times slower.
 * Start-up is the one moment blocking the event loop for a few seconds costs nothing.
 */
export async function loadSearchIndex(json: string): Promise<SearchIndex> {
  return wrap(MiniSearch.loadJSON(json, OPTIONS));
}

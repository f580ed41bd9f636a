/**
 * The in-memory full-text index: MiniSearch over title, abstract, authors and keywords
 * (Hugging Face ai_keywords + arXiv categories). Updated paper by paper; serialisable.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { paperDate, type Paper } from '../papers/paper.js';
import { searchTerms, type ParsedQuery } from './query-parser.js';
import type { OutsideCorpus } from './archive-search.js';
import { createScorer, type OutsideDoc, type ScoreOptions, type Scorer, type TopSink } from './term-scorer.js';
import { internalsOf, type TermData } from './minisearch-internals.js';
import { matchingTerms } from './outside-scorer.js';
import { foldName } from '../follows/author-name.js';
import { foldDiacritics } from '../diacritics.js';
import { acronymAliases, type AcronymPairs } from './acronym-aliases.js';

/** Bump when the indexed fields or tokenisation change: old snapshots are then rebuilt. */
/** 3: author names stored folded (foldName, as `authorsFolded`), so snapshots of 2 are rebuilt. */
/** 4: the snapshot holds the abbreviations the papers define (learned-acronyms.ts), read at a rebuild. */
/** 5: accents fold off Latin letters only (foldDiacritics): 'мой' and Devanagari names are held as written. */
export const INDEX_FORMAT_VERSION = 5;

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
  /** Author names folded (foldName): what `author:` filters compare. */
  authorsFolded: string;
}

export interface IndexHit {
  arxivId: string;
  title: string;
  score: number;
  /** The paper's date (paperDate: published, else first stored), by which filters and ties go. */
  date: Date | null;
  upvotes: number | null;
  /** Which words matched in which fields (MiniSearch's own account). */
  match: Record<string, string[]>;
  /**
   * Answered by the database's full-text index (older than the hot window): `score` is that
   * engine's relevance, on its own scale, and `match` is empty.
   */
  archive?: true;
}

const OPTIONS: Options<IndexedDoc> = {
  fields: ['title', 'abstract', 'authors', 'keywords'],
  storeFields: ['title', 'published', 'upvotes', 'cats', 'authorsFolded'],
  processTerm: (term) => {
    if (term.length === 0 || term.length > 40) return null;
    return foldDiacritics(term).toLowerCase();
  },
  // Vacuuming in one go (no batch ever ends, so MiniSearch never pauses in it). Its batches paused
  // mid-walk of the term tree, and papers added meanwhile reshaped the tree under the walk: the
  // process died on an uncaught TypeError in TreeIterator.dive (MiniSearch 7.2; a window shedding
  // papers while an ingest adds new ones). A walk costs a moment of the search thread instead.
  autoVacuum: { batchSize: Number.MAX_SAFE_INTEGER, minDirtCount: 500, minDirtFactor: 0.1 },
};

function toDoc(p: Paper): IndexedDoc {
  return {
    id: p.arxivId,
    title: p.title,
    abstract: p.abstract,
    authors: p.authors.join(', '),
    keywords: [...p.aiKeywords, ...p.categories].join(', '),
    published: paperDate(p).getTime(),
    upvotes: p.upvotes ?? -1,
    cats: p.categories.map((c) => c.toLowerCase()),
    authorsFolded: foldName(p.authors.join(' | ')),
  };
}

/**
 * How well the hits match: 'all' every word (exactly, or by its beginning or a typo), 'any'
 * some words, 'filter' the query had only filters; 'none' nothing matched.
 */
export type MatchTier = 'all' | 'any' | 'filter' | 'none';

export interface TieredHits {
  hits: IndexHit[];
  tier: MatchTier;
  /**
   * When the papers with every word do not fill the page (`tier` 'all'): papers with some of
   * the words, to follow them (and any archive papers with every word).
   */
  more: IndexHit[];
}

export interface SearchIndex {
  readonly size: number;
  upsert(papers: readonly Paper[]): void;
  remove(ids: readonly string[]): void;
  search(query: ParsedQuery, limit: number): IndexHit[];
  /** `search`, also saying which pass found the hits (for merging with the archive's). */
  searchTiered(query: ParsedQuery, limit: number): TieredHits;
  /**
   * Scores of papers outside the index (archive hits) on this index's scale: the BM25 of its
   * every-word pass, with its corpus statistics, as if each paper were in it (0: no word matches
   * as the index matches words, e.g. found by the database's stemming alone).
   */
  scoreOutside(query: ParsedQuery, papers: readonly Paper[]): Map<string, number>;
  /** The terms whose document frequencies a search for `query` reads (IndexOptions.corpusDf). */
  termsOf(query: ParsedQuery): string[];
  /** The same for `scoreOutside` of these papers: their words that count as the query's. */
  outsideTermsOf(query: ParsedQuery, papers: readonly Paper[]): string[];
  /** Drop papers dated before `ms`; returns how many and their summed field lengths. */
  evictBefore(ms: number): OutsideCorpus;
  /**
   * The earliest instant from which at most `n` papers are dated (-Infinity when all of them
   * fit): papers of one date stay together, so fewer than `n` may be dated from it.
   */
  newestFrom(n: number): number;
  /** Whether a term of the index begins with `word` (as the index folds it): some paper holds it. */
  holdsWord(word: string): boolean;
  /** Prepare for the first searches (see Scorer.warm); optional, costs a fraction of a load. */
  warm(): void;
  toJSON(): string;
}

interface Ranked {
  shortId: number;
  score: number;
  published: number;
  upvotes: number;
  stored: Record<string, unknown>;
}

/** Scores within 0.1% are a tie: then newer, then more upvoted, papers first. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-3 * Math.max(a, b);
}
function better(a: Ranked, b: Ranked): boolean {
  if (!close(a.score, b.score)) return a.score > b.score;
  if (a.published !== b.published) return a.published > b.published;
  return a.upvotes > b.upvotes;
}
/** A strict order (the near-tie rule above is not transitive, so it can't pick the set). */
function before(a: Ranked, b: Ranked): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.published !== b.published) return a.published > b.published;
  if (a.upvotes !== b.upvotes) return a.upvotes > b.upvotes;
  return a.shortId < b.shortId;
}

/**
 * The best `k` live documents passing `keep`, without sorting all of them (a common word
 * matches thousands): stored fields and the filter are only looked at for documents that
 * could still enter the top `k`. Which `k` is decided by score, as MiniSearch ranks, whatever
 * order the documents come in; near-ties are then ordered newer first. Its floor lets the
 * scorer skip documents that can't enter.
 */
function topSink(scorer: Scorer, k: number, keep: ((stored: Record<string, unknown>) => boolean) | undefined): TopSink & { ranked(): Ranked[] } {
  const best: Ranked[] = [];
  return {
    // A hair under the k-th score: bounds are summed in another order than scores.
    floor: () => (best.length === k ? best[k - 1]!.score * (1 - 1e-9) : 0),
    offer(shortId, score) {
      const last = best.length === k ? best[k - 1]! : undefined;
      if (last && score < last.score) return;
      const stored = scorer.stored(shortId);
      if (!stored || (keep && !keep(stored))) return;
      const r: Ranked = { shortId, score, published: stored.published as number, upvotes: stored.upvotes as number, stored };
      if (last && !before(r, last)) return;
      if (last) best.pop();
      let i = best.length;
      while (i > 0 && before(r, best[i - 1]!)) i--;
      best.splice(i, 0, r);
    },
    ranked() {
      const out: Ranked[] = [];
      for (const r of best) {
        let i = out.length;
        while (i > 0 && better(r, out[i - 1]!)) i--;
        out.splice(i, 0, r);
      }
      return out;
    },
  };
}

function toHit(scorer: Scorer, r: Ranked, match: Record<string, string[]>): IndexHit {
  return {
    arxivId: String(scorer.idOf(r.shortId)),
    title: r.stored.title as string,
    score: Math.round(r.score * 1000) / 1000,
    date: Number.isFinite(r.published) ? new Date(r.published) : null,
    upvotes: r.upvotes < 0 ? null : r.upvotes,
    match,
  };
}

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
const BOOST = { title: 2, keywords: 1.5, authors: 1.5 };

/** A paper's field lengths as MiniSearch counts them (distinct tokens per field, by field id). */
export function fieldLengthsOf(p: Paper): number[] {
  const doc = toDoc(p);
  return (OPTIONS.fields as Array<keyof IndexedDoc>).map((f) => new Set(tokenize(String(doc[f]))).size);
}

export interface IndexOptions {
  /** Papers outside this index that count in its BM25 statistics (see OutsideCorpus). */
  outside?: () => OutsideCorpus | null;
  /** Abbreviations and long forms searched as each other (acronym-aliases.ts). */
  acronyms?: () => AcronymPairs;
  /**
   * Papers of the whole corpus (window and archive) holding `term` in `field`, when known:
   * a word's rarity judged over every paper, so the window's and the archive's hits are scored
   * on one scale. Undefined: the index's own count (never more than it counts itself).
   */
  corpusDf?: (term: string, field: string) => number | undefined;
}

function wrap(mini: MiniSearch<IndexedDoc>, opts: IndexOptions = {}): SearchIndex {
  const internals = internalsOf(mini);
  const fieldName = Object.fromEntries(Object.entries(internals._fieldIds).map(([name, id]) => [id, name]));
  const corpusDf = opts.corpusDf;
  const scorer = createScorer(mini, opts.outside, corpusDf && ((term, fieldId) => corpusDf(term, fieldName[fieldId]!)));
  // Long forms' document lists, kept while the index does not change (the scorer caches lists by identity).
  const aliasLists = new Map<string, TermData | null>();
  const changed = () => {
    scorer.invalidate();
    aliasLists.clear();
  };
  const queryWords = (q: ParsedQuery) => [...searchTerms(q), ...q.phrases.flatMap((p) => p.split(' '))];
  const specsOf = (words: string[]) => {
    // The same terms MiniSearch would search for (its tokenizer, then our processTerm).
    // Each term once: MiniSearch scores a repeated query word once, and so must we.
    const terms = [...new Set(tokenize(words.join(' ')).flatMap((t) => OPTIONS.processTerm!(t) ?? []).filter((t): t is string => !!t))];
    const aliases = opts.acronyms ? acronymAliases(terms, opts.acronyms(), internals._index, aliasLists) : new Map();
    const spec = (prefix: (t: string) => boolean, fuzzy: (t: string) => number) => terms.map((term) => ({ term, prefix: prefix(term), fuzzy: fuzzy(term), also: aliases.get(term) }));
    return { terms, spec, loose: spec((t) => t.length >= 3, (t) => (t.length >= 5 ? 0.2 : 0)) };
  };
  // Any word counts (each matched word multiplies, as in the window): an every-word archive hit
  // the database matched through its stemming scores as the papers with some of the words.
  const outsidePass = (q: ParsedQuery): ScoreOptions | null => {
    const words = queryWords(q);
    return words.length === 0 ? null : { words: specsOf(words).loose, combineWith: 'OR', boost: BOOST, maxFuzzy: 2 };
  };
  const outsideDoc = (p: Paper): OutsideDoc => {
    const doc = toDoc(p);
    const fields = OPTIONS.fields as Array<keyof IndexedDoc>;
    const terms = fields.map((f) => {
      const counts = new Map<string, number>();
      for (const t of tokenize(String(doc[f]))) {
        const term = OPTIONS.processTerm!(t);
        if (typeof term === 'string' && term) counts.set(term, (counts.get(term) ?? 0) + 1);
      }
      return counts;
    });
    return { terms, lengths: fieldLengthsOf(p) };
  };
  const scoreOutside = (q: ParsedQuery, papers: readonly Paper[]): Map<string, number> => {
    const out = new Map<string, number>();
    const pass = outsidePass(q);
    if (!pass) return out;
    for (const p of papers) out.set(p.arxivId, Math.round(scorer.scoreOutside(pass, outsideDoc(p)) * 1000) / 1000);
    return out;
  };
  // The loose every-word pass reaches every term the stricter one does.
  const termsOf = (q: ParsedQuery): string[] => {
    const pass = outsidePass(q);
    return pass ? scorer.termsOf(pass) : [];
  };
  const outsideTermsOf = (q: ParsedQuery, papers: readonly Paper[]): string[] => {
    const pass = outsidePass(q);
    return pass ? [...new Set(papers.flatMap((p) => matchingTerms(pass, outsideDoc(p))))] : [];
  };
  const searchTiered = (q: ParsedQuery, limit: number): TieredHits => {
    const filtered = q.since !== null || q.authors.length > 0 || q.categories.length > 0;
    const authors = q.authors.map(foldName);
    const keep = !filtered
      ? undefined
      : (r: Record<string, unknown>): boolean =>
          (q.since === null || (r.published as number) >= q.since.getTime()) &&
          // Both sides folded: author:Pelissier finds Pélissier, author:Lukasz Łukasz.
          authors.every((a) => (r.authorsFolded as string).includes(a)) &&
          q.categories.every((c) => (r.cats as string[]).some((cat) => cat === c || cat.startsWith(`${c}.`)));
    const words = queryWords(q);
    if (words.length === 0) {
      const sink = topSink(scorer, limit, keep);
      for (const shortId of scorer.allDocs()) sink.offer(shortId, 1);
      return { hits: sink.ranked().map((r) => toHit(scorer, r, {})), tier: 'filter', more: [] };
    }
    const last = words[words.length - 1]!;
    const { terms, spec, loose } = specsOf(words);
    // Cheapest first: exact words (the last one may be half-typed), then prefixes and typos,
    // then any word, each pass only while the page is not full: typos and word beginnings are
    // the expensive passes on a large index. The looser every-word pass finds all the stricter
    // one did, so its page replaces that one's. Any-word papers follow the every-word ones
    // rather than only standing in when there are none: two of three words in a title said
    // more than the lone paper that happened to hold all three (bench:search-quality).
    // "a or b" asks for any word from the start.
    const combineWith = q.any ? 'OR' : 'AND';
    const passes: ScoreOptions[] = [{ words: spec((t) => t === last && t.length >= 3, () => 0), combineWith, boost: BOOST, maxFuzzy: 2 }];
    passes.push({ ...passes[0]!, words: loose });
    const run = (pass: ScoreOptions, k: number) => {
      const sink = topSink(scorer, k, keep);
      const scored = scorer.best(pass, sink);
      return sink.ranked().map((r) => toHit(scorer, r, scored.matchOf(r.shortId)));
    };
    let hits: IndexHit[] = [];
    for (const pass of passes) {
      hits = run(pass, limit);
      if (hits.length >= limit) break;
    }
    const tier: MatchTier = q.any ? 'any' : 'all';
    if (terms.length === 1 || q.any || hits.length >= limit) return { hits, tier: hits.length ? tier : 'none', more: [] };
    const have = new Set(hits.map((h) => h.arxivId));
    const some = run({ ...passes[1]!, combineWith: 'OR' }, limit).filter((h) => !have.has(h.arxivId)).slice(0, limit - hits.length);
    if (hits.length) return { hits, tier, more: some };
    return { hits: some, tier: some.length ? 'any' : 'none', more: [] };
  };

  return {
    get size() {
      return mini.documentCount;
    },
    upsert(papers) {
      // Nothing changed, nothing to drop: catch-ups often find no papers, and clearing the
      // scorer's cache would throw away the warm-up done when the index opened.
      if (papers.length === 0) return;
      changed();
      for (const p of papers) {
        const doc = toDoc(p);
        if (mini.has(doc.id)) mini.replace(doc);
        else mini.add(doc);
      }
    },
    search(q, limit) {
      const { hits, more } = searchTiered(q, limit);
      return [...hits, ...more];
    },
    searchTiered,
    scoreOutside,
    holdsWord(word) {
      const term = OPTIONS.processTerm!(word);
      if (typeof term !== 'string' || !term) return false;
      for (const _ of internals._index.atPrefix(term)) return true;
      return false;
    },
    termsOf,
    outsideTermsOf,
    evictBefore(ms) {
      const out: OutsideCorpus = { docs: 0, lengths: [] };
      const old: string[] = [];
      for (const [shortId, stored] of internals._storedFields) {
        if (((stored as { published: number }).published ?? Infinity) >= ms) continue;
        const id = internals._documentIds.get(shortId);
        if (id === undefined) continue;
        old.push(String(id));
        out.docs++;
        const lens = internals._fieldLength.get(shortId) ?? [];
        lens.forEach((n, f) => (out.lengths[f] = (out.lengths[f] ?? 0) + n));
      }
      if (old.length) {
        changed();
        for (const id of old) mini.discard(id);
      }
      return out;
    },
    newestFrom(n) {
      if (mini.documentCount <= n) return -Infinity;
      const dates: number[] = [];
      for (const [shortId, stored] of internals._storedFields) {
        if (internals._documentIds.has(shortId)) dates.push((stored as { published: number }).published ?? Infinity);
      }
      dates.sort((a, b) => b - a);
      return dates.length <= n ? -Infinity : dates[n]! + 1;
    },
    remove(ids) {
      // Only when something goes: the scorer's warm cache is worth keeping.
      const present = ids.filter((id) => mini.has(id));
      if (present.length === 0) return;
      changed();
      for (const id of present) mini.discard(id);
    },
    warm() {
      scorer.warm();
    },
    toJSON() {
      return serialize(mini);
    },
  };
}

export function createSearchIndex(papers: readonly Paper[] = [], opts: IndexOptions = {}): SearchIndex {
  const index = wrap(new MiniSearch(OPTIONS), opts);
  index.upsert(papers);
  return index;
}

/**
 * MiniSearch's own JSON, except the inverted index: there MiniSearch writes an object per
 * (term, field) keyed by document id, which parsing turns into millions of string keys before
 * loading turns them into Maps. Here each (term, field) is a flat [id delta, term frequency, ...]
 * number array, which parses as packed numbers and loads straight into the Maps.
 */
function serialize(mini: MiniSearch<IndexedDoc>): string {
  const m = internalsOf(mini);
  const postings: Array<[string, Array<number | number[]>]> = [];
  for (const [term, data] of m._index) {
    const fields: Array<number | number[]> = [];
    for (const [fieldId, freqs] of data) {
      const flat: number[] = [];
      let prev = 0;
      for (const [doc, tf] of freqs) {
        flat.push(doc - prev, tf);
        prev = doc;
      }
      fields.push(fieldId, flat);
    }
    postings.push([term, fields]);
  }
  // mini.toJSON() without its index (building that one is most of its cost).
  const meta: AsPlainObject = {
    documentCount: m._documentCount,
    nextId: m._nextId,
    documentIds: Object.fromEntries(m._documentIds),
    fieldIds: m._fieldIds,
    fieldLength: Object.fromEntries(m._fieldLength),
    averageFieldLength: m._avgFieldLength,
    storedFields: Object.fromEntries(m._storedFields),
    dirtCount: m._dirtCount,
    index: [],
    serializationVersion: 2,
  };
  return JSON.stringify({ ...meta, postings });
}

/**
 * Synchronous on purpose: MiniSearch's async loader yields with a timer every 1,000 postings,
 * which at 100,000 papers means thousands of timer waits and a start-up several times slower.
 * Start-up is the one moment blocking the event loop for a few seconds costs nothing.
 */
export async function loadSearchIndex(json: string, opts: IndexOptions = {}): Promise<SearchIndex> {
  const { postings, ...rest } = JSON.parse(json) as AsPlainObject & { postings: Array<[string, Array<number | number[]>]> };
  const mini = MiniSearch.loadJS<IndexedDoc>({ ...rest, index: [] }, OPTIONS);
  const index = internalsOf(mini)._index;
  for (const [term, fields] of postings) {
    const data = new Map<number, Map<number, number>>();
    for (let f = 0; f < fields.length; f += 2) {
      const flat = fields[f + 1] as number[];
      const freqs = new Map<number, number>();
      let doc = 0;
      for (let i = 0; i < flat.length; i += 2) {
        doc += flat[i]!;
        freqs.set(doc, flat[i + 1]!);
      }
      data.set(fields[f] as number, freqs);
    }
    index.set(term, data);
  }
  return wrap(mini, opts);
}

/**
 * Search over stored papers. The index is opened lazily: from the snapshot when its format
 * matches (then caught up with papers updated since), otherwise rebuilt from the store.
 * Ingest keeps it current through `indexPapers` (or `refresh`, which catches up from the store).
 */
import { paperDate, type Paper } from '../papers/paper.js';
import { arxivAbsUrl } from '../papers/normalize.js';
import type { Logger, PaperStore } from '../ports.js';
import { words } from '../topics/text.js';
import { isEnglishWord } from '../topics/english-words.js';
import { decodeSnapshot, encodeSnapshot, type IndexSnapshotStore } from './index-snapshot.js';
import type { ArchiveSearch, OutsideCorpus, WordCount } from './archive-search.js';
import { byScore, mergeWithArchive } from './merge-archive.js';
import { createCatchUpMark } from './catch-up-mark.js';
import { learnedAcronyms } from './learned-acronyms.js';
import { parseQuery, searchTerms, type ParsedQuery } from './query-parser.js';
import { archiveWordGroups } from './acronym-aliases.js';
import { beginnings, closestWord, MIN_CORRECTED_LENGTH, type Correction, type SearchNotes } from './spelling.js';
import { INDEX_FORMAT_VERSION, createSearchIndex, fieldLengthsOf, loadSearchIndex, type IndexHit, type SearchIndex } from './search-index.js';
import { describeError } from '../error-text.js';

export const MAX_LIMIT = 100;
/**
 * Papers read per page when the index is rebuilt. In the service each page is read on the main
 * thread for the search worker, so a page is a stretch in which no chat ack is sent: kept short.
 */
const REBUILD_PAGE = 500;

export interface SearchItem extends IndexHit {
  url: string;
}

export type SearchOutcome =
  | { status: 'ok'; query: ParsedQuery; items: SearchItem[]; total: number; notes: SearchNotes }
  | { status: 'invalid'; message: string };

export type IndexOpening = { source: 'snapshot' | 'snapshot+catch-up' | 'rebuild'; papers: number; ms: number; reason?: string };

export interface SearchService {
  /** Open the index (idempotent; search calls it). */
  ready(): Promise<IndexOpening>;
  search(query: string, opts?: { limit?: number }): Promise<SearchOutcome>;
  /** Add or replace papers just written by ingest. */
  indexPapers(papers: readonly Paper[]): Promise<void>;
  removePapers(ids: readonly string[]): Promise<void>;
  /** Catch up with papers updated in the store since the index last saw one; returns how many. */
  refresh(): Promise<number>;
  /** Write the snapshot now (after ingest, at shutdown). */
  persist(): Promise<void>;
}

/** Written by the store for the first time in its last write (not an update of a paper it had). */
const newToStore = (p: Paper) => p.firstSeenAt.getTime() === p.updatedAt.getTime();

function absUrl(id: string): string {
  return id.includes(':') ? '' : arxivAbsUrl(id);
}

/** Stored papers holding the query's words (summed) up to which the archive is asked for every page. */
const RANK_ON_EVERY_PAGE_MAX = 10_000;
/** Terms whose store counts are kept between changes of the store (then counted afresh). */
const MAX_COUNTED_TERMS = 20_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface SearchServiceDeps {
  papers: PaperStore;
  snapshots?: IndexSnapshotStore;
  logger?: Logger;
  /**
   * The database's full-text index. With it and `hotDays` > 0 MiniSearch holds only papers
   * dated (publishedAt, else firstSeenAt) within the last `hotDays` days, and older ones are
   * answered by the archive (see merge-archive.ts); memory then follows the window, not the
   * archive. Without either, every paper is in memory.
   */
  archive?: ArchiveSearch;
  hotDays?: number;
  /**
   * Most papers the window holds in memory (with an archive): past it, the window starts later,
   * at the newest `hotMax` papers' dates. A backfill of recent papers, or a file of undated
   * ones (dated when stored), filled a 30-day window with 100,000 papers: 550-800 MB for one
   * CLI search, past a small machine's heap. 0 or absent: no cap.
   */
  hotMax?: number;
  /** Milliseconds clock (tests). */
  now?: () => number;
  /**
   * Warm the scorer when the index opens (default true): pays off over many searches; a
   * process that answers one (`paperboy search`) skips it. Results are the same either way.
   */
  warm?: boolean;
  /**
   * Told when opening the index will take a while: a rebuild from the database, or a
   * catch-up longer than a page (the first search after a 100,000-paper backfill: 40 s). A
   * terminal shows it, so a long wait is not silent.
   */
  onSlowOpen?: (what: string) => void;
}

/**
 * The store's counts of terms, asked once per term until the store changes (`clear`), at most
 * MAX_COUNTED_TERMS kept: a term the store does not report is kept as `absent`.
 */
function storeCounts<V>(ask: (missing: readonly string[]) => Promise<Map<string, V>>, absent: V) {
  const known = new Map<string, V>();
  return {
    get: (term: string) => known.get(term),
    async learn(terms: readonly string[]): Promise<void> {
      const missing = terms.filter((t) => !known.has(t));
      if (missing.length === 0) return;
      const got = await ask(missing);
      if (known.size + missing.length > MAX_COUNTED_TERMS) known.clear();
      for (const t of missing) known.set(t, got.get(t) ?? absent);
    },
    clear: () => known.clear(),
  };
}

export function createSearchService(deps: SearchServiceDeps): SearchService {
  let index: SearchIndex | null = null;
  let opening: Promise<IndexOpening> | null = null;
  const mark = createCatchUpMark();
  let dirty = false;
  const archive = deps.archive && (deps.hotDays ?? 0) > 0 ? deps.archive : null;
  const now = deps.now ?? Date.now;
  /** Papers dated before this are in the archive, the rest in the index (null: no window). */
  let hotFrom: number | null = null;
  let outside: OutsideCorpus = { docs: 0, lengths: [] };
  const acronyms = learnedAcronyms();
  /**
   * Papers of the whole store holding each term searched since the store last changed, by field
   * (archive.termCounts): the window judged a word's rarity by its own papers, and archive
   * hits by those same counts, so a word common in older papers but rare in the window (or the
   * reverse) weighed wrongly on both sides of one ranking (bench:search-quality, split rows).
   */
  const counts = storeCounts<Record<string, number>>((missing) => archive!.termCounts!(missing), {});
  const corpusDf = (term: string, field: string) => {
    const c = counts.get(term);
    return c ? (c[field] ?? 0) : undefined;
  };
  const indexOptions = { outside: () => (archive ? outside : null), acronyms: () => acronyms.pairs(), corpusDf };
  /**
   * Learn the store's counts of the terms not counted yet (nothing to learn while no paper is
   * outside the window). Whether they were read: a database that fails to give them (locked,
   * busy) leaves those terms to the window's own counts, the rule before these counts, and the
   * search answers; the terms are asked again by the next search.
   */
  async function countTerms(terms: readonly string[]): Promise<boolean> {
    if (!archive?.termCounts || hotFrom === null || outside.docs === 0) return true;
    try {
      await counts.learn(terms);
      return true;
    } catch (err) {
      deps.logger?.warn({ err: String(err) }, 'search: word counts not read; rarity judged by the window alone');
      return false;
    }
  }
  /**
   * Whether the database can rank the query's matches on every page: it scores each stored paper
   * holding a word that begins with the query's (FTS5, about 7 µs a paper: "model" in 37,000 of
   * 100,000 papers took 220-330 ms), so for words that many papers hold a page the window fills is
   * its own (bench:search). Only the store counts (SQLite); without (PostgreSQL) the window's full
   * page stands. Counts kept until the store changes, as `counts`. A count the database fails to
   * give (locked, busy) keeps that page the window's too: the counts only choose whether to ask,
   * and failing there failed searches the archive need not have answered.
   */
  const matches = storeCounts<number>((missing) => archive!.prefixCounts!(missing), Infinity);
  async function cheapToRank(q: ParsedQuery): Promise<boolean> {
    if (!archive?.prefixCounts) return false;
    const terms = [...new Set([...searchTerms(q), ...q.phrases].flatMap((t) => words(t)))];
    if (terms.length === 0) return false;
    try {
      await matches.learn(terms);
    } catch (err) {
      deps.logger?.warn({ err: String(err) }, 'search: word counts not read; the window answers a page it fills');
      return false;
    }
    return terms.reduce((sum, t) => sum + (matches.get(t) ?? Infinity), 0) <= RANK_ON_EVERY_PAGE_MAX;
  }
  /**
   * Stored words by their beginning (spelling.ts beginnings), read only for a typed word no
   * stored paper holds, and kept until the store changes, as the counts: a first letter's words
   * are read once (30-50 ms at 100,000 papers), then every typo starting so is checked in memory.
   */
  const vocabulary = storeCounts<WordCount[]>(async (missing) => {
    const out = new Map<string, WordCount[]>();
    for (const prefix of missing) out.set(prefix, await archive!.wordsStartingWith!(prefix));
    return out;
  }, []);
  /**
   * Whether some stored paper holds each typed word, by the store's own rule: the every-page
   * rule's counts where the store gives them (SQLite), else its yes or no (PostgreSQL, by stem).
   * Kept until the store changes, as the counts.
   */
  const held = archive?.prefixCounts
    ? matches
    : storeCounts<number>(async (missing) => {
        const yes = await archive!.wordsHeld!(missing);
        return new Map(missing.map((w) => [w, yes.has(w) ? 1 : 0]));
      }, 0);
  const closestStored = async (w: string): Promise<string | null> => {
    if ([...w].length < MIN_CORRECTED_LENGTH) return null;
    const from = beginnings(w);
    await vocabulary.learn(from);
    return closestWord(w, from.flatMap((b) => vocabulary.get(b) ?? []));
  };
  /**
   * The query with each typed word that no stored paper holds, even as a word's beginning,
   * searched as the closest stored word (spelling.ts), and the words that have none. Only where
   * the database lists its words (SQLite's vocabulary, PostgreSQL's words read per store change);
   * in memory alone (no archive) MiniSearch's fuzzy match reaches every paper already. A database
   * that fails to count (busy) leaves the query as typed.
   */
  async function spell(q: ParsedQuery): Promise<{ query: ParsedQuery; corrected: Correction[]; unmatched: string[]; checked: boolean }> {
    const asTyped = { query: q, corrected: [], unmatched: [], checked: false };
    if (!archive?.wordsStartingWith || !(archive.prefixCounts || archive.wordsHeld)) return asTyped;
    // Single words only: a part of "text-to-speech" or a quoted word is searched as written, as
    // is a word of marks FTS5 splits at (a Devanagari word is no one word of its vocabulary).
    const single = searchTerms(q).filter((t) => !q.quoted?.includes(t) && words(t).length === 1 && /^[\p{L}\p{N}]+$/u.test(words(t)[0]!));
    const typed = [...new Set(single.map((t) => words(t)[0]!))];
    if (typed.length === 0) return asTyped;
    try {
      // Where the store only says yes or no (PostgreSQL), a word the window holds is not asked:
      // its index costs most for the common words (30 ms for "model" at 100,000 papers), the
      // window's. Where it counts (SQLite), every word is counted for the every-page rule anyway.
      const asked = held === matches ? typed : typed.filter((w) => !index!.holdsWord(w));
      await held.learn(asked);
      // An abbreviation the papers define is searched as its long form too: not a typo.
      const pairs = acronyms.pairs();
      const missing = asked.filter((w) => held.get(w) === 0 && !(archiveWordGroups([w], pairs)[0]!.length > 1));
      const closest = new Map<string, string | null>();
      // An English word the papers do not use is no slip ("teaching" read as "tracking" lost the
      // papers the other words found: bench:search-quality, names, MRR 0.733 -> 0.696).
      for (const w of missing) closest.set(w, isEnglishWord(w) ? null : await closestStored(w));
      const corrected = missing.flatMap((w) => (closest.get(w) ? [{ typed: w, searched: closest.get(w)! }] : []));
      const unmatched = missing.filter((w) => !closest.get(w));
      if (corrected.length === 0) return { ...asTyped, unmatched, checked: true };
      const to = new Map(corrected.map((c) => [c.typed, c.searched]));
      const terms = q.terms.map((t) => (words(t).length === 1 ? (to.get(words(t)[0]!) ?? t) : t));
      return { query: { ...q, terms }, corrected, unmatched, checked: true };
    } catch (err) {
      deps.logger?.warn({ err: String(err) }, 'search: stored words not read; the query is searched as typed');
      return asTyped;
    }
  }
  // Whole hours: the window moves (and the index sheds papers) at most once an hour.
  const windowStart = () => Math.floor((now() - deps.hotDays! * DAY_MS) / HOUR_MS) * HOUR_MS;
  const dated = (p: Paper) => paperDate(p).getTime();
  const isHot = (p: Paper) => hotFrom === null || dated(p) >= hotFrom;
  /** The cap on the window's papers (null: none; without an archive there is nowhere for the rest). */
  const hotMax = archive && deps.hotMax ? deps.hotMax : null;
  /** How far past the cap the index may grow between cuts (each cut sorts the index's dates). */
  const slack = hotMax === null ? 0 : Math.max(500, Math.ceil(hotMax / 10));

  const addOutside = (lengths: number[]) => {
    outside.docs++;
    lengths.forEach((n, f) => (outside.lengths[f] = (outside.lengths[f] ?? 0) + n));
  };

  /**
   * Index the hot papers of a batch; the rest leave the index (a date moved back) and, when new
   * to the store, count in the archive's statistics.
   */
  function take(target: SearchIndex, papers: readonly Paper[], counting: 'all-cold' | 'new-cold'): void {
    if (papers.length) {
      counts.clear();
      matches.clear();
      held.clear();
      vocabulary.clear();
    }
    if (hotFrom === null) return target.upsert(papers);
    const cold = papers.filter((p) => !isHot(p));
    target.upsert(papers.filter(isHot));
    target.remove(cold.map((p) => p.arxivId));
    for (const p of cold) if (counting === 'all-cold' || newToStore(p)) addOutside(fieldLengthsOf(p));
  }

  /**
   * The abbreviations of papers read after a rebuild: those new to the store only, as for the
   * archive's statistics. A paper updated (its upvotes, a second source) was counted again at
   * each update, a definition of one paper outweighing those of several.
   */
  const learnNew = (papers: readonly Paper[]) => acronyms.learn(papers.filter(newToStore));

  /** Start the window at `start`: the papers before it leave the index for the archive. */
  function startAt(target: SearchIndex, start: number): void {
    hotFrom = start;
    const gone = target.evictBefore(start);
    if (gone.docs) {
      outside.docs += gone.docs;
      gone.lengths.forEach((n, f) => (outside.lengths[f] = (outside.lengths[f] ?? 0) + n));
      dirty = true;
    }
  }

  /** Move the window to now: papers that aged out leave the index for the archive. */
  function advance(target: SearchIndex): void {
    if (!archive || hotFrom === null) return;
    const start = windowStart();
    if (start > hotFrom) startAt(target, start);
  }

  /** Past the cap (by more than `allowed`), the window starts at the newest `hotMax` papers. */
  function cap(target: SearchIndex, allowed: number): void {
    if (hotFrom === null || hotMax === null || target.size <= hotMax + allowed) return;
    const start = target.newestFrom(hotMax);
    if (start > hotFrom) startAt(target, start);
  }

  async function rebuild(): Promise<SearchIndex> {
    const built = createSearchIndex([], indexOptions);
    const startedAt = now();
    mark.reset();
    acronyms.reset();
    hotFrom = archive ? windowStart() : null;
    // Where the cap starts the window, asked before building: no paper past it is added and then
    // shed (which took as much memory as the uncapped window while the index was built).
    const after = archive?.dateAfterNewest && hotMax !== null ? await archive.dateAfterNewest(hotMax) : null;
    if (after && hotFrom !== null) hotFrom = Math.max(hotFrom, after.getTime() + 1);
    outside = { docs: 0, lengths: [] };
    for await (const page of deps.papers.iterate(REBUILD_PAGE)) {
      take(built, page, 'all-cold');
      cap(built, slack);
      mark.took(page);
      acronyms.learn(page);
    }
    cap(built, 0);
    mark.readFrom(startedAt);
    return built;
  }

  async function catchUp(target: SearchIndex): Promise<number> {
    const startedAt = now();
    // A page at a time: after a backfill this is every paper, and one read of them all held
    // the service's main thread (which serves the worker's reads) for seconds.
    let changed = 0;
    let said = false;
    for await (const read of deps.papers.iterateUpdated(mark.since(), REBUILD_PAGE)) {
      if (changed >= REBUILD_PAGE && !said) {
        said = true;
        deps.onSlowOpen?.('adding the papers stored since the search index was last saved (once)…');
      }
      // Papers read again in the mark's overlap (see catch-up-mark.ts) are not taken twice.
      const page = mark.unseen(read);
      take(target, page, 'new-cold');
      cap(target, slack);
      mark.took(page);
      learnNew(page);
      changed += page.length;
    }
    cap(target, 0);
    // A mark that moved on is worth saving even when nothing changed: else every opening (each
    // `paperboy search`) read the last ingest's papers again.
    if (mark.readFrom(startedAt) || changed) dirty = true;
    return changed;
  }

  async function open(): Promise<IndexOpening> {
    const t0 = performance.now();
    const done = (source: IndexOpening['source'], reason?: string): IndexOpening => {
      if (deps.warm !== false) index!.warm();
      return { source, papers: index!.size, ms: Math.round(performance.now() - t0), reason };
    };
    const raw = deps.snapshots ? await deps.snapshots.read().catch(() => null) : null;
    const decoded = raw === null ? null : decodeSnapshot(raw);
    let reason = raw === null ? 'no snapshot' : decoded && !decoded.ok ? decoded.reason : undefined;
    const snapFrom = decoded?.ok && decoded.header.hotFrom ? Date.parse(decoded.header.hotFrom) : null;
    // A snapshot of every paper serves a window (the old ones are shed); a window's snapshot
    // serves neither every paper nor a longer window.
    // A window the cap started later serves under the same cap a window no longer than the one
    // it was made for: a longer one may hold more papers before the cap binds (the snapshot does
    // not say whether the cap or the days started it). A shorter one sheds papers (advance
    // below) instead of rebuilding: they are in the archive already. A snapshot from before the
    // length was recorded serves only where its window covers the one wanted, as uncapped ones do.
    const made = decoded?.ok ? decoded.header : null;
    const capped = hotMax !== null && made?.hotMax === hotMax && made.hotDays !== undefined && made.hotDays >= deps.hotDays!;
    const fits = archive ? snapFrom === null || snapFrom <= windowStart() || !!capped : snapFrom === null;
    if (decoded?.ok && decoded.header.format === INDEX_FORMAT_VERSION && !fits) {
      reason = 'snapshot made for another search window';
    } else if (decoded?.ok && decoded.header.format === INDEX_FORMAT_VERSION) {
      try {
        outside = decoded.header.outside ?? { docs: 0, lengths: [] };
        const loaded = await loadSearchIndex(decoded.indexJson, indexOptions);
        mark.load(decoded.header);
        acronyms.load(decoded.header.acronyms);
        hotFrom = snapFrom;
        // A snapshot has seen the database when it holds papers, or when it read papers that
        // were all older than the window (its index is empty, its maxUpdatedAt is not): an
        // archive of old papers only. Treating that one as unseen rebuilt the index, reading
        // every stored paper, at every search. One that never saw a paper reads them all, unless
        // there are none (a new database: it was rebuilt, and said so, at every start).
        const seen = decoded.header.count > 0 || decoded.header.maxUpdatedAt !== null || (await deps.papers.count()) === 0;
        const caught = seen ? await catchUp(loaded) : 0;
        if (archive) {
          hotFrom ??= -Infinity;
          advance(loaded);
          cap(loaded, 0);
        }
        // Papers are never deleted, so after catching up the counts must agree; if not, rebuild.
        const expected = archive ? await archive.countFrom(new Date(hotFrom!)) : await deps.papers.count();
        if (seen && loaded.size === expected) {
          index = loaded;
          return done(caught ? 'snapshot+catch-up' : 'snapshot');
        }
        reason = 'snapshot does not match the database';
      } catch (err) {
        reason = `unreadable snapshot: ${describeError(err)}`;
      }
    } else if (decoded?.ok) {
      reason = `index format ${decoded.header.format} != ${INDEX_FORMAT_VERSION}`;
    }
    deps.onSlowOpen?.(`building the search index from the database (${reason ?? 'first use'}; once, later searches reuse it)…`);
    index = await rebuild();
    dirty = true;
    deps.logger?.info({ papers: index.size, reason }, 'search index rebuilt');
    await persist().catch((err) => deps.logger?.warn({ err: String(err) }, 'search index snapshot not written'));
    return done('rebuild', reason);
  }

  async function ready(): Promise<IndexOpening> {
    opening ??= open();
    return opening;
  }

  async function persist(): Promise<void> {
    if (!deps.snapshots || !index || !dirty) return;
    const header = {
      format: INDEX_FORMAT_VERSION,
      count: index.size,
      ...mark.state(),
      acronyms: acronyms.toJSON(),
      ...(hotFrom === null ? {} : { hotFrom: new Date(hotFrom).toISOString(), outside, hotMax, hotDays: deps.hotDays }),
    };
    await deps.snapshots.write(encodeSnapshot(header, index.toJSON()));
    dirty = false;
  }

  /**
   * The hits, in rank order, whose stored text contains every phrase and no word starting with
   * one left out; at most `limit`. Papers are fetched and re-tokenised a batch at a time, so a
   * phrase most top hits contain costs one batch, not the whole candidate list.
   */
  async function withText(hits: IndexHit[], phrases: string[], without: string[], limit: number): Promise<IndexHit[]> {
    const out: IndexHit[] = [];
    for (let at = 0; at < hits.length && out.length < limit; at += limit * 2) {
      const batch = hits.slice(at, at + limit * 2);
      const papers = await deps.papers.getMany(batch.map((h) => h.arxivId));
      for (const h of batch) {
        const p = papers.get(h.arxivId);
        if (!p) continue;
        const text = ` ${words([p.title, p.abstract, p.aiKeywords.join(' . '), p.authors.join(' . ')].join(' . ')).join(' ')} `;
        // A word left out is left out with its endings, as search forgives them: -diffusion is no "diffusions" either.
        if (phrases.every((ph) => text.includes(` ${ph} `)) && !without.some((w) => text.includes(` ${w}`)) && out.push(h) === limit) break;
      }
    }
    return out;
  }

/** The query's hits, best first, a page of `limit` and what lies past it (total). */
  async function find(q: ParsedQuery, limit: number): Promise<IndexHit[]> {
    const phrases = q.phrases.map((p) => words(p).join(' '));
    const without = (q.without ?? []).map((w) => words(w).join(' ')).filter(Boolean);
    const checked = phrases.length > 0 || without.length > 0;
    // Phrases and words left out are checked against the stored text, so look further down the ranking.
    const k = checked ? Math.max(limit * 5, 200) : limit;
    // Once the store failed to count, not asked again in this search (one warning, one rule for its hits).
    let counted = await countTerms(index!.termsOf(q));
    const hot = index!.searchTiered(q, k);
    // `since:` inside the window: nothing in the archive can qualify.
    const wantArchive = archive && hotFrom !== null && (q.since === null || q.since.getTime() < hotFrom);
    // Papers outside the window may match better, whichever the page size (see merge-archive.ts).
    const everyPage = !!wantArchive && outside.docs > 0 && (await cheapToRank(q));
    // The window's checked hits fill the page, and it is its own: the archive is not asked.
    if (wantArchive && checked && hot.tier === 'all' && !everyPage) {
      const page = await withText(hot.hits, phrases, without, limit);
      if (page.length >= limit) return page;
    }
    // Archive hits on the window's scale (see merge-archive.ts): their papers are read for it.
    const rescore = async (found: IndexHit[]): Promise<IndexHit[]> => {
      const papers = [...(await deps.papers.getMany(found.map((h) => h.arxivId))).values()];
      if (counted) counted = await countTerms(index!.outsideTermsOf(q, papers));
      const scores = index!.scoreOutside(q, papers);
      return byScore(found.flatMap((h) => ((scores.get(h.arxivId) ?? 0) > 0 ? [{ ...h, score: scores.get(h.arxivId)! }] : [])), []);
    };
    let hits = wantArchive ? await mergeWithArchive(archive, q, hot, { before: new Date(hotFrom!), limit: k, acronyms: acronyms.pairs(), rescore, everyPage, storeWide: counted && !!archive.termCounts }) : [...hot.hits, ...hot.more];
    if (checked) hits = await withText(hits, phrases, without, limit);
    return hits;
  }

  return {
    ready,
    persist,
    async search(raw, opts = {}) {
      const parsed = parseQuery(raw);
      if (!parsed.ok) return { status: 'invalid', message: parsed.error };
      const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(opts.limit ?? 10)));
      await ready();
      advance(index!);
      const spelt = await spell(parsed.query);
      const q = spelt.query;
      const hits = await find(q, limit);
      const filtered = q.since !== null || q.authors.length > 0 || q.categories.length > 0;
      // Filters that emptied an answer the words alone have: the filters are to blame, not the words.
      const worded = searchTerms(q).length + q.phrases.length > 0;
      const withoutFilters = hits.length === 0 && filtered && worded ? (await find({ ...q, since: null, authors: [], categories: [] }, MAX_LIMIT)).length : null;
      const notes: SearchNotes = { corrected: spelt.corrected, unmatched: spelt.unmatched, withoutFilters, spellChecked: spelt.checked };
      return { status: 'ok', query: q, total: hits.length, items: hits.slice(0, limit).map((h) => ({ ...h, url: absUrl(h.arxivId) })), notes };
    },
    async indexPapers(papers) {
      await ready();
      advance(index!);
      take(index!, papers, 'new-cold');
      cap(index!, slack);
      mark.took(papers);
      learnNew(papers);
      if (papers.length) dirty = true;
    },
    async removePapers(ids) {
      await ready();
      counts.clear();
      matches.clear();
      held.clear();
      vocabulary.clear();
      index!.remove(ids);
      dirty = true;
    },
    async refresh() {
      // Opened by this call (`paperboy search` refreshes first): the opening has just read the
      // store, and a second read would only read again what it read within the catch-up mark's
      // lag (every paper of an ingest a moment ago: seconds at 100,000).
      const opened = opening === null;
      await ready();
      if (opened) return 0;
      advance(index!);
      return catchUp(index!);
    },
  };
}

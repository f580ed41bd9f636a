/**
 * One ranked answer from the hot window (MiniSearch) and the archive (the database's index).
 *
 * The database ranks on its own scale (FTS5's bm25, ts_rank), so the archive's hits are scored
 * again on the window's (`rescore`: the window's BM25, with the statistics of every paper), and
 * the merge goes by how well each side matched, then by that one score:
 *  1. A query of filters only lists newest first: hot hits, then the archive's (all older).
 *  2. Papers matching every word come before papers matching only some, whichever side (with
 *     papers outside the window, only when they fill the page: see below).
 *  3. Within one tier, best first whichever side (near-ties newer first). Interleaved rank by
 *     rank instead, a window paper barely matching outranked the archive's best, and the score
 *     column went up and down (47.76, 4.86, 47.52, …). An archive hit that scores 0 there (the
 *     database's stemming alone found it) is not listed: the window would not have found it.
 *     Without `rescore` the two lists are interleaved rank by rank, hot first; when the window has
 *     no hit the archive's answer is its own, in its own order, unless the window's statistics are
 *     the whole store's (`storeWide`, SQLite): then it is rescored too, so one query's scale and
 *     order do not change when a recent paper comes to match it.
 * So when the archive has nothing for a query (its words are new, or `since:` lies within the
 * window) the answer is the hot index's alone: exactly today's.
 *
 * Best match first whichever side holds it (`everyPage`): while papers lie outside the window
 * and the database can rank the query's matches cheaply, the archive is asked for every page, also
 * one the window alone fills, and its hits join by score. Until 2026-12-06 a page the window filled at the tier the archive could add to was the
 * window's ("recent papers first"), so an older paper matching better never reached page 1 and
 * the answer depended on where a paper lived. bench:search-quality, split rows (newer half in the
 * window, older half in the archive), MRR then → now: dev names 0.586 → 0.733, validation names
 * 0.813 → 0.798, dev keywords 0.640 → 0.694, validation keywords 0.762 → 0.789, expert wording
 * 0.722 → 0.831 (everything in the window: 0.733, 0.800, 0.752, 0.783, 0.830); recall@50 0.50-0.65
 * → 0.65-0.82. It costs an archive query per search: 8 ms p50, 25 ms p99 at 100,000 papers on
 * SQLite for words held by up to 10,000 papers, but FTS5 scores every paper a word reaches ("model"
 * in 37,000: 220-330 ms), so the service asks so only below that (search-service.ts cheapToRank;
 * PostgreSQL counts nothing, so there a page the window fills stays its own). Still:
 *  - filters only: the page is the window's newest when it fills one (archive papers are all older);
 *  - every-word papers (both sides, by score) filling the page: some-word ones are not asked for;
 *  - otherwise the rest (some-word papers of both sides) join the every-word ones by score, not
 *    after them: the database's "every word" is its exact words, the window's also takes typos and
 *    word beginnings, and on one scale (BM25 times the words matched) more words rank higher anyway;
 *  - no paper outside the window (a fresh database), or words too common to rank each time: the
 *    window's full page stands, the archive unasked, and it is asked only to fill a page, as before
 *    ("recent papers first"; older papers are reached with more words or a larger page).
 * Phrase queries, and queries leaving a word out, always ask: their hits are checked against the
 * stored text afterwards, and the window's may not survive.
 */
import type { ArchiveHit, ArchiveQuery, ArchiveSearch } from './archive-search.js';
import { searchTerms, type ParsedQuery } from './query-parser.js';
import type { IndexHit, TieredHits } from './search-index.js';
import { archiveWordGroups, type AcronymPairs } from './acronym-aliases.js';

export function archiveHit(h: ArchiveHit): IndexHit {
  return { arxivId: h.arxivId, title: h.title, score: h.score, date: h.date, upvotes: h.upvotes, match: {}, archive: true };
}

/** Rank by rank, `first` leading; a paper on both sides once, where it ranks first. */
export function interleave(first: readonly IndexHit[], second: readonly IndexHit[]): IndexHit[] {
  const out: IndexHit[] = [];
  const seen = new Set<string>();
  const add = (h: IndexHit | undefined) => {
    if (h && !seen.has(h.arxivId)) {
      seen.add(h.arxivId);
      out.push(h);
    }
  };
  for (let i = 0; i < Math.max(first.length, second.length); i++) {
    add(first[i]);
    add(second[i]);
  }
  return out;
}

const concat = (a: readonly IndexHit[], b: readonly IndexHit[]) => interleave([...a, ...b], []);

/** Best first, near-ties (within 0.1%, as the window ranks) newer first; a paper on both sides once. */
export function byScore(first: readonly IndexHit[], second: readonly IndexHit[]): IndexHit[] {
  const both = interleave(first, second);
  const time = (h: IndexHit) => h.date?.getTime() ?? -Infinity;
  // Near-ties are not transitive: sort by score, then reorder each run of near-equal scores by date.
  const sorted = both.sort((a, b) => b.score - a.score);
  const out: IndexHit[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[i]!.score - sorted[j]!.score <= 1e-3 * sorted[i]!.score) j++;
    out.push(...sorted.slice(i, j).sort((a, b) => time(b) - time(a)));
    i = j;
  }
  return out;
}

/** Archive hits scored on the window's scale, best first; those the window's rules do not match left out. */
export type Rescore = (hits: IndexHit[]) => Promise<IndexHit[]>;

export async function mergeWithArchive(
  archive: ArchiveSearch,
  query: ParsedQuery,
  hot: TieredHits,
  opts: {
    before: Date;
    limit: number;
    acronyms?: AcronymPairs;
    rescore?: Rescore;
    /**
     * The window's statistics are the whole store's (SQLite counts every stored paper's words):
     * archive hits are rescored even when the window has none, so an answer's scale and order do
     * not hang on whether a recent paper matched (MolHIT scored 3.31 alone, 18.91 beside one).
     */
    storeWide?: boolean;
    /**
     * Ask the archive for every page (papers lie outside the window, and the database can rank
     * the query's matches cheaply); else only for a page the window does not fill.
     */
    everyPage?: boolean;
  },
): Promise<IndexHit[]> {
  // With nothing from the window there is one scale already, and where the window's statistics are
  // its own papers' only (PostgreSQL) the database's ranking knows every paper's document
  // frequencies: rescored, papers of the archive alone ranked worse (bench:search-quality, archive
  // rows). With the whole store's (SQLite, storeWide) rescored they rank better: archive rows, MRR
  // 2026-12-07, dev names 0.574 -> 0.679, validation names 0.854 -> 0.867, dev keywords 0.546 ->
  // 0.694, validation keywords 0.796 -> 0.796, expert wording 0.813 -> 0.812.
  const words = searchTerms(query);
  // Abbreviations and long forms as each other, as in the window (acronym-aliases.ts), but only
  // for papers after the words' own: the database ranks the alternatives as words of their own
  // (FTS5's bm25, ts_rank), and "AI" ranked papers saying "artificial intelligence" first.
  const groups = opts.acronyms?.size ? archiveWordGroups(words, opts.acronyms) : undefined;
  const aliased = groups?.some((g) => g.length > 1) ? groups : undefined;
  // Not with an abbreviation's long form: the window scores it by its own papers' words, and
  // with none of them it gave a paper saying "multimodal large language models" no credit for "MLLM".
  const rescore = hot.hits.length || hot.more.length || (opts.storeWide && !aliased) ? opts.rescore : undefined;
  const join = rescore ? byScore : interleave;
  // Filters alone are listed newest first: nothing to score.
  const ask = async (match: ArchiveQuery['match'] | 'all-filters') => {
    const q: ArchiveQuery = { query, words, before: opts.before, match: match === 'all-filters' ? 'all' : match, limit: opts.limit };
    const own = await archive.search(q);
    const more = !aliased || own.length >= opts.limit ? [] : await archive.search({ ...q, groups: aliased });
    const have = new Set(own.map((h) => h.arxivId));
    const hits = [...own, ...more.filter((h) => !have.has(h.arxivId))].slice(0, opts.limit).map(archiveHit);
    return rescore && hits.length && match !== 'all-filters' ? rescore(hits) : hits;
  };
  // Phrases and words left out are checked against the text afterwards: the window's full page may not survive.
  const checked = query.phrases.length > 0 || (query.without?.length ?? 0) > 0;
  const full = hot.hits.length >= opts.limit && !checked;
  // Filters alone: every archive paper is older than the window's, so a full page is the window's.
  if (hot.tier === 'filter') return full ? hot.hits : concat(hot.hits, await ask('all-filters'));
  // With no paper outside the window the archive has nothing to add to a full page.
  const enough = full && !opts.everyPage;
  // "a or b": one tier, any word.
  if (query.any) return enough ? hot.hits : join(hot.hits, await ask('any'));
  if (hot.tier === 'all' && enough) return hot.hits;
  const all = await ask('all');
  const every = hot.tier === 'all' ? join(hot.hits, all) : all;
  const some = hot.tier === 'all' ? hot.more : hot.hits;
  // Some-word papers follow every-word ones on a page those do not fill; the archive's are asked
  // for unless the every-word papers fill it (or, with nothing older, the window's some-word ones do).
  const filled = every.length >= opts.limit || (!opts.everyPage && every.length + some.length >= opts.limit && !checked);
  if (filled || words.length < 2) return concat(every, some);
  const rest = join(some, await ask('any'));
  // The archive's "every word" is the database's exact words; the window's also takes typos and
  // word beginnings. So on one scale (BM25 times the words matched) the rest join by score.
  return opts.everyPage && rescore ? byScore(every, rest) : concat(every, rest);
}

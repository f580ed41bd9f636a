/**
 * The papers of one digest window a run needs: topic matches, and papers by followed authors.
 *
 * A window's candidates are read and matched a page at a time, and only what ranking needs of
 * the matched ones is kept: after a backfill a window holds 100,000 papers, and listing them
 * whole (then matching them in one go) held the event loop for seconds and the memory of
 * every paper. The long-running service goes further: its matcher reads and matches the
 * window in a worker thread (`TopicMatcher.matchWindow`), and this thread receives only each
 * page's hits. Matching is per (window, topic), shared through the run cache by every target
 * with that window and topic.
 */
import type { Paper } from '../papers/paper.js';
import type { Follow } from '../follows/ports.js';
import type { Logger, PaperStore } from '../ports.js';
import type { MatchProgress } from './ports.js';
import { yieldToEventLoop } from '../event-loop.js';
import { followedAuthorsOf, parsedFollows } from '../follows/followed-items.js';
import { rankedPaper, type RankedPaper } from './plan.js';
import type { DigestRunCache } from './run-cache.js';
import type { TopicMatch, TopicMatcher, WindowPage } from './topic-matcher.js';

/** Candidates read and matched at a time: bounds both memory and the longest stretch of CPU. */
export const CANDIDATE_PAGE = 100;

/** A window's matches of some topics, with the ranking fields of the papers matched. */
export interface WindowHits {
  matches: TopicMatch[];
  papers: RankedPaper[];
}

export interface WindowPapers {
  matches(start: Date, end: Date, slugs: string[]): Promise<WindowHits>;
  /** The window's papers by any of `follows`' authors, whatever their topics. */
  byFollowedAuthors(start: Date, end: Date, follows: readonly Follow[]): Promise<Paper[]>;
}

/**
 * The window's papers read from the store `pageSize` at a time (keyset pages in SQL, never the
 * whole window) and matched page by page: what a matcher without `matchWindow` does here, and
 * what the match worker runs on its own thread.
 */
export async function* matchWindowPages(
  papers: Pick<PaperStore, 'iterateSeen'>,
  matcher: Pick<TopicMatcher, 'match'>,
  window: { since: Date; before: Date },
  slugs: readonly string[],
  pageSize = CANDIDATE_PAGE,
): AsyncGenerator<WindowPage> {
  for await (const candidates of papers.iterateSeen(window, pageSize)) {
    const byId = new Map(candidates.map((p) => [p.arxivId, p]));
    const hits: WindowPage['hits'] = [];
    for (const match of await matcher.match(candidates, slugs)) {
      const paper = byId.get(match.arxivId);
      if (paper) hits.push({ match, paper: rankedPaper(paper) });
    }
    yield { papers: candidates.length, hits };
  }
}

/**
 * Distinct instants a window's matches share Date objects for. Dates are most of what a match
 * holds (a Date is about 100 bytes, a paper's ranking fields carry two or three, and every
 * page's rows came with their own); a window's papers have few distinct ones (a day's
 * publication, an ingest's first sighting), and the bound keeps a window where every instant
 * differs from holding a second copy of them all.
 */
export const SHARED_DATES = 10_000;

/**
 * The ranking fields a window's matches keep, made once per paper and page (a paper matching
 * several topics used to be held once per topic) with equal dates shared across the window.
 * The run cache keeps them for every match of a window (six figures after a backfill).
 */
export function windowRanking(maxDates = SHARED_DATES): { page(): (p: RankedPaper) => RankedPaper; readonly sharedDates: number } {
  const dates = new Map<number, Date>();
  const date = <D extends Date | null>(d: D): D => {
    if (d === null) return d;
    const known = dates.get(d.getTime());
    if (known) return known as D;
    if (dates.size < maxDates) dates.set(d.getTime(), d);
    return d;
  };
  return {
    page() {
      // A page's matches of one paper all come in that page: the map lives as long as the page.
      const made = new Map<string, RankedPaper>();
      return (p) => {
        let r = made.get(p.arxivId);
        if (!r) made.set(p.arxivId, (r = { arxivId: p.arxivId, version: p.version, upvotes: p.upvotes, publishedAt: date(p.publishedAt), announcedAt: date(p.announcedAt), firstSeenAt: date(p.firstSeenAt) }));
        return r;
      };
    },
    get sharedDates() {
      return dates.size;
    },
  };
}

export function createWindowPapers(deps: { papers: PaperStore; matcher: TopicMatcher; cache: DigestRunCache; logger: Logger; progress?: MatchProgress }): WindowPapers {
  const { papers, matcher, cache, logger, progress } = deps;
  return {
    async matches(start, end, slugs) {
      const windowId = `${start.toISOString()}|${end.toISOString()}`;
      const keyOf = (slug: string) => `match|${windowId}|${slug}`;
      const slugOf = new Map(slugs.map((s) => [keyOf(s), s]));
      const lists = await cache.getMany<WindowHits>(
        slugs.map(keyOf),
        async (missing) => {
          const byKey = new Map<string, WindowHits>(missing.map((k) => [k, { matches: [], papers: [] }]));
          const wanted = missing.map((k) => slugOf.get(k)!);
          const window = { since: start, before: end };
          // One indexed count, and only when someone is watching: the total a percentage needs.
          const watched = progress?.start(await papers.count(window), wanted.length);
          let outcome: 'done' | 'failed' = 'failed';
          try {
            const pages = matcher.matchWindow ? matcher.matchWindow(window, wanted) : matchWindowPages(papers, matcher, window, wanted);
            let page = 0;
            let matched = 0;
            const ranking = windowRanking();
            for await (const { papers: count, hits } of pages) {
              const ranked = ranking.page();
              for (const { match, paper } of hits) {
                const list = byKey.get(keyOf(match.topicSlug));
                if (!list) continue;
                list.matches.push(match);
                list.papers.push(ranked(paper));
              }
              logger.debug({ window: windowId, page: ++page, papers: count, hits: hits.length, offThread: Boolean(matcher.matchWindow) }, 'digest candidates matched');
              watched?.advance((matched += count));
              await yieldToEventLoop();
            }
            outcome = 'done';
          } finally {
            watched?.stop(outcome);
          }
          return byKey;
        },
        { matches: [], papers: [] },
      );
      return { matches: lists.flatMap((l) => l.matches), papers: lists.flatMap((l) => l.papers) };
    },

    // Read a page at a time as topic matching reads them, keeping only those papers.
    async byFollowedAuthors(start, end, follows) {
      const out: Paper[] = [];
      const parsed = parsedFollows(follows);
      for await (const page of papers.iterateSeen({ since: start, before: end }, CANDIDATE_PAGE)) {
        for (const p of page) if (followedAuthorsOf(p, parsed).length) out.push(p);
        await yieldToEventLoop();
      }
      return out;
    },
  };
}

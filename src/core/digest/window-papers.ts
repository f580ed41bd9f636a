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
            for await (const { papers: count, hits } of pages) {
              for (const { match, paper } of hits) {
                const list = byKey.get(keyOf(match.topicSlug));
                if (!list) continue;
                list.matches.push(match);
                list.papers.push(paper);
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

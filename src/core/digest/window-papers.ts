/**
 * The papers of one digest window a run needs: topic matches, and papers by followed authors.
 *
 * A window's candidates are read and matched a page at a time, and only what ranking needs of
 * the matched ones is kept: after a backfill a window holds 100,000 papers, and listing them
 * whole (then matching them in one go) held the event loop for seconds and the memory of
 * every paper. Between pages the loop serves chat acks and /healthz. Matching is per
 * (window, topic), shared through the run cache by every target with that window and topic.
 */
import type { Paper } from '../papers/paper.js';
import type { Follow } from '../follows/ports.js';
import type { Logger, PaperStore } from '../ports.js';
import { yieldToEventLoop } from '../event-loop.js';
import { followedAuthorsOf, parsedFollows } from '../follows/followed-items.js';
import { rankedPaper, type RankedPaper } from './plan.js';
import type { DigestRunCache } from './run-cache.js';
import type { TopicMatch, TopicMatcher } from './topic-matcher.js';

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

export function createWindowPapers(deps: { papers: PaperStore; matcher: TopicMatcher; cache: DigestRunCache; logger: Logger }): WindowPapers {
  const { papers, matcher, cache, logger } = deps;
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
          let page = 0;
          for await (const candidates of papers.iterateSeen({ since: start, before: end }, CANDIDATE_PAGE)) {
            const byId = new Map(candidates.map((p) => [p.arxivId, p]));
            for (const m of await matcher.match(candidates, wanted)) {
              const hits = byKey.get(keyOf(m.topicSlug));
              const paper = byId.get(m.arxivId);
              if (!hits || !paper) continue;
              hits.matches.push(m);
              hits.papers.push(rankedPaper(paper));
            }
            logger.debug({ window: windowId, page: ++page, papers: candidates.length }, 'digest candidates matched');
            await yieldToEventLoop();
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

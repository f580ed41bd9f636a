/**
 * Any RSS 2.0, RSS 1.0 (RDF), Atom 1.0, Atom 0.3 or JSON Feed (`--source feed`). Reading is in
 * feed-read.ts, mapping in feed-parse.ts; an arXiv listing fetched here is read as one.
 */
import type { ConditionalUnit, PaperSource, SourceRequest, SourceUnit, UnitValidators } from '../core/ports.js';
import type { PaperInput } from '../core/papers/paper.js';
import type { HttpClient } from '../net/http.js';
import { fetchedFeedPapers, parseFeedPapers } from './feed-parse.js';
import type { UnitReports } from './drops.js';
import { bodyRefusal, type HeapRoom } from './heap-room.js';
import { askKeptPages, unitValidators, type PageGet } from './conditional-pages.js';

export { feedItemId, mapFeedEntry } from './feed-parse.js';

/** Papers of a feed body (entries that cannot be used are left out; see parseFeedPapers for why). */
export function parseFeed(body: string, url: string | null, contentType = ''): PaperInput[] {
  return parseFeedPapers(body, url, contentType, 'feed').papers;
}

/** Feed URLs in a request: `feedUrl` may hold several, separated by whitespace (URLs may contain commas). */
export function feedUrls(request: SourceRequest): string[] {
  return (request.feedUrl ?? '').split(/\s+/).filter(Boolean);
}

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** Options of a source that parses fetched feeds whole (a body too big for the heap left is refused before it is decoded). */
export interface FeedSourceOptions extends UnitReports, HeapRoom {
  http: HttpClient;
}

/** How a source asks for and maps a feed: what it accepts, and whose papers the entries become. */
interface FeedReading {
  accept: string;
  source: 'feed' | 'rss';
  /** Named in a failure's message when the unit's label does not say it already. */
  messageUrl: (url: string) => string | null;
}

/**
 * A feed unit read conditionally (conditional-pages.ts): a feed is a unit of one page, its
 * address. Shared by `feed` and `rss`, which differ only in what they accept and are called.
 */
export function conditionalFeedReader(opts: FeedSourceOptions, reading: FeedReading): (unit: SourceUnit, known: UnitValidators | null, signal?: AbortSignal) => Promise<ConditionalUnit> {
  const refuseBody = bodyRefusal(opts, true);
  return async (unit, known, signal) => {
    const url = unit.params.url ?? unit.label;
    const get: PageGet = (address, conditional) => opts.http.getText(address, { accept: reading.accept, signal, keepCutBody: true, refuseBody, ...(conditional ? { conditional } : {}) });
    const asked = await askKeptPages(get, known, () => url);
    if (asked.notModified) return asked;
    const res = asked.fetched[0] ?? (await get(url));
    const papers = fetchedFeedPapers(res, { source: reading.source, requested: url, messageUrl: reading.messageUrl(url), onSkipped: (reasons) => opts.onSkipped?.(unit.label, reasons), onNote: (note) => opts.onNote?.(unit.label, note) });
    return { notModified: false, papers, validators: unitValidators([res]) };
  };
}

export function createFeedSource(opts: FeedSourceOptions): PaperSource {
  // The unit is the feed's address: the message need not repeat it.
  const read = conditionalFeedReader(opts, { accept: FEED_ACCEPT, source: 'feed', messageUrl: () => null });
  return {
    name: 'feed',
    units(request: SourceRequest): SourceUnit[] {
      return feedUrls(request).map((url) => ({ label: url, params: { url } }));
    },
    async fetchUnit(unit: SourceUnit, signal?: AbortSignal): Promise<PaperInput[]> {
      const got = await read(unit, null, signal);
      return got.notModified ? [] : got.papers;
    },
    fetchUnitIfModified: read,
  };
}

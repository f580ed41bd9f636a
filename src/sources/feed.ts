/**
 * Any RSS 2.0, RSS 1.0 (RDF), Atom 1.0, Atom 0.3 or JSON Feed (`--source feed`). Reading is in
 * feed-read.ts, mapping in feed-parse.ts; an arXiv listing fetched here is read as one.
 */
import type { ConditionalUnit, PaperSource, SourceRequest, SourceUnit, UnitValidators } from '../core/ports.js';
import type { PaperInput } from '../core/papers/paper.js';
import type { HttpClient, TextResponse } from '../net/http.js';
import { ParseError } from '../net/errors.js';
import { fetchedFeedPapers, parseFeedPapers } from './feed-parse.js';
import type { UnitReports } from './drops.js';
import { bodyRefusal, type HeapRoom } from './heap-room.js';
import { askKeptPages, unitValidators, type PageGet } from './conditional-pages.js';
import { HtmlPageError } from './feed-discovery.js';

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
  /** A web page at the unit's address is read as the feed it names (feed-discovery.ts), one hop. */
  discover?: boolean;
}

/** The feed an HTML page names and is to be read for it, or null (not a page, or naming none to read). */
function feedToFollow(err: unknown): string | null {
  return err instanceof HtmlPageError && err.named?.kind === 'feed' ? err.named.url : null;
}

/** Said of a unit read through the page at its address. */
export const foundFeedNote = (feed: string) => `read ${feed}, the feed the page names (give that address instead: one request fewer each run)`;

/**
 * A feed unit read conditionally (conditional-pages.ts): a feed is a unit of one page, its
 * address. Shared by `feed` and `rss`, which differ only in what they accept and are called.
 */
export function conditionalFeedReader(opts: FeedSourceOptions, reading: FeedReading): (unit: SourceUnit, known: UnitValidators | null, signal?: AbortSignal) => Promise<ConditionalUnit> {
  const refuseBody = bodyRefusal(opts, true);
  return async (unit, known, signal) => {
    const url = unit.params.url ?? unit.label;
    const get: PageGet = (address, conditional) => opts.http.getText(address, { accept: reading.accept, signal, keepCutBody: true, refuseBody, ...(conditional ? { conditional } : {}) });
    // `messageUrl`: named in a failure when the unit's label does not say it (a feed a page named does not).
    const read = (res: TextResponse, requested: string, messageUrl: string | null) =>
      fetchedFeedPapers(res, { source: reading.source, requested, messageUrl, onSkipped: (reasons) => opts.onSkipped?.(unit.label, reasons), onNote: (note) => opts.onNote?.(unit.label, note) });
    // Validators kept of a feed the page named are the feed's: sent to the page, its 304 would say
    // nothing of the feed, and its own If-Modified-Since answer could hide a changed feed.
    const viaPage = reading.discover === true && known?.foundOn !== undefined;
    const asked = await askKeptPages(get, viaPage ? null : known, () => url);
    if (asked.notModified) return asked;
    const res = asked.fetched[0] ?? (await get(url));
    let papers: PaperInput[];
    try {
      papers = read(res, url, reading.messageUrl(url));
    } catch (err) {
      const feed = reading.discover ? feedToFollow(err) : null;
      if (!feed) throw err;
      opts.onNote?.(unit.label, foundFeedNote(feed));
      return readNamedFeed(get, read, feed, res.url || url, viaPage ? known : null);
    }
    return { notModified: false, papers, validators: unitValidators([res]) };
  };
}

/**
 * The feed a page named, read as the unit, with `known` (its validators from the last run that
 * read it so). One hop: a feed that is an HTML page in turn fails, whatever it names.
 */
async function readNamedFeed(get: PageGet, read: (res: TextResponse, requested: string, messageUrl: string) => PaperInput[], feed: string, page: string, known: UnitValidators | null): Promise<ConditionalUnit> {
  const asked = await askKeptPages(get, known, () => feed);
  if (asked.notModified) return asked;
  const res = asked.fetched[0] ?? (await get(feed));
  let papers: PaperInput[];
  try {
    papers = read(res, feed, res.url || feed);
  } catch (err) {
    if (err instanceof HtmlPageError) throw new ParseError(`the feed the page names, ${feed}, is an HTML page too (a page's feed is followed one hop, no further): ${err.message}`, null);
    throw err;
  }
  const validators = unitValidators([res]);
  return { notModified: false, papers, validators: validators && { ...validators, foundOn: page } };
}

export function createFeedSource(opts: FeedSourceOptions): PaperSource {
  // The unit is the feed's address: the message need not repeat it.
  const read = conditionalFeedReader(opts, { accept: FEED_ACCEPT, source: 'feed', messageUrl: () => null, discover: true });
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

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

export function createFeedSource(opts: FeedSourceOptions): PaperSource {
  const refuseBody = bodyRefusal(opts, true);
  async function read(unit: SourceUnit, known: UnitValidators | null, signal?: AbortSignal): Promise<ConditionalUnit> {
    const url = unit.params.url ?? unit.label;
    const get = (conditional?: UnitValidators) =>
      opts.http.getText(url, { accept: FEED_ACCEPT, signal, keepCutBody: true, refuseBody, ...(conditional ? { conditional: { etag: conditional.etag, lastModified: conditional.lastModified } } : {}) });
    let res = await get(known ?? undefined);
    // Validators describe the address that gave them: a 304 from another one (the feed moved) says
    // nothing of the copy read before, so the feed is asked for whole.
    if (res.notModified && res.url !== known?.url) res = await get();
    if (res.notModified) return { notModified: true };
    // The unit is the feed's address: the message need not repeat it.
    const papers = fetchedFeedPapers(res, { source: 'feed', requested: url, messageUrl: null, onSkipped: (reasons) => opts.onSkipped?.(unit.label, reasons), onNote: (note) => opts.onNote?.(unit.label, note) });
    // A body cut short is not the resource the validators name.
    return { notModified: false, papers, validators: res.validators && !res.cutShort ? { ...res.validators, url: res.url } : null };
  }
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

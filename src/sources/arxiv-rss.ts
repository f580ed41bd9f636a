/**
 * arXiv RSS/Atom listings (`{base}/atom/cs.CL+cs.SD`): today's announcements. The listing is read
 * like any feed (feed-parse.ts) and recognised as a listing by its content, so the RSS 2.0 form
 * (`/rss/…`) works here too, and an ordinary feed given here is read as an ordinary feed.
 */
import type { PaperSource, SourceRequest, SourceUnit } from '../core/ports.js';
import type { PaperInput } from '../core/papers/paper.js';
import { parseFeedPapers } from './feed-parse.js';
import { conditionalFeedReader, type FeedSourceOptions } from './feed.js';

export { splitCreators, stripAnnouncePrefix, type AnnounceType } from './arxiv-listing.js';

export function parseArxivRss(body: string, url: string | null, contentType = ''): PaperInput[] {
  return parseFeedPapers(body, url, contentType, 'rss').papers;
}

export function createArxivRssSource(opts: {
  baseUrl: string;
  defaultCategories: string[];
} & FeedSourceOptions): PaperSource {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const read = conditionalFeedReader(opts, { accept: 'application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8', source: 'rss', messageUrl: (url) => url });
  return {
    name: 'rss',
    // The listing is always "today's announcements": the date window does not apply.
    units(request: SourceRequest): SourceUnit[] {
      const cats = request.categories?.length ? request.categories : opts.defaultCategories;
      const url = `${base}/atom/${cats.map(encodeURIComponent).join('+')}`;
      return [{ label: url, params: { url } }];
    },
    async fetchUnit(unit: SourceUnit, signal?: AbortSignal): Promise<PaperInput[]> {
      const got = await read(unit, null, signal);
      return got.notModified ? [] : got.papers;
    },
    fetchUnitIfModified: read,
  };
}

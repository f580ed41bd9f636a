/**
 * arXiv RSS/Atom listings (`{base}/atom/cs.CL+cs.SD`): today's announcements. The listing is read
 * like any feed (feed-parse.ts) and recognised as a listing by its content, so the RSS 2.0 form
 * (`/rss/…`) works here too, and an ordinary feed given here is read as an ordinary feed.
 */
import type { PaperSource, SourceRequest, SourceUnit } from '../core/ports.js';
import type { PaperInput } from '../core/papers/paper.js';
import { fetchedFeedPapers, parseFeedPapers } from './feed-parse.js';
import type { FeedSourceOptions } from './feed.js';
import { bodyRefusal } from './heap-room.js';

export { splitCreators, stripAnnouncePrefix, type AnnounceType } from './arxiv-listing.js';

export function parseArxivRss(body: string, url: string | null, contentType = ''): PaperInput[] {
  return parseFeedPapers(body, url, contentType, 'rss').papers;
}

export function createArxivRssSource(opts: {
  baseUrl: string;
  defaultCategories: string[];
} & FeedSourceOptions): PaperSource {
  const refuseBody = bodyRefusal(opts, true);
  const base = opts.baseUrl.replace(/\/+$/, '');
  return {
    name: 'rss',
    // The listing is always "today's announcements": the date window does not apply.
    units(request: SourceRequest): SourceUnit[] {
      const cats = request.categories?.length ? request.categories : opts.defaultCategories;
      const url = `${base}/atom/${cats.map(encodeURIComponent).join('+')}`;
      return [{ label: url, params: { url } }];
    },
    async fetchUnit(unit: SourceUnit, signal?: AbortSignal): Promise<PaperInput[]> {
      const url = unit.params.url ?? unit.label;
      const res = await opts.http.getText(url, { accept: 'application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8', signal, keepCutBody: true, refuseBody });
      return fetchedFeedPapers(res, { source: 'rss', requested: url, messageUrl: url, onSkipped: (reasons) => opts.onSkipped?.(unit.label, reasons), onNote: (note) => opts.onNote?.(unit.label, note) });
    },
  };
}

/**
 * The feed a web page names in its head (`<link rel="alternate" type="application/rss+xml"
 * href="/feed">`, the autodiscovery every feed reader follows): a blog's own address given where
 * its feed's was meant fails with the address to use instead of only "got an HTML page".
 */
import { decodeHTML } from 'entities/decode';
import { safeHttpUrl } from './safe-url.js';

/** How much of a page is searched: `<link>` elements are in its head. */
const HEAD_CHARS = 65_536;
const LINK = /<link\b(?:[^<>"']|"[^"]*"|'[^']*')*>/gi;
const ATTRIBUTE = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
/** The feed formats paperboy reads, as their media types. */
const FEED_TYPE = /^application\/(?:rss\+xml|atom\+xml|rdf\+xml|feed\+json)\s*(?:;|$)/i;

/** The first feed the page names, absolute (resolved against the page's address), or null. */
export function advertisedFeed(html: string, pageUrl: string | null): string | null {
  for (const tag of html.slice(0, HEAD_CHARS).matchAll(LINK)) {
    const attrs = new Map<string, string>();
    for (const a of tag[0].matchAll(ATTRIBUTE)) attrs.set(a[1]!.toLowerCase(), decodeHTML(a[2] ?? a[3] ?? a[4] ?? '').trim());
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const href = attrs.get('href');
    if (!rel.includes('alternate') || !FEED_TYPE.test(attrs.get('type') ?? '') || !href) continue;
    let absolute: string | null;
    try {
      absolute = safeHttpUrl(new URL(href, pageUrl ?? undefined).toString());
    } catch {
      absolute = null;
    }
    if (absolute) return absolute;
  }
  return null;
}

/** "; the page names its feed: <address>", or '' when it names none. */
export function advertisedFeedHint(html: string, pageUrl: string | null): string {
  const feed = advertisedFeed(html, pageUrl);
  return feed ? `; the page names its feed: ${feed}` : '';
}

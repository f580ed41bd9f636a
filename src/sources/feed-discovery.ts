/**
 * The feed a web page names in its head (`<link rel="alternate" type="application/rss+xml"
 * href="/feed">`, the autodiscovery every feed reader follows): a blog's own address given where
 * its feed's was meant is read as that feed (feed.ts follows it, one hop), or fails saying which
 * address to use.
 */
import { decodeHTML } from 'entities/decode';
import { htmlPageMessage } from '../net/http.js';
import { ParseError } from '../net/errors.js';
import { safeHttpUrl } from './safe-url.js';

/** How much of a page is searched: `<link>` and `<base>` elements are in its head. */
const HEAD_CHARS = 65_536;
const LINK = /<link\b(?:[^<>"']|"[^"]*"|'[^']*')*>/gi;
const BASE = /<base\b(?:[^<>"']|"[^"]*"|'[^']*')*>/gi;
const ATTRIBUTE = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
/**
 * The feed formats paperboy reads, as their media types. Not `application/json`: WordPress names
 * each page's REST API record so, and oEmbed its own JSON, both rel="alternate".
 */
const FEED_TYPE = /^application\/(?:rss\+xml|atom\+xml|rdf\+xml|feed\+json)\s*(?:;|$)/i;
/**
 * A feed of a site's comments, by its title (WordPress's "Site » Comments Feed" and each post's
 * "Site » Post Comments Feed", in the languages its translations say it) or a path segment
 * (`/comments/feed/`, Blogger's `/feeds/comments/default`): comments are no papers.
 */
const COMMENTS_TITLE = /comment|kommentar/i;
const COMMENTS_PATH = /\/comments(?:\/|$)/i;

/**
 * What a page names: `feed`, its first main feed, the one to read; else `comments`, a comments
 * feed; else `itself`, an alternate that is the page's own address (nothing else to read).
 */
export interface NamedFeed {
  url: string;
  kind: 'feed' | 'comments' | 'itself';
}

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const a of tag.matchAll(ATTRIBUTE)) attrs.set(a[1]!.toLowerCase(), decodeHTML(a[2] ?? a[3] ?? a[4] ?? '').trim());
  return attrs;
}

/** `href` made absolute against `base`, when it is a plain http(s) address (no credentials); else null. */
function absolute(href: string, base: string | undefined): string | null {
  let url: string | null;
  try {
    url = safeHttpUrl(new URL(href, base).toString());
  } catch {
    return null;
  }
  // Fetch refuses credentials in an address, and a note would print them.
  return url && !/^https?:\/\/[^/?#]*@/i.test(url) ? url : null;
}

/** The address relative hrefs are read against: the first `<base href>`, itself read against the page's (HTML §4.2.3). */
function baseAddress(head: string, pageUrl: string | null): string | undefined {
  for (const tag of head.matchAll(BASE)) {
    const href = attributes(tag[0]).get('href');
    if (href === undefined) continue;
    try {
      return new URL(href, pageUrl ?? undefined).toString();
    } catch {
      break;
    }
  }
  return pageUrl ?? undefined;
}

const withoutFragment = (url: string) => url.replace(/#.*$/, '');

/** The feed the page names, by the rule above (document order, whatever the feed's form), or null. */
export function namedFeed(html: string, pageUrl: string | null): NamedFeed | null {
  // A link commented out (an old feed a theme left behind) is none the page names.
  const head = html.slice(0, HEAD_CHARS).replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  const base = baseAddress(head, pageUrl);
  const found: NamedFeed[] = [];
  for (const tag of head.matchAll(LINK)) {
    const attrs = attributes(tag[0]);
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const href = attrs.get('href');
    if (!rel.includes('alternate') || !FEED_TYPE.test(attrs.get('type') ?? '') || href === undefined) continue;
    const url = absolute(href, base);
    if (!url) continue;
    const itself = pageUrl !== null && withoutFragment(url) === withoutFragment(pageUrl);
    const comments = COMMENTS_TITLE.test(attrs.get('title') ?? '') || COMMENTS_PATH.test(new URL(url).pathname);
    const kind = itself ? 'itself' : comments ? 'comments' : 'feed';
    if (kind === 'feed') return { url, kind };
    found.push({ url: itself ? pageUrl : url, kind });
  }
  return found.find((f) => f.kind === 'comments') ?? found[0] ?? null;
}

/** What the failure says of the feed a page names. */
function hint(named: NamedFeed | null): string {
  if (!named) return '';
  if (named.kind === 'itself') return '; the feed it names is the page itself';
  return named.kind === 'comments' ? `; the page names only a comments feed: ${named.url}` : `; the page names its feed: ${named.url}`;
}

/** An HTML page where a feed was expected, with the feed it names (null: none). */
export class HtmlPageError extends ParseError {
  constructor(
    message: string,
    url: string | null,
    readonly named: NamedFeed | null,
  ) {
    super(message, url);
  }
}

/** The failure of an HTML page read for a feed; `discover`: it says the feed the page names, and carries it. */
export function htmlPageFailure(text: string, url: string | null, expected: string, discover: boolean): HtmlPageError {
  const named = discover ? namedFeed(text, url) : null;
  return new HtmlPageError(htmlPageMessage(expected, text, hint(named)), url ?? '(input)', named);
}

/**
 * Which of an RSS item's or Atom entry's links is its address, its page and its PDF, and the
 * bases relative ones resolve against (xml:base, RFC 4287 §4.2.7, RSS 2.0 guid, FeedBurner).
 */
import { attr, el, NS, text } from './xml.js';
import { written } from './feed-fields.js';
import { isPdfFile, resolveUrl, safePdfUrl } from './safe-url.js';
import { parseArxivId } from '../core/papers/normalize.js';

const FEEDBURNER = [NS.feedburner];

/** The base for a node's children: its xml:base resolved against the parent's base. */
export function baseOf(node: unknown, parent: string | null): string | null {
  const b = attr(node, 'base');
  if (!b) return parent;
  const resolved = resolveUrl(b, parent);
  return /^[a-z][a-z\d+.-]*:/i.test(resolved) ? resolved : parent;
}

/** A link's relation: RFC 4287 §4.2.7.2 makes a name and its IANA IRI one relation, and no rel "alternate". */
const relOf = (l: unknown) => attr(l, 'rel').trim().toLowerCase().replace(/^https?:\/\/www\.iana\.org\/assignments\/relation\//, '') || 'alternate';

/** Where a link points: its href, or the address hand-written Atom 0.3 feeds put as its text. */
export const hrefOf = (l: unknown) => (attr(l, 'href') || text(l)).trim();

/**
 * The link an entry's stored id is made from (feed-parse.ts feedItemId): the first alternate one,
 * else the first that points anywhere. Kept as it was when items were first stored, whatever it
 * picks (a PDF alternate before the HTML one, a self link): another choice would store every
 * such item again under a new id and send it again. What is shown is atomPage's.
 */
export function atomLink(links: unknown[]): unknown {
  return links.find((l) => hrefOf(l) && relOf(l) === 'alternate') ?? links.find((l) => hrefOf(l));
}

/**
 * A reference that is only a fragment ("#", "#post-3") points into the document it is in (RFC
 * 3986 §4.4), the feed: no entry's page. Resolved, every such entry had the feed's address for
 * its link, and two of them were one paper.
 */
export const intoTheFeed = (ref: string) => ref.trim().startsWith('#');

/**
 * Why an entry's links point nowhere, as a drop reason says it ('<link href=""> is empty'), or ''
 * when it has no link element at all: a template that printed no permalink writes `<link href=""/>`
 * or `<link>#</link>`, and "no <link>" sent the user looking for an element that is there. Atom's
 * link is its href (the alternate's, else the first's); RSS's, its text.
 */
export function blankLink(links: unknown[], format: 'atom' | 'rss' | 'rdf'): string {
  if (links.length === 0) return '';
  if (format !== 'atom') {
    const fragment = links.map((l) => text(l).trim()).find(intoTheFeed);
    return fragment ? `${written(format, 'link', fragment)} ${INTO_THE_FEED}` : '<link> is empty';
  }
  const link = links.find((l) => relOf(l) === 'alternate') ?? links[0];
  const href = link && typeof link === 'object' ? (link as Record<string, unknown>)['@_href'] : undefined;
  // The parser trims attribute values: an href of white space reads as empty, as it is to a reader.
  if (href === undefined) return '<link> has no href';
  return intoTheFeed(String(href)) ? `${written(format, 'link href', String(href))} ${INTO_THE_FEED}` : '<link href=""> is empty';
}

export const INTO_THE_FEED = 'points into the feed itself, not to a page';

/** Relations whose link is about the entry, not the entry's page: its Atom document, the address to edit it, its comments, a file. */
const NOT_THE_PAGE = new Set(['self', 'edit', 'edit-media', 'replies', 'enclosure']);
const HTML_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)\s*(?:;|$)/i;

/**
 * How good a link is as the page people open, lower first: an alternate (rel-less links are
 * alternates, RFC 4287 §4.2.7.2) that is HTML or says no type; any other alternate (a PDF); a
 * related or other link; only then an enclosure, comments, self or edit link.
 */
function pageRank(l: unknown): number {
  const rel = relOf(l);
  if (rel === 'alternate') return HTML_TYPE.test(attr(l, 'type')) || !attr(l, 'type').trim() ? 0 : 1;
  if (rel === 'enclosure') return 3;
  return NOT_THE_PAGE.has(rel) ? 4 : 2;
}

/** The entry's page among its links: the best ranked, the first of equals. */
export function atomPage(links: unknown[]): unknown {
  let best: unknown;
  let rank = Infinity;
  for (const l of links) {
    if (!hrefOf(l)) continue;
    const r = pageRank(l);
    if (r < rank) [best, rank] = [l, r];
  }
  return best;
}

/**
 * Relations under which a PDF is the entry's own document: another form of it (RFC 4287
 * §4.2.7.2, a link without rel too) or a file it carries. A related or via link names another
 * resource (a cited paper, the source a post comes from), and self or edit links the feed's.
 */
const ITS_OWN = new Set(['alternate', 'enclosure']);

/** The first usable PDF (safePdfUrl) among an entry's own links and enclosures, resolved against its base. */
export function pdfAmong(nodes: unknown[], base: string | null): string {
  for (const n of nodes) {
    const url = ITS_OWN.has(relOf(n)) ? safePdfUrl(attr(n, 'href') || attr(n, 'url'), attr(n, 'type'), baseOf(n, base)) : null;
    if (url) return url;
  }
  return '';
}

export function atomHref(links: unknown[]): string {
  const link = atomLink(links);
  return link === undefined ? '' : hrefOf(link);
}

/** The document's own address when it was not fetched (a test, a pasted file): its self or alternate link. */
export function ownAddress(feedLinks: unknown[]): string | null {
  const self = feedLinks.find((l) => attr(l, 'rel') === 'self' && attr(l, 'href'));
  const href = self ? attr(self, 'href') : atomHref(feedLinks) || text(feedLinks.find((l) => text(l)));
  return href && /^https?:\/\//i.test(href.trim()) ? href.trim() : null;
}

/**
 * FeedBurner's `feedburner:origLink`: the item's own address, where `<link>` is FeedBurner's
 * redirect to it. Only an absolute http(s) address is taken; anything else leaves the link.
 */
export function origLink(node: unknown): string {
  const orig = text(el(node, FEEDBURNER, 'origLink')).trim();
  return /^https?:\/\/\S+$/i.test(orig) ? orig : '';
}

/**
 * Whether an RSS `<guid>` is its item's address. RSS 2.0: "isPermaLink is optional, its default
 * value is true. If its value is false, the guid may not be assumed to be a url"; "false" is
 * read in any case and without the spaces around it (the parser trims attribute values too;
 * feedparser takes any value but "true" as no permalink, so " false " is none there either).
 * The one reading of the attribute: the link choice and the drop reason must agree.
 */
export function guidIsPermaLink(guidNode: unknown): boolean {
  return attr(guidNode, 'isPermaLink').trim().toLowerCase() !== 'false';
}

/** Files that are to be heard or seen, not read: by MIME type, Media RSS `medium`, or extension. */
const MEDIA_TYPE = /^\s*(?:audio|video|image)\//i;
const MEDIA_MEDIUM = /^\s*(?:audio|video|image)\s*$/i;
const MEDIA_NAME = /\.(?:mp3|m4a|m4b|aac|ogg|oga|opus|wav|flac|mp4|m4v|mov|webm|mkv|avi|jpe?g|png|gif|webp|svg)$/i;

/** Path of an address as written (relative or not), for its extension. */
const pathOf = (href: string) => href.trim().replace(/[?#].*$/, '');

/** A file as any feed form gives it: an RSS enclosure or Media RSS content (url, type, medium), a JSON Feed attachment (url, mime_type). */
export interface FileCandidate {
  url: string;
  type: string;
  medium?: string;
}

/**
 * How good a file is as an item's address, lower first: a PDF (typed, named .pdf, arXiv's
 * /pdf/) or an arXiv page; then a page or a file that says nothing; audio, video and images
 * last. A podcast-style item beside its paper's PDF was stored at its mp3, the first enclosure.
 */
function fileRank({ url, type, medium = '' }: FileCandidate): number {
  if (isPdfFile(type, url) || parseArxivId(url) !== null) return 0;
  if (MEDIA_TYPE.test(type) || MEDIA_MEDIUM.test(medium) || (!type.trim() && MEDIA_NAME.test(pathOf(url)))) return 2;
  return 1;
}

/** The best (fileRank) of an item's files with an address, the first of equals; undefined without one. Every feed form's files are ranked here. */
export function bestFileOf<T extends FileCandidate>(files: readonly T[]): T | undefined {
  let best: T | undefined;
  let rank = Infinity;
  for (const f of files) {
    if (!f.url.trim()) continue;
    const r = fileRank(f);
    if (r < rank) [best, rank] = [f, r];
  }
  return best;
}

/** bestFileOf among XML file elements (`<enclosure>`, `<media:content>`): the element. */
export function bestFile(nodes: unknown[]): unknown {
  return bestFileOf(nodes.map((node) => ({ node, url: attr(node, 'url') || attr(node, 'href'), type: attr(node, 'type'), medium: attr(node, 'medium') })))?.node;
}

/**
 * An RSS 2.0, RSS 1.0 (RDF), Atom 1.0, Atom 0.3 or JSON Feed (json-feed.ts) document as a list of entries with clean
 * text and absolute links: the reading every feed form shares, before any mapping to papers
 * (generic feed items in feed-parse.ts, arXiv listings in arxiv-listing.ts).
 */
import { ParseError } from '../net/errors.js';
import { namesFromElements, rssAuthorName, uniqueNames } from './authors.js';
import { asArray, attr, child, contentText, parseXml, plainText, rootName, text, type XmlNode } from './xml.js';
import { isJsonBody, readJsonFeed } from './json-feed.js';
import { homeOf, resolveUrl } from './safe-url.js';

export interface FeedEntry {
  /** 1-based position in the document, for messages. */
  position: number;
  title: string;
  /** Summary/description as clean text (content when there is no summary). */
  description: string;
  /**
   * Title and description as written, unescaped once and nothing guessed: arXiv listings write
   * plain text, where "the <s> token" is text, not a tag to strip.
   */
  asWritten: { title: string; description: string };
  /** The entry's link resolved against xml:base and the feed's address; '' when it has none. */
  link: string;
  /** The link as written, for messages. */
  rawLink: string;
  /** `<guid>` / `<id>`, as written. */
  id: string;
  /** People, one per name, split the way the format means them. */
  authors: string[];
  /** `dc:creator` values as written (arXiv listings join every author into one). */
  creators: string[];
  /** Category terms (Atom `term`, RSS text). */
  categories: string[];
  date: string;
  /** arXiv listings: `arxiv:announce_type` (new, cross, replace, replace-cross). */
  announceType: string;
}

export interface FeedDocument {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  entries: FeedEntry[];
  /** The site the feed belongs to (its channel link / alternate link / home_page_url), absolute; null when it names none. */
  home: string | null;
}


/** The base for a node's children: its xml:base resolved against the parent's base. */
function baseOf(node: unknown, parent: string | null): string | null {
  const b = attr(node, 'base');
  if (!b) return parent;
  const resolved = resolveUrl(b, parent);
  return /^[a-z][a-z\d+.-]*:/i.test(resolved) ? resolved : parent;
}

const first = (...values: string[]) => values.find((v) => v.trim() !== '')?.trim() ?? '';

/** A link's relation: RFC 4287 §4.2.7.2 makes a name and its IANA IRI one relation, and no rel "alternate". */
const relOf = (l: unknown) => attr(l, 'rel').trim().toLowerCase().replace(/^https?:\/\/www\.iana\.org\/assignments\/relation\//, '') || 'alternate';

/** Where a link points: its href, or the address hand-written Atom 0.3 feeds put as its text. */
const hrefOf = (l: unknown) => (attr(l, 'href') || text(l)).trim();

/** The entry's own page among its links: the alternate one, else the first that points anywhere. */
function atomLink(links: unknown[]): unknown {
  return links.find((l) => hrefOf(l) && relOf(l) === 'alternate') ?? links.find((l) => hrefOf(l));
}

function atomHref(links: unknown[]): string {
  const link = atomLink(links);
  return link === undefined ? '' : hrefOf(link);
}

/** The document's own address when it was not fetched (a test, a pasted file): its self or alternate link. */
function ownAddress(feedLinks: unknown[]): string | null {
  const self = feedLinks.find((l) => attr(l, 'rel') === 'self' && attr(l, 'href'));
  const href = self ? attr(self, 'href') : atomHref(feedLinks) || text(feedLinks.find((l) => text(l)));
  return href && /^https?:\/\//i.test(href.trim()) ? href.trim() : null;
}

function terms(node: unknown): string[] {
  return asArray(child(node, 'category'))
    .map((c) => attr(c, 'term') || text(c))
    .map((c) => c.trim())
    .filter(Boolean);
}

function rssEntry(item: unknown, position: number, parentBase: string | null): FeedEntry {
  const base = baseOf(item, parentBase);
  const links = asArray(child(item, 'link'));
  // RSS `<link>` text first; an `<atom:link href>` (also local name "link") or RDF's rdf:about after it.
  const guid = text(child(item, 'guid')).trim();
  const guidIsLink = attr(child(item, 'guid'), 'isPermaLink').toLowerCase() !== 'false' && /^(?:https?:\/\/|\/)/i.test(guid);
  const rawLink = first(text(links.find((l) => text(l).trim())), atomHref(links), attr(item, 'about'), guidIsLink ? guid : '', attr(child(item, 'enclosure'), 'url'));
  const creators = asArray(child(item, 'creator')).map(text);
  const rssAuthors = asArray(child(item, 'author')).map((a) => rssAuthorName(text(a)));
  return {
    position,
    title: contentText(child(item, 'title'), 'html'),
    description: first(contentText(child(item, 'description'), 'html'), contentText(child(item, 'encoded'), 'html'), contentText(child(item, 'summary'), 'html')),
    asWritten: { title: plainText(child(item, 'title')), description: first(plainText(child(item, 'description')), plainText(child(item, 'encoded')), plainText(child(item, 'summary'))) },
    link: resolveUrl(rawLink, base),
    rawLink,
    id: guid,
    authors: uniqueNames([...namesFromElements(creators), ...namesFromElements(rssAuthors)]),
    creators,
    categories: terms(item),
    date: first(text(child(item, 'pubDate')), text(child(item, 'date')), text(child(item, 'published')), text(child(item, 'updated'))),
    announceType: text(child(item, 'announce_type')).trim(),
  };
}

function atomEntry(entry: unknown, position: number, parentBase: string | null, feedAuthors: string[]): FeedEntry {
  const base = baseOf(entry, parentBase);
  const linkNode = atomLink(asArray(child(entry, 'link')));
  // xml:base on the link element itself applies to its href (XML Base §4.2).
  const rawLink = linkNode === undefined ? '' : hrefOf(linkNode);
  const id = text(child(entry, 'id')).trim();
  // An id that is an address stands in for a missing link; any other id ('urn:uuid:…') is no link at all.
  const idLink = /^https?:\/\//i.test(id) ? id : '';
  const creators = asArray(child(entry, 'creator')).map(text);
  const named = namesFromElements(asArray(child(entry, 'author')).map((a) => text(child(a, 'name'))));
  const authors = named.length ? named : creators.length ? namesFromElements(creators) : feedAuthors;
  return {
    position,
    title: contentText(child(entry, 'title'), 'text'),
    // YouTube and other Media RSS feeds describe an entry only inside <media:group>.
    description: first(
      contentText(child(entry, 'summary'), 'text'),
      contentText(child(entry, 'content'), 'text'),
      contentText(child(child(entry, 'group'), 'description'), 'text'),
    ),
    asWritten: { title: plainText(child(entry, 'title')), description: first(plainText(child(entry, 'summary')), plainText(child(entry, 'content'))) },
    link: rawLink ? resolveUrl(rawLink, baseOf(linkNode, base)) : resolveUrl(idLink, base),
    rawLink: rawLink || idLink,
    id,
    authors: uniqueNames(authors),
    creators,
    categories: terms(entry),
    // Atom 0.3 says issued/modified/created.
    date: first(
      text(child(entry, 'published')),
      text(child(entry, 'issued')),
      text(child(entry, 'created')),
      text(child(entry, 'updated')),
      text(child(entry, 'modified')),
      text(child(entry, 'date')),
    ),
    announceType: text(child(entry, 'announce_type')).trim(),
  };
}

/**
 * Read a feed, whichever of its forms it is. `url` is where it came from (after redirects):
 * relative links are resolved against it, or against the feed's own self/alternate link
 * when there is no address.
 */
export function readFeedDocument(body: string, url: string | null, contentType = '', expected = 'an RSS or Atom feed'): FeedDocument {
  if (isJsonBody(body, contentType)) return readJsonFeed(body, url, contentType);
  const doc = parseXml(body, url, expected, contentType);
  // An element with nothing in it parses to '': `<feed xmlns="…"/>` is an empty feed, not no feed.
  const rss = child(doc, 'rss');
  if (rss !== undefined) {
    const channel = child(rss, 'channel');
    const base = baseOf(channel, baseOf(rss, url ?? ownAddress(asArray(child(channel, 'link')))));
    return { format: 'rss', entries: asArray(child(channel, 'item')).map((item, i) => rssEntry(item, i + 1, base)), home: homeOf(text(asArray(child(channel, 'link')).find((l) => text(l).trim())) || atomHref(asArray(child(channel, 'link'))), base) };
  }
  const rdf = child(doc, 'RDF');
  if (rdf !== undefined) {
    // RSS 1.0 items are siblings of the channel (some feeds nest them inside it).
    const channel = child(rdf, 'channel');
    const base = baseOf(rdf, url ?? ownAddress(asArray(child(channel, 'link'))));
    const items = [...asArray(child(rdf, 'item')), ...asArray(child(channel, 'item'))];
    return { format: 'rdf', entries: items.map((item, i) => rssEntry(item, i + 1, base)), home: homeOf(text(child(channel, 'link')), base) };
  }
  const feed = child(doc, 'feed');
  if (feed !== undefined) {
    const base = baseOf(feed, url ?? ownAddress(asArray(child(feed, 'link'))));
    const feedAuthors = namesFromElements(asArray(child(feed, 'author')).map((a) => text(child(a, 'name'))));
    return { format: 'atom', entries: asArray(child(feed, 'entry')).map((e, i) => atomEntry(e as XmlNode, i + 1, base, feedAuthors)), home: homeOf(atomHref(asArray(child(feed, 'link'))), base) };
  }
  const root = rootName(doc);
  throw new ParseError(`expected ${expected} but ${root ? `the document is <${root}>` : 'found no document element'}, not <rss>, <rdf:RDF> or <feed>`, url);
}

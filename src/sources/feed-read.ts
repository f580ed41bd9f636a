/**
 * An RSS 2.0, RSS 1.0 (RDF), Atom 1.0, Atom 0.3 or JSON Feed (json-feed.ts) document as a list of entries with clean
 * text and absolute links: the reading every feed form shares, before any mapping to papers
 * (generic feed items in feed-parse.ts, arXiv listings in arxiv-listing.ts). Here: where each
 * form's elements are and which stand in for which; the entries' shape is feed-entry.ts's, the
 * choice among their links feed-links.ts's.
 */
import { ParseError } from '../net/errors.js';
import { namesFromElements, rssAuthorName, uniqueNames } from './authors.js';
import { attr, canonicalNs, contentText, el, els, localName, namespaceOf, NS, parseXml, plainText, keptToLastEntry, rootKey, text, type XmlNode } from './xml.js';
import { isJsonBody, readJsonFeed } from './json-feed.js';
import { homeOf, resolveUrl } from './safe-url.js';
import { firstDoi } from '../core/papers/doi.js';
import { entryDate } from './feed-date.js';
import type { FeedDocument, FeedEntry, LinkField, ReadText } from './feed-entry.js';
import { atomHref, atomLink, atomPage, baseOf, bestFile, blankLink, guidIsPermaLink, hrefOf, intoTheFeed, origLink, ownAddress, pdfAmong } from './feed-links.js';

/**
 * Where each form's own elements are (RFC 4287 §2 and Namespaces in XML: the namespace name
 * matters, not the prefix). RSS 2.0 has none; RSS 1.0 its purl.org namespace (RSS 0.90 its
 * Netscape one); Userland's and Harvard's RSS 2.0 namespaces are RSS 2.0 with a namespace, as
 * feedparser reads them. No namespace is tolerated for RSS 1.0 and Atom (hand-written feeds
 * leave the declaration out), and so is whatever namespace the document element itself is in.
 */
const RSS_OWN = ['', NS.rss10, NS.rss090, 'http://backend.userland.com/rss2', 'http://backend.userland.com/rss', 'http://blogs.law.harvard.edu/tech/rss'];
const ATOM_OWN = [NS.atom, NS.atom03, ''];
/** Dublin Core, elements and terms: titles, creators and dates that stand in for the form's own. */
const DC = [NS.dc, NS.dcterms];
const ATOM = [NS.atom];
const DCTERMS = [NS.dcterms];
const CONTENT = [NS.content];
const MEDIA = [NS.media];
const ITUNES = [NS.itunes];
const ARXIV = [NS.arxiv];
/**
 * PRISM, the publishers' metadata (Nature, Cell Press, Atypon's journals, OJS), in the namespaces
 * its versions and its RSS 1.0 module are declared under. Its publicationDate is an article's
 * date where a feed gives no other (Cell Press); its coverDate, the issue's, only after every other.
 */
const PRISM = [NS.prism, 'http://prismstandard.org/namespaces/basic/2.1/', 'http://prismstandard.org/namespaces/basic/3.0/', 'http://prismstandard.org/namespaces/1.2/basic/', 'http://purl.org/rss/1.0/modules/prism/'];

/**
 * The DOI an item or entry states: `prism:doi` (Nature, Wiley, APS, Atypon's journals), else a
 * `dc:identifier` that is one, "doi:10.…" (Nature, bioRxiv), bare (Cell Press) or a doi.org
 * address; other identifiers (an ISSN, a page) are passed over.
 */
const metadataDoi = (node: unknown) => firstDoi([...els(node, PRISM, 'doi'), ...els(node, DC, 'identifier')].map(text)) ?? '';

/** The form's own namespaces, the document element's first. */
const ownNamespaces = (rootNs: string, defaults: readonly string[]) => (defaults.some((ns) => canonicalNs(ns) === rootNs) ? defaults : [rootNs, ...defaults]);


/**
 * The first of an entry's date elements, best first, that is a date an entry can have
 * (entryDate), else the first that says anything: each [namespaces, local name]. A WordPress
 * post's zero date ("Mon, 30 Nov -0001") or a pubDate in the site's own language left the entry
 * undated, though a dc:date or <updated> after it said when it was.
 */
function firstDate(node: unknown, fields: readonly (readonly [readonly string[], string])[]): string {
  const written = fields.map(([ns, local]) => text(el(node, ns, local)).trim()).filter(Boolean);
  return written.find((v) => entryDate(v) !== undefined) ?? written[0] ?? '';
}


function terms(categories: unknown[]): string[] {
  return categories
    .map((c) => attr(c, 'term') || text(c))
    .map((c) => c.trim())
    .filter(Boolean);
}


/** The elements that say something, in order. */
const textsOf = (nodes: unknown[], fallback: 'html' | 'text'): ReadText[] =>
  nodes.map((node) => ({ read: contentText(node, fallback).trim(), written: plainText(node).trim() })).filter((t) => t.read);

/** The first of several elements that says something, and (when asked) the later ones that do. */
function firstText(nodes: unknown[], fallback: 'html' | 'text'): ReadText & { later: () => ReadText[] } {
  for (const [i, node] of nodes.entries()) {
    const read = contentText(node, fallback).trim();
    if (read) return { read, written: plainText(node).trim(), later: () => textsOf(nodes.slice(i + 1), fallback) };
  }
  return { read: '', written: '', later: () => [] };
}

/** An entry's title and description as read, as written, and the descriptions after the one read. */
function entryTexts(title: ReadText, description: ReturnType<typeof firstText>): Pick<FeedEntry, 'title' | 'description' | 'asWritten' | 'laterDescriptions'> {
  return { title: title.read, description: description.read, asWritten: { title: title.written, description: description.written }, laterDescriptions: description.later };
}

/** A Media RSS element given directly or inside `<media:group>` (YouTube). */
const media = (node: unknown, local: string) => el(node, MEDIA, local) ?? el(el(node, MEDIA, 'group'), MEDIA, local);

/** An item's or entry's Media RSS contents, direct or grouped. */
const mediaContents = (node: unknown) => [...els(node, MEDIA, 'content'), ...els(el(node, MEDIA, 'group'), MEDIA, 'content')];

/**
 * The address of an item or entry with no other: the best of its files (bestFile), and which
 * field it was read from. RSS and Atom read it alike: a podcast-style or journal feed in either
 * form gives some items only a media:content PDF.
 */
function fileLink(enclosures: unknown[], contents: unknown[]): [LinkField, string] {
  const file = bestFile([...enclosures, ...contents]);
  return [enclosures.includes(file) ? 'enclosure url' : 'media:content url', attr(file, 'url').trim()];
}


/**
 * An RSS 2.0 or RSS 1.0 item. `own`: the form's namespaces. Other namespaces stand in only
 * where the item has nothing of its own: Dublin Core titles, creators and dates,
 * content:encoded, Atom and iTunes summaries, last an iTunes or Media RSS title or a Media RSS
 * description; an extension's lookalike (`<szf:description>`) never.
 */
function rssEntry(item: unknown, position: number, parentBase: string | null, own: readonly string[], format: 'rss' | 'rdf'): FeedEntry {
  const base = baseOf(item, parentBase);
  const links = els(item, own, 'link');
  const atomLinks = els(item, ATOM, 'link');
  // RSS `<link>` text first; an `<atom:link href>` or RDF's rdf:about after it; none that only points into the feed.
  const pointing = (l: unknown) => !intoTheFeed(hrefOf(l));
  const guidNode = el(item, own, 'guid');
  const guid = text(guidNode).trim();
  const permaLink = guidIsPermaLink(guidNode);
  const guidIsLink = permaLink && /^(?:https?:\/\/|\/)/i.test(guid);
  const hrefLink = atomLink([...links, ...atomLinks].filter(pointing));
  const enclosures = els(item, own, 'enclosure');
  const contents = mediaContents(item);
  const candidates: [LinkField, string][] = [
    ['link', text(links.find((l) => text(l).trim() && pointing(l)))],
    [links.includes(hrefLink) ? 'link href' : 'atom:link href', hrefLink === undefined ? '' : hrefOf(hrefLink)],
    ['rdf:about', attr(item, 'about')],
    ['guid', guidIsLink ? guid : ''],
    fileLink(enclosures, contents),
  ];
  const [linkFrom, rawLink] = candidates.map(([field, v]): [LinkField, string] => [field, v.trim()]).find(([, v]) => v) ?? ['', ''];
  // Unprefixed Atom and Dublin Core names (`<creator>`, `<summary>`, `<published>`) in an RSS item
  // are written by hand-made feeds; read after the namespaced ones, as the parser read them before.
  const creators = [...els(item, DC, 'creator'), ...els(item, own, 'creator')].map(text);
  const rssAuthors = els(item, own, 'author').map((a) => rssAuthorName(text(a)));
  let authors = [...namesFromElements(creators), ...namesFromElements(rssAuthors)];
  if (!authors.length) authors = namesFromElements([...els(item, ATOM, 'author').map((a) => text(el(a, ATOM, 'name'))), ...els(item, ITUNES, 'author').map(text)]);
  // IEEE Xplore's tables of contents list them in an <authors> element of the item's own ("A;B;").
  if (!authors.length) authors = namesFromElements(els(item, own, 'authors').map(text));
  // A podcast's or a video's own title only when the item has no title of its own or in Dublin Core.
  const title = firstText([el(item, own, 'title'), el(item, DC, 'title'), el(item, ATOM, 'title'), el(item, ITUNES, 'title'), media(item, 'title')], 'html');
  const description = firstText(
    [el(item, own, 'description'), el(item, DC, 'description'), el(item, CONTENT, 'encoded'), el(item, ATOM, 'summary'), el(item, ATOM, 'content'), el(item, own, 'summary'), el(item, ITUNES, 'summary'), media(item, 'description')],
    'html',
  );
  return {
    position,
    ...entryTexts(title, description),
    link: resolveUrl(rawLink, base),
    page: '',
    rawLink,
    linkFrom,
    ...(guid && !permaLink ? { guidNotPermaLink: true as const } : {}),
    ...(rawLink ? {} : { blankLink: blankLink(links, format) }),
    origLink: origLink(item),
    pdf: pdfAmong([...enclosures, ...atomLinks, ...contents], base),
    id: guid,
    doi: metadataDoi(item),
    authors: uniqueNames(authors),
    creators,
    categories: terms([...els(item, own, 'category'), ...els(item, ATOM, 'category')]),
    date: firstDate(item, [
      [own, 'pubDate'],
      [DC, 'date'],
      [DCTERMS, 'issued'],
      [DCTERMS, 'created'],
      [PRISM, 'publicationDate'],
      [ATOM, 'published'],
      [ATOM, 'updated'],
      [DCTERMS, 'modified'],
      [own, 'published'],
      [own, 'date'],
      [own, 'updated'],
      [PRISM, 'coverDate'],
    ]),
    announceType: text(el(item, ARXIV, 'announce_type')).trim(),
    format,
  };
}

/** An Atom 1.0 or 0.3 entry: its own elements first, Dublin Core and Media RSS only where it has none. */
function atomEntry(entry: unknown, position: number, parentBase: string | null, feedAuthors: string[], own: readonly string[]): FeedEntry {
  const base = baseOf(entry, parentBase);
  const allLinks = els(entry, own, 'link');
  // A link that only points into the feed ("#") is none of the entry's.
  const links = allLinks.filter((l) => !intoTheFeed(hrefOf(l)));
  const linkNode = atomLink(links);
  const pageNode = atomPage(links);
  // xml:base on the link element itself applies to its href (XML Base §4.2).
  const rawLink = linkNode === undefined ? '' : hrefOf(linkNode);
  const id = text(el(entry, own, 'id')).trim();
  // An id that is an address stands in for a missing link; any other id ('urn:uuid:…') is no link at all.
  const idLink = /^https?:\/\//i.test(id) ? id : '';
  // Its enclosures are links (rel="enclosure", read above); its Media RSS files come after an address id.
  const contents = mediaContents(entry);
  const [fileFrom, fileHref]: [LinkField | '', string] = rawLink || idLink ? ['', ''] : fileLink([], contents);
  const link = rawLink ? resolveUrl(rawLink, baseOf(linkNode, base)) : resolveUrl(idLink || fileHref, base);
  const page = pageNode === undefined || pageNode === linkNode ? '' : resolveUrl(hrefOf(pageNode), baseOf(pageNode, base));
  const creators = els(entry, DC, 'creator').map(text);
  const named = namesFromElements(els(entry, own, 'author').map((a) => text(el(a, own, 'name'))));
  const authors = named.length ? named : creators.length ? namesFromElements(creators) : feedAuthors;
  const title = firstText([el(entry, own, 'title'), el(entry, DC, 'title'), media(entry, 'title')], 'text');
  // YouTube and other Media RSS feeds describe an entry only inside <media:group>.
  const description = firstText([el(entry, own, 'summary'), el(entry, own, 'content'), el(entry, DC, 'description'), media(entry, 'description')], 'text');
  return {
    position,
    ...entryTexts(title, description),
    link,
    page: page === link ? '' : page,
    rawLink: rawLink || idLink || fileHref,
    linkFrom: rawLink ? (attr(linkNode, 'href').trim() ? 'link href' : 'link') : idLink ? 'id' : fileHref ? fileFrom : '',
    ...(rawLink ? {} : { blankLink: blankLink(allLinks, 'atom') }),
    origLink: origLink(entry),
    pdf: pdfAmong([...links, ...contents], base),
    id,
    doi: metadataDoi(entry),
    authors: uniqueNames(authors),
    creators,
    categories: terms(els(entry, own, 'category')),
    // Atom 0.3 says issued/modified/created. A publication date comes before one of a change.
    date: firstDate(entry, [
      [own, 'published'],
      [own, 'issued'],
      [own, 'created'],
      [PRISM, 'publicationDate'],
      [own, 'updated'],
      [own, 'modified'],
      [DC, 'date'],
      [PRISM, 'coverDate'],
    ]),
    announceType: text(el(entry, ARXIV, 'announce_type')).trim(),
    format: 'atom',
  };
}

/**
 * Read a feed, whichever of its forms it is. `url` is where it came from (after redirects):
 * relative links are resolved against it, or against the feed's own self/alternate link
 * when there is no address.
 */
export function readFeedDocument(body: string, url: string | null, contentType = '', expected = 'an RSS or Atom feed'): FeedDocument {
  if (isJsonBody(body, contentType)) return readJsonFeed(body, url, contentType);
  const doc = parseXml(body, url, expected, contentType, { salvage: true });
  const read = readXmlFeed(doc, url, expected);
  return keptToLastEntry(doc) ? { ...read, repaired: true } : read;
}

function readXmlFeed(doc: XmlNode, url: string | null, expected: string): FeedDocument {
  // The document element by its local name, in whatever namespace (`<r:rss xmlns:r=…>`, `<a:feed>`).
  const key = rootKey(doc);
  const root = localName(key);
  // An element with nothing in it parses to '': `<feed xmlns="…"/>` is an empty feed, not no feed.
  const top = doc[key];
  if (root === 'rss') {
    // The channel's namespace too: `<channel xmlns="…">` puts its items in it.
    const inner = Object.keys(top && typeof top === 'object' ? top : {}).find((k) => localName(k) === 'channel');
    const own = ownNamespaces(inner ? namespaceOf(inner) : '', ownNamespaces(namespaceOf(key), RSS_OWN));
    // A second channel (feeds merged by hand or by a plugin) holds items too, read after the first's.
    const [channel, ...moreChannels] = els(top, own, 'channel');
    const links = [...els(channel, own, 'link'), ...els(channel, ATOM, 'link')];
    const topBase = baseOf(top, url ?? ownAddress(links));
    const base = baseOf(channel, topBase);
    // Items written after `</channel>`, as siblings of it (Slashdot's, adafruit's and other feeds
    // whose templates close the channel first; feedsmith#260, simplepie#677): every reader that
    // met them reads them, and leaving them out made such a feed look empty, failing nothing.
    const itemsOf = (node: unknown, itemBase: string | null) => els(node, own, 'item').map((item) => ({ item, itemBase }));
    const items = [...itemsOf(channel, base), ...moreChannels.flatMap((c) => itemsOf(c, baseOf(c, topBase))), ...itemsOf(top, base)];
    return { format: 'rss', entries: items.map(({ item, itemBase }, i) => rssEntry(item, i + 1, itemBase, own, 'rss')), home: homeOf(text(links.find((l) => text(l).trim())) || atomHref(links), base) };
  }
  if (root === 'RDF') {
    // The RSS 1.0 elements' namespace is the channel's or an item's, whatever the rdf:RDF element's.
    const inner = Object.keys(top && typeof top === 'object' ? top : {}).find((k) => localName(k) === 'channel' || localName(k) === 'item');
    const own = ownNamespaces(inner ? namespaceOf(inner) : '', RSS_OWN);
    // RSS 1.0 items are siblings of the channel (some feeds nest them inside it).
    const channel = el(top, own, 'channel');
    const base = baseOf(top, url ?? ownAddress([...els(channel, own, 'link'), ...els(channel, ATOM, 'link')]));
    const items = [...els(top, own, 'item'), ...els(channel, own, 'item')];
    return { format: 'rdf', entries: items.map((item, i) => rssEntry(item, i + 1, base, own, 'rdf')), home: homeOf(text(el(channel, own, 'link')), base) };
  }
  if (root === 'feed') {
    const own = ownNamespaces(namespaceOf(key), ATOM_OWN);
    const links = els(top, own, 'link');
    const base = baseOf(top, url ?? ownAddress(links));
    const feedAuthors = namesFromElements(els(top, own, 'author').map((a) => text(el(a, own, 'name'))));
    return { format: 'atom', entries: els(top, own, 'entry').map((e, i) => atomEntry(e as XmlNode, i + 1, base, feedAuthors, own)), home: homeOf(atomHref(links), base) };
  }
  throw new ParseError(`expected ${expected} but ${root ? `the document is <${root}>` : 'found no document element'}, not <rss>, <rdf:RDF> or <feed>`, url);
}

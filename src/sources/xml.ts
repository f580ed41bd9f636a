/**
 * XML decoding shared by every Atom/RSS source (feeds, arXiv listings, the arXiv API):
 * fast-xml-parser with validation, the document's own (DTD) entities bounded, and the text
 * elements (title, summary, description, content) kept raw so they can be decoded per their
 * type: plain text, escaped HTML, inline XHTML/HTML markup, or Atom 0.3 base64.
 *
 * Elements are keyed by namespace and local name (`{namespace}local`, or `local` in no
 * namespace), whatever prefix the document binds: `<media:title>` is not `<title>`, and
 * `<a:title xmlns:a="http://www.w3.org/2005/Atom">` is Atom's title. Readers ask for an
 * element in the namespaces they mean (`el`, `els`); `child` still matches a local name alone.
 */
import { XMLParser, XMLValidator, type ProcessEntitiesOptions } from 'fast-xml-parser';
import { decodeHTMLStrict } from 'entities/decode';
import { excerpt, looksLikeHtml } from '../net/http.js';
import { decodeBody } from '../net/charset.js';
import { ParseError } from '../net/errors.js';
import { holdsMarkup, htmlToText } from './html-text.js';
import { xmlErrorPosition } from './xml-error.js';
import { htmlPageFailure } from './feed-discovery.js';

/** Elements that may repeat; always arrays so one entry and many look the same. */
const REPEATED = new Set(['entry', 'item', 'author', 'category', 'link', 'creator', 'contributor']);

/**
 * Text constructs, read raw (markup, CDATA and references as written) and decoded by
 * `contentText`/`plainText`: a description may hold XHTML written directly inside it, which a
 * tree would split into child elements and lose.
 */
const TEXT_ELEMENTS = ['title', 'subtitle', 'tagline', 'summary', 'description', 'content', 'encoded', 'rights'];

/** The local part of a prefixed name (`dc:creator` → `creator`). */
const localPart = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Element names fast-xml-parser refuses as a guard against prototype pollution, failing the
 * whole document: a feed extension with a `<constructor>` element is still a feed. Renamed
 * with a character no XML name holds, so no reader asks for them and no key collides.
 */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const parserOptions = (prefixes: readonly string[]) => ({
  ignoreAttributes: false,
  transformTagName: (name: string) => (RESERVED_NAMES.has(name) ? `#${name}` : name),
  attributeNamePrefix: '@_',
  // Prefixes are kept and resolved to namespaces after parsing (qualify): feeds vary the prefix
  // (`a:`, `atom:`, none), and elements of other namespaces share local names (`media:title`).
  removeNSPrefix: false,
  // Keep ids like `2411.04965` and counts as strings; we convert where we mean to.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name: string) => REPEATED.has(localPart(name)),
  // Text elements are read raw under every prefix the document writes them with.
  stopNodes: [...TEXT_ELEMENTS.map((name) => `*.${name}`), ...prefixes.flatMap((p) => TEXT_ELEMENTS.map((name) => `*.${p}:${name}`))],
  // Entity bombs come from the document's own DTD entities: those are bounded (count, size,
  // total expansion). Predefined and numeric references (`&amp;`, `&#8217;`) are ordinary
  // text and unbounded: a feed of escaped HTML holds thousands of them.
  processEntities: {
    enabled: true,
    maxEntitySize: 10_000,
    maxExpansionDepth: 5,
    maxTotalExpansions: 1_000,
    maxExpandedLength: 100_000,
    maxEntityCount: 100,
    // Read by fast-xml-parser 5.12 (OptionsBuilder), missing from its type declarations.
    appliesTo: 'external',
  } as ProcessEntitiesOptions,
  htmlEntities: true,
});

/** Text elements written with a prefix (`<media:title`, `<a:summary`): their prefixes make the parser's stop nodes. */
const PREFIXED_TEXT_ELEMENT = new RegExp(`<([A-Za-z_][\\w-]*):(?:${TEXT_ELEMENTS.join('|')})(?=[\\s/>])`, 'g');
/** Prefixes a document may add as stop nodes; past that its other prefixed text elements are read as trees (their text, less any markup in them). */
const MAX_TEXT_PREFIXES = 32;
/** Parsers by their prefixes; a feed's prefixes are few and the same from one fetch to the next. */
const parsers = new Map<string, XMLParser>();
const MAX_PARSERS = 64;

function parserFor(text: string): XMLParser {
  const prefixes = new Set<string>();
  for (const m of text.matchAll(PREFIXED_TEXT_ELEMENT)) {
    prefixes.add(m[1]!);
    if (prefixes.size >= MAX_TEXT_PREFIXES) break;
  }
  const sorted = [...prefixes].sort();
  const key = sorted.join(' ');
  let parser = parsers.get(key);
  if (!parser) {
    if (parsers.size >= MAX_PARSERS) parsers.delete(parsers.keys().next().value!);
    parser = new XMLParser(parserOptions(sorted));
    parsers.set(key, parser);
  }
  return parser;
}

export type XmlNode = Record<string, unknown>;

/** Parse an XML body; HTML error pages, empty, malformed and truncated bodies become ParseErrors. */
/** A bare `&` (not starting a reference): the one well-formedness error feeds make that has one repair. */
const BARE_AMPERSAND = /&(?!(?:[A-Za-z][\w.-]*|#\d+|#x[\da-fA-F]+);)/g;

/** A feed by its first elements, whatever the Content-Type says (feeds served as text/html). */
function startsLikeFeed(text: string): boolean {
  const head = text.slice(0, 4096);
  return /<(?:rss|feed|rdf:RDF)[\s>]/.test(head) && !/<html[\s>]/i.test(head);
}

/** Where a feed's prolog or document element starts. */
const FEED_START = /<\?xml\s|<(?:rss|feed|rdf:RDF)[\s>]/;
/** Most text read before a feed's start for it to count as output printed before the feed. */
const MAX_JUNK_CHARS = 65_536;

/**
 * The feed without what a server printed before it: PHP's warnings and notices ("<b>Warning</b>:
 * Cannot modify header information…", or plain "PHP Notice: …") come before the XML declaration
 * when a site runs with errors displayed, and made the feed "text that is not XML" or "extra text
 * at the end". FeedWordPress's parser drops such junk before the prolog too. Text with no feed
 * after it, or an HTML page, is left for the checks below to name.
 */
function afterJunk(text: string): string {
  const at = text.slice(0, MAX_JUNK_CHARS).search(FEED_START);
  if (at <= 0) return text;
  const rest = text.slice(at);
  return startsLikeFeed(rest) && !/<html[\s>]/i.test(text.slice(0, at)) ? rest : text;
}

export function parseXml(body: string, url: string | null, expected: string, contentType = '', opts: { salvage?: boolean } = {}): XmlNode {
  // A BOM, or a newline a template left before `<?xml ...?>`, is not worth a failed feed.
  const trimmed = body.replace(/^[\uFEFF\s]+(?=<)/, '');
  const text = opts.salvage ? afterJunk(trimmed) : trimmed;
  if (text.trim() === '') throw new ParseError(`expected ${expected} but the body was empty`, url);
  // A feed's address that is its site's: the error names the feed the page links, when it does.
  const pageError = () => htmlPageFailure(text, url, expected, opts.salvage === true);
  if (looksLikeHtml(contentType, text) && !startsLikeFeed(text)) throw pageError();
  // "Too many requests", "Forbidden": a status page in plain text, said as such rather than as bad XML.
  if (!/^\s*</.test(text)) throw new ParseError(`expected ${expected} but got text that is not XML: "${excerpt(text, 120)}"`, url);
  // An HTML page the first 512 characters did not give away (a comment, an XML declaration or an
  // XHTML DOCTYPE before <html>) is still an HTML page, whether it parses as XML or not.
  const htmlPage = () => !startsLikeFeed(text) && /<html[\s>]/i.test(text.slice(0, 4096));
  const parser = parserFor(text);
  let doc: unknown;
  let cutShort = false;
  try {
    try {
      doc = parser.parse(text, true);
    } catch (err) {
      if (refusedEntities(err) || htmlPage()) throw err;
      const salvaged = repair(text, parser, opts.salvage === true);
      if (!salvaged) throw err;
      ({ doc, cutShort } = salvaged);
    }
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    if (htmlPage()) throw pageError();
    if (refusedEntities(err)) {
      throw new ParseError(`refused ${expected}: its own DTD entities expand past the safety limits (${why})`, url, err);
    }
    // With no whole entry there is nothing to keep: the parser's own words (its element path, a
    // line 1 column 1 for a body that stops inside elements) would only puzzle.
    if (startsLikeFeed(text) && text.search(ENTRY_END) < 0) {
      throw new ParseError(`the feed is cut short or malformed before its first complete entry${xmlErrorPosition(err, text, body.slice(0, body.length - text.length))}`, url, err);
    }
    throw new ParseError(`malformed or truncated XML where ${expected} was expected: ${why}`, url, err);
  }
  if (!doc || typeof doc !== 'object') throw new ParseError(`expected ${expected} but the body is not XML`, url);
  const qualified = qualify(doc as XmlNode, NO_DECLARATIONS);
  if (rootName(qualified) === 'html' || (rootName(qualified) === '' && htmlPage())) throw pageError();
  // Only a repair that may have lost entries is said.
  if (cutShort) cutShortDocs.add(qualified);
  return qualified;
}

const cutShortDocs = new WeakSet<XmlNode>();

/** The parser refused the document's own DTD entities (an entity bomb): no repair makes that safe. */
function refusedEntities(err: unknown): boolean {
  const why = err instanceof Error ? err.message : String(err);
  return why.includes('[EntityReplacer]') || /entit(y|ies)/i.test(why);
}

/**
 * Whether parseXml kept a document only up to its last whole entry with something that may
 * have held entries after it (it was cut short, or broke inside a later entry); the reader says
 * so in its own words (feed-parse.ts cutShortNote). A document broken only in its closing tags
 * lost nothing and is read as whole.
 */
export function keptToLastEntry(doc: XmlNode): boolean {
  return cutShortDocs.has(doc);
}

/** HTML's empty elements written unclosed in a feed's unescaped markup (`<br>`, `<img src="…">`). */
const UNCLOSED_VOID = /<(br|hr|img)\b((?:[^<>"']|"[^"]*"|'[^']*')*?)\s*(?<!\/)>/gi;
/** The end of the last whole entry, whatever its prefix (`</item>`, `</atom:entry>`). */
const ENTRY_END = /<\/(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>/g;
/** Tags, and what holds no tags (CDATA, comments, processing instructions, a DOCTYPE). */
const TAG = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)(?:[^<>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/**
 * A document that is not well-formed, read the way readers forgive it, each repair parsed
 * strictly again; null when none parses. A bare `&` (a feed's commonest slip) is always
 * escaped. With `salvage` (feeds, whose readers forgive more), unclosed `<br>`/`<img>` are
 * closed too; failing that, a feed cut short (a dropped connection, a full disk) is kept up to
 * its last whole entry, with the elements open there closed, and `cutShort` says whether entries
 * may have been lost after it.
 */
function repair(text: string, parser: XMLParser, salvage: boolean): { doc: unknown; cutShort: boolean } | null {
  const tidied = (t: string, e = t.replace(BARE_AMPERSAND, '&amp;')) => (salvage ? dropRepeatedAttributes(dropStrayEndTags(wrapBrokenMarkup(e.replace(UNCLOSED_VOID, '<$1$2/>')))) : e);
  const tidy = tidied(text);
  const attempt = (candidate: string) => {
    try {
      return parser.parse(candidate, true) as unknown;
    } catch {
      return null;
    }
  };
  // Nothing is lost by these.
  const whole = tidy === text ? null : attempt(tidy);
  if (whole) return { doc: whole, cutShort: false };
  if (!salvage) return null;
  // Without text after the end tag: one more try, not what salvage reads (an end tag quoted in CDATA cuts inside an entry).
  const trimmed = withoutTrailingJunk(text);
  const ended = trimmed === text ? null : attempt(tidied(trimmed));
  if (ended) return { doc: ended, cutShort: false };
  let end = -1;
  for (const m of tidy.matchAll(ENTRY_END)) end = m.index + m[0].length;
  if (end < 0) return null;
  const kept = tidy.slice(0, end);
  const open: string[] = [];
  for (const m of kept.matchAll(TAG)) {
    const name = m[2];
    if (!name || m[3]) continue;
    if (m[1]) {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
    } else open.push(name);
  }
  const doc = attempt(kept + open.reverse().map((n) => `</${n}>`).join(''));
  return doc ? { doc, cutShort: !closesAfterLastEntry(tidy.slice(end)) } : null;
}

/** The feed's document element's start tag, whatever its prefix; its name captured. */
const ROOT_START = /<((?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF))[\s>]/;

/**
 * The text up to its document element's last end tag: what a host printed after it (a free
 * host's injected analytics `<script>`, "Generated in 0.2 s") is no part of the feed, and XML
 * allows nothing there but comments. Refused, or read up to the last entry and called cut
 * short, the feed lost nothing. feedparser reads such feeds too ("junk after document element").
 */
function withoutTrailingJunk(text: string): string {
  const root = ROOT_START.exec(text)?.[1];
  if (!root) return text;
  const end = text.lastIndexOf(`</${root}>`);
  return end < 0 ? text : text.slice(0, end + root.length + 3);
}

/** CDATA sections and comments, which hold no tags. */
const SKIPPED = '<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|<!--[\\s\\S]*?-->';
/** An entry's start or end tag, whatever its prefix (`<item>`, `</atom:entry>`). */
const ENTRY_EDGE = '<\\/?(?:[A-Za-z_][\\w.-]*:)?(?:item|entry)(?=[\\s/>])';

/** A text element's start tag, whatever its prefix (`<description>`, `<atom:summary type="html">`), and what holds no tags. */
const TEXT_START = new RegExp(`<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|<!--[\\s\\S]*?-->|<((?:[A-Za-z_][\\w.-]*:)?(?:${TEXT_ELEMENTS.join('|')}))((?:\\s(?:[^<>"']|"[^"]*"|'[^']*')*)?)>`, 'g');

/**
 * The text with the content of each text element holding HTML that is no well-formed XML
 * (`<p>` left open, `<b><i>x</b></i>`, `<a href=x>`, `<input checked>`, "a < b") put in a CDATA
 * section. Those elements are read raw (stop nodes), so the parser never needed their content to
 * be XML, but its check of the whole document refused the feed over one hand-written
 * description. In CDATA the markup reads as the HTML it is (contentText); content that is XML, and
 * inline XHTML (`type="xhtml"`, whose markup must be XML), are left as written. An element left
 * open is closed where its entry ends.
 */
function wrapBrokenMarkup(text: string): string {
  const closers = new Map<string, RegExp>();
  let out = '';
  let last = 0;
  TEXT_START.lastIndex = 0;
  for (let m = TEXT_START.exec(text); m; m = TEXT_START.exec(text)) {
    const name = m[1];
    // An element closing itself holds nothing; xhtml's (and Atom 0.3's mode="xml") markup is read as XML.
    if (!name || /\/\s*$/.test(m[2]!) || /xhtml|\bmode\s*=\s*["']xml/i.test(m[2]!)) continue;
    let ends = closers.get(name);
    if (!ends) closers.set(name, (ends = new RegExp(`${SKIPPED}|(</${name.replace(/\./g, '\\.')}\\s*>)|${ENTRY_EDGE}`, 'g')));
    const start = TEXT_START.lastIndex;
    ends.lastIndex = start;
    let end = ends.exec(text);
    while (end && end[0].startsWith('<!')) end = ends.exec(text);
    // Cut short inside it: nothing after to read.
    if (!end) break;
    // An element never closed ends where its entry does (or the next begins): its closing tag
    // found further on is another entry's, and taking it would swallow every entry between.
    const unclosed = end[1] === undefined;
    const stop = end.index;
    TEXT_START.lastIndex = unclosed ? stop : stop + end[0].length;
    const content = text.slice(start, stop);
    if (!unclosed && (!content.includes('<') || XMLValidator.validate(`<x>${content}</x>`) === true)) continue;
    // CDATA already in it is text of the HTML, as markupAsHtml reads it; no `]]>` is left to end the section early.
    const html = content.replace(CDATA, (_m, inner: string) => escapeHtml(inner)).replace(COMMENT, '').replaceAll(']]>', ']]&gt;');
    out += `${text.slice(last, start)}<![CDATA[${html}]]>${unclosed ? `</${name}>` : ''}`;
    last = stop;
  }
  return out + text.slice(last);
}

/**
 * The text without end tags that close no open element (a template's leftover `</height>` after
 * the `<height>` it closed was removed; feedparser's illformed/rss_image_height_stray_end_tag).
 * Such a tag closes nothing, so nothing is lost without it; kept, it made the strict parser
 * refuse the whole feed. An end tag that closes an element further out (a misnested one) is left.
 */
function dropStrayEndTags(text: string): string {
  const open: string[] = [];
  return text.replace(TAG, (m: string, slash?: string, name?: string, selfClosing?: string) => {
    if (!name || selfClosing) return m;
    if (!slash) {
      open.push(name);
      return m;
    }
    const at = open.lastIndexOf(name);
    if (at < 0) return '';
    open.length = at;
    return m;
  });
}

/** An attribute in a start tag, its value quoted. */
const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')/g;

/**
 * The text with each start tag's attributes written once, the first kept: two WordPress plugins
 * that both declare their namespace write `xmlns:georss="…"` twice on `<rss>` (geo-mashup#108,
 * Jetpack#9924), and the parser refused the whole feed for it. The first is kept, as HTML
 * parsers keep it.
 */
function dropRepeatedAttributes(text: string): string {
  return text.replace(TAG, (m: string, slash?: string, name?: string) => {
    if (!name || slash || !m.includes('=')) return m;
    const seen = new Set<string>();
    return m.replace(ATTRIBUTE, (a: string, attribute: string) => (seen.has(attribute) ? '' : (seen.add(attribute), a)));
  });
}

/** Nothing but closing tags, the last one possibly cut off ("</rs"). */
const ONLY_CLOSING_TAGS = /^(?:\s*<\/[^<>]*>)*\s*(?:<\/[^<>]*)?\s*$/;

/**
 * Whether what follows the last whole entry is only closing tags, broken (a misspelt
 * `</chanel>`) or cut off inside them: each closes an element that holds the entries, so no
 * entry can have been lost. Anything else (the start of another entry, or nothing at all, as a
 * download stopped right after an entry leaves it) may have held entries.
 */
function closesAfterLastEntry(tail: string): boolean {
  return tail.includes('</') && ONLY_CLOSING_TAGS.test(tail);
}

/** Namespaces the readers name. */
export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  feedburner: 'http://rssnamespace.org/feedburner/ext/1.0',
  arxiv: 'http://arxiv.org/schemas/atom',
  opensearch: 'http://a9.com/-/spec/opensearch/1.1/',
  prism: 'http://prismstandard.org/namespaces/basic/2.0/',
} as const;

/**
 * Prefixes feeds use without declaring them, read as the namespace they conventionally name
 * (the parser never required declarations, and feeds written by hand or by templates skip
 * them); any other undeclared prefix is a namespace of its own, matched by nothing but `child`.
 */
const CONVENTIONAL: Record<string, string> = {
  atom: NS.atom, rdf: NS.rdf, dc: NS.dc, dcterms: NS.dcterms, content: NS.content, media: NS.media,
  itunes: NS.itunes, feedburner: NS.feedburner, arxiv: NS.arxiv, opensearch: NS.opensearch,
  xml: 'http://www.w3.org/XML/1998/namespace',
};

/**
 * A namespace name as compared: case, scheme and a trailing slash or hash do not tell
 * namespaces apart in feeds (`https://www.w3.org/2005/Atom/` is Atom's, written carelessly).
 */
export function canonicalNs(uri: string): string {
  return uri.trim().toLowerCase().replace(/^[a-z][a-z\d+.-]*:\/\//, '').replace(/[/#]+$/, '');
}

type Scope = ReadonlyMap<string, string>;
const NO_DECLARATIONS: Scope = new Map();

/** The scope inside an element: its parent's, with the element's own xmlns declarations. */
function declare(node: XmlNode, scope: Scope): Scope {
  let out: Map<string, string> | null = null;
  for (const key of Object.keys(node)) {
    if (key !== '@_xmlns' && !key.startsWith('@_xmlns:')) continue;
    out ??= new Map(scope);
    out.set(key === '@_xmlns' ? '' : key.slice('@_xmlns:'.length), canonicalNs(String(node[key])));
  }
  return out ?? scope;
}

/** An element's key: `{namespace}local`, or `local` in no namespace. */
function qualifiedName(name: string, scope: Scope): string {
  const colon = name.indexOf(':');
  const prefix = colon > 0 ? name.slice(0, colon) : '';
  const local = colon > 0 ? name.slice(colon + 1) : name;
  const ns = prefix ? (scope.get(prefix) ?? (CONVENTIONAL[prefix.toLowerCase()] !== undefined ? canonicalNs(CONVENTIONAL[prefix.toLowerCase()]!) : `undeclared:${prefix}`)) : (scope.get('') ?? '');
  return ns ? `{${ns}}${local}` : local;
}

/**
 * The parsed tree with its elements keyed by namespace (qualifiedName) and its attributes by
 * local name (`xml:base` → `base`, `rdf:about` → `about`; an unprefixed one wins), xmlns
 * declarations consumed. Same-named siblings that are one element stay one list.
 */
function qualify(node: XmlNode, scope: Scope): XmlNode {
  const out: XmlNode = Object.create(null) as XmlNode;
  for (const [key, value] of Object.entries(node)) {
    if (key === '#text') {
      out[key] = value;
    } else if (key.startsWith('@_')) {
      const name = key.slice(2);
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const local = `@_${localPart(name)}`;
      if (name.includes(':') && Object.hasOwn(out, local)) continue;
      out[local] = value;
    } else {
      const many = Array.isArray(value);
      for (const v of many ? value : [value]) {
        const element = v !== null && typeof v === 'object' && !Array.isArray(v);
        const inner = element ? declare(v as XmlNode, scope) : scope;
        const name = qualifiedName(key, inner);
        const read = element ? qualify(v as XmlNode, inner) : v;
        const had = out[name];
        if (had === undefined) out[name] = many ? [read] : read;
        else if (Array.isArray(had)) had.push(read);
        else out[name] = [had, read];
      }
    }
  }
  return out;
}

/** A key's local name (`{http://www.w3.org/2005/atom}title` → `title`). */
export function localName(key: string): string {
  return key.startsWith('{') ? key.slice(key.lastIndexOf('}') + 1) : key;
}

/** A key's namespace, canonical ('' for none). */
export function namespaceOf(key: string): string {
  return key.startsWith('{') ? key.slice(1, key.lastIndexOf('}')) : '';
}

/** The document element's key ('' when there is none). */
export function rootKey(doc: XmlNode): string {
  return Object.keys(doc).find((k) => !/^[?!#]/.test(k)) ?? '';
}

/** The document element's local name ('' when there is none). */
export function rootName(doc: XmlNode): string {
  return localName(rootKey(doc));
}

/** Text content of a node that may be a string, a `{#text, @_attr}` object, or absent (text elements: raw). */
export function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return text(node[0]);
  if (typeof node === 'object') {
    const t = (node as XmlNode)['#text'];
    return t === undefined ? '' : text(t);
  }
  return '';
}

export function attr(node: unknown, name: string): string {
  if (Array.isArray(node)) return attr(node[0], name);
  if (!node || typeof node !== 'object') return '';
  const v = (node as XmlNode)[`@_${name}`];
  return typeof v === 'string' ? v : v === undefined ? '' : String(v);
}

export function asArray(node: unknown): unknown[] {
  if (node === undefined || node === null || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

/** A child element by local name in any namespace (the first such key): for documents of one known shape (the arXiv API). */
export function child(node: unknown, name: string): unknown {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const own = (node as XmlNode)[name];
  if (own !== undefined) return own;
  const key = Object.keys(node).find((k) => k.startsWith('{') && localName(k) === name);
  return key === undefined ? undefined : (node as XmlNode)[key];
}

/** Namespace lists as keys are written, computed once per list. */
const canonicalLists = new WeakMap<readonly string[], Map<string, string[]>>();
function keysFor(namespaces: readonly string[], local: string): string[] {
  let byLocal = canonicalLists.get(namespaces);
  if (!byLocal) {
    byLocal = new Map();
    canonicalLists.set(namespaces, byLocal);
  }
  let keys = byLocal.get(local);
  if (!keys) {
    // Per list and name once: a feed of 20,000 items asks for some 40 elements of each.
    keys = [...new Set(namespaces.map(canonicalNs))].map((ns) => (ns ? `{${ns}}${local}` : local));
    byLocal.set(local, keys);
  }
  return keys;
}

/** A child element in the first of `namespaces` that has one ('' is no namespace). */
export function el(node: unknown, namespaces: readonly string[], local: string): unknown {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  for (const key of keysFor(namespaces, local)) {
    const v = (node as XmlNode)[key];
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Every child element of that name in any of `namespaces`, in the order of the list. */
export function els(node: unknown, namespaces: readonly string[], local: string): unknown[] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return [];
  return keysFor(namespaces, local).flatMap((key) => asArray((node as XmlNode)[key]));
}

const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const COMMENT = /<!--[\s\S]*?-->/g;
/** An element start tag (not CDATA, a comment or a processing instruction). */
const ELEMENT = /<[A-Za-z_][\w.:-]*(?:\s[^<>]*)?\/?>/;

/** Raw XML character data to text: CDATA sections as written, references decoded (DTD ones stay). */
export function xmlUnescape(raw: string): string {
  let out = '';
  let last = 0;
  for (const m of raw.matchAll(CDATA)) {
    out += decodeHTMLStrict(raw.slice(last, m.index));
    out += m[1];
    last = m.index + m[0].length;
  }
  return out + decodeHTMLStrict(raw.slice(last));
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Raw XML holding markup, as an HTML string: CDATA sections become escaped text. */
function markupAsHtml(raw: string): string {
  return raw.replace(COMMENT, '').replace(CDATA, (_m, inner: string) => escapeHtml(inner));
}

/** Does raw XML hold elements of its own (outside CDATA and comments)? */
function hasElements(raw: string): boolean {
  return ELEMENT.test(raw.replace(CDATA, '').replace(COMMENT, ''));
}

export type TextKind = 'text' | 'html' | 'xhtml';

/** Atom 1.0 `type` (text/html/xhtml) or Atom 0.3 MIME type. */
function kindOf(type: string, fallback: TextKind): TextKind {
  const t = type.trim().toLowerCase();
  if (t === 'xhtml' || t.includes('xhtml')) return 'xhtml';
  if (t === 'html' || t.endsWith('/html')) return 'html';
  if (t === 'text' || t.startsWith('text/')) return 'text';
  return fallback;
}

/** Text with entity references still in it ("Q&amp;amp;A" written twice escaped). */
const STILL_ESCAPED = /&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});/i;

/**
 * Clean text of a text element (title, summary, description, content) as its type means it:
 * `text` is plain text, `html` escaped HTML, `xhtml` markup written inside the element; Atom 0.3
 * `mode="base64"` is decoded first. Markup written directly inside any of them is kept as
 * its text, and HTML escaped twice ("&amp;lt;p&amp;gt;") is cleaned by a second pass.
 * `fallback` is the kind when the element has no `type` (RSS: html, Atom: text).
 */
export function contentText(node: unknown, fallback: TextKind): string {
  const raw = text(node);
  if (!raw) return '';
  const kind = kindOf(attr(node, 'type'), fallback);
  const mode = attr(node, 'mode').trim().toLowerCase();
  let html: string | null = null;
  let plain: string | null = null;
  if (mode === 'base64') {
    const bytes = Buffer.from(xmlUnescape(raw).replace(/\s+/g, ''), 'base64');
    const decoded = decodeBody(bytes).text;
    if (kind === 'text') plain = decoded;
    else html = decoded;
  } else if (kind === 'xhtml' || mode === 'xml' || hasElements(raw)) {
    html = markupAsHtml(raw);
  } else if (kind === 'html') {
    html = xmlUnescape(raw);
  } else {
    plain = xmlUnescape(raw);
  }
  let out = html !== null ? htmlToText(html) : (plain ?? '');
  // HTML escaped twice, or HTML in an element that says it is plain text: one more pass, when
  // the text holds a document's markup and not a tag it talks about.
  if (holdsMarkup(out) || (plain !== null && STILL_ESCAPED.test(out))) out = htmlToText(out);
  return out;
}

/** A text element read as plain text with no guessing (the arXiv API: abstracts with `<` in LaTeX). */
export function plainText(node: unknown): string {
  return xmlUnescape(text(node));
}

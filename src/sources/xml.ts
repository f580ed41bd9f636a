/**
 * XML decoding shared by every Atom/RSS source (feeds, arXiv listings, the arXiv API):
 * fast-xml-parser with validation, the document's own (DTD) entities bounded, and the text
 * elements (title, summary, description, content) kept raw so they can be decoded per their
 * type: plain text, escaped HTML, inline XHTML/HTML markup, or Atom 0.3 base64.
 */
import { XMLParser, type ProcessEntitiesOptions } from 'fast-xml-parser';
import { decodeHTMLStrict } from 'entities/decode';
import { excerpt, htmlPageError, looksLikeHtml } from '../net/http.js';
import { decodeBody } from '../net/charset.js';
import { ParseError } from '../net/errors.js';
import { holdsMarkup, htmlToText } from './html-text.js';

/** Elements that may repeat; always arrays so one entry and many look the same. */
const REPEATED = new Set(['entry', 'item', 'author', 'category', 'link', 'creator', 'contributor']);

/**
 * Text constructs, read raw (markup, CDATA and references as written) and decoded by
 * `contentText`/`plainText`: a description may hold XHTML written directly inside it, which a
 * tree would split into child elements and lose.
 */
const TEXT_ELEMENTS = ['title', 'subtitle', 'tagline', 'summary', 'description', 'content', 'encoded', 'rights'];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Namespaces are matched by local name: feeds vary the prefix (`arxiv:`, `dc:`, `opensearch:`).
  removeNSPrefix: true,
  // Keep ids like `2411.04965` and counts as strings; we convert where we mean to.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
  stopNodes: TEXT_ELEMENTS.map((name) => `*.${name}`),
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

export type XmlNode = Record<string, unknown>;

/** Parse an XML body; HTML error pages, empty, malformed and truncated bodies become ParseErrors. */
/** A bare `&` (not starting a reference): the one well-formedness error feeds make that has one repair. */
const BARE_AMPERSAND = /&(?!(?:[A-Za-z][\w.-]*|#\d+|#x[\da-fA-F]+);)/g;

/** A feed by its first elements, whatever the Content-Type says (feeds served as text/html). */
function startsLikeFeed(text: string): boolean {
  const head = text.slice(0, 4096);
  return /<(?:rss|feed|rdf:RDF)[\s>]/.test(head) && !/<html[\s>]/i.test(head);
}

export function parseXml(body: string, url: string | null, expected: string, contentType = ''): XmlNode {
  // A BOM, or a newline a template left before `<?xml ...?>`, is not worth a failed feed.
  const text = body.replace(/^[\uFEFF\s]+(?=<)/, '');
  if (text.trim() === '') throw new ParseError(`expected ${expected} but the body was empty`, url);
  if (looksLikeHtml(contentType, text) && !startsLikeFeed(text)) throw htmlPageError(url ?? '(input)', expected, text);
  // "Too many requests", "Forbidden": a status page in plain text, said as such rather than as bad XML.
  if (!/^\s*</.test(text)) throw new ParseError(`expected ${expected} but got text that is not XML: "${excerpt(text, 120)}"`, url);
  // An HTML page the first 512 characters did not give away (a comment, an XML declaration or an
  // XHTML DOCTYPE before <html>) is still an HTML page, whether it parses as XML or not.
  const htmlPage = () => !startsLikeFeed(text) && /<html[\s>]/i.test(text.slice(0, 4096));
  let doc: unknown;
  try {
    try {
      doc = parser.parse(text, true);
    } catch (err) {
      // "A & B" or "?a=1&b=2" written unescaped: escape those and validate again, still strictly.
      if (!(err instanceof Error && /char '&' is not expected/.test(err.message))) throw err;
      doc = parser.parse(text.replace(BARE_AMPERSAND, '&amp;'), true);
    }
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    if (htmlPage()) throw htmlPageError(url ?? '(input)', expected, text);
    if (why.includes('[EntityReplacer]') || /entit(y|ies)/i.test(why)) {
      throw new ParseError(`refused ${expected}: its own DTD entities expand past the safety limits (${why})`, url, err);
    }
    throw new ParseError(`malformed or truncated XML where ${expected} was expected: ${why}`, url, err);
  }
  if (!doc || typeof doc !== 'object') throw new ParseError(`expected ${expected} but the body is not XML`, url);
  if (rootName(doc as XmlNode) === 'html' || (rootName(doc as XmlNode) === '' && htmlPage())) throw htmlPageError(url ?? '(input)', expected, text);
  return doc as XmlNode;
}

/** The document element's local name ('' when there is none). */
export function rootName(doc: XmlNode): string {
  return Object.keys(doc).find((k) => !/^[?!#]/.test(k)) ?? '';
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

export function child(node: unknown, name: string): unknown {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  return (node as XmlNode)[name];
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

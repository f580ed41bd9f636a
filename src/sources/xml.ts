/** XML decoding shared by the Atom/RSS sources: fast-xml-parser with validation and entity limits. */
import { XMLParser } from 'fast-xml-parser';
import { htmlPageError, looksLikeHtml } from '../net/http.js';
import { ParseError } from '../net/errors.js';

/** Elements that may repeat; always arrays so one entry and many look the same. */
const REPEATED = new Set(['entry', 'item', 'author', 'category', 'link', 'creator']);

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
  // Bounded entity expansion: a hostile feed must not blow up memory.
  processEntities: { enabled: true, maxEntitySize: 10_000, maxExpansionDepth: 5, maxTotalExpansions: 1_000, maxEntityCount: 100 },
  htmlEntities: true,
});

export type XmlNode = Record<string, unknown>;

/** Parse an XML body; HTML error pages, empty, malformed and truncated bodies become ParseErrors. */
export function parseXml(text: string, url: string | null, expected: string, contentType = ''): XmlNode {
  if (text.trim() === '') throw new ParseError(`expected ${expected} but the body was empty`, url);
  if (looksLikeHtml(contentType, text)) throw htmlPageError(url ?? '(input)', expected, text);
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ParseError(`malformed or truncated XML where ${expected} was expected: ${why}`, url, err);
  }
  if (!doc || typeof doc !== 'object') throw new ParseError(`expected ${expected} but the body is not XML`, url);
  return doc as XmlNode;
}

/** Text content of a node that may be a string, a `{#text, @_attr}` object, or absent. */
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
  if (!node || typeof node !== 'object' || Array.isArray(node)) return '';
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

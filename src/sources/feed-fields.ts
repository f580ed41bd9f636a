/**
 * An entry's fields named as the form it was written in writes them, for the reasons an entry
 * is left out: a user looks for what a reason names in the feed, and a JSON Feed has no guid
 * (RSS `<link>` and `<guid>`, Atom `<link>` and `<id>`, JSON Feed `"url"` and `"id"`).
 */
import { cleanText } from '../core/papers/normalize.js';
import type { FeedEntry, LinkField } from './feed-entry.js';

/** An entry with neither a title nor text to make one from. */
export const NO_TEXT: Record<FeedEntry['format'], string> = {
  rss: 'no <title>, and no <description> or <content:encoded> to make one from',
  rdf: 'no <title>, and no <description> or <content:encoded> to make one from',
  atom: 'no <title>, and no <summary> or <content> to make one from',
  json: 'no "title", and no "summary", "content_text" or "content_html" to make one from',
};

/** A field by its name: `<link>`, `<enclosure url>`, `rdf:about`, `"url"`. */
export function fieldName(format: FeedEntry['format'], field: string): string {
  if (format === 'json') return `"${field}"`;
  return field.includes(':') && !field.includes(' ') ? field : `<${field}>`;
}

/** A field with its value, the way the feed writes it: `<link>x</link>`, `<link href="x">`, `rdf:about="x"`, `"url": "x"`. */
export function written(format: FeedEntry['format'], field: string, value: string): string {
  const v = cleanText(value, 80);
  if (format === 'json') return `"${field}": "${v}"`;
  const [name, attribute] = field.split(' ');
  if (attribute) return `<${name} ${attribute}="${v}">`;
  return name!.includes(':') ? `${name}="${v}"` : `<${name}>${v}</${name}>`;
}

/** The element or field that holds an entry's id: RSS `<guid>`, Atom `<id>`, JSON Feed `"id"`. */
export const idField = (format: FeedEntry['format']): LinkField => (format === 'atom' || format === 'json' ? 'id' : 'guid');

/**
 * JSON Feed (https://jsonfeed.org/version/1.1, and 1.0's `author`): the third feed format blogs
 * and newsletters publish, read into the same entries as RSS and Atom.
 */
import { ParseError } from '../net/errors.js';
import { decodeJson } from '../net/http.js';
import { uniqueNames } from './authors.js';
import type { FeedDocument, FeedEntry, LinkField, ReadText } from './feed-entry.js';
import { homeOf, resolveUrl, safePdfUrl } from './safe-url.js';
import { decodeHTMLStrict } from 'entities/decode';
import { htmlToText } from './html-text.js';
import { cleanText, parseArxivId } from '../core/papers/normalize.js';
import { INTO_THE_FEED, intoTheFeed } from './feed-links.js';
import { bestFileOf } from './feed-links.js';

/** A body that is JSON, not XML: a JSON Feed, or a clear error. */
export function isJsonBody(body: string, contentType: string): boolean {
  return /^\uFEFF?\s*\{/.test(body) || (/\bjson\b/i.test(contentType) && !/^\uFEFF?\s*</.test(body));
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * The people `authors` names (1.1), else `author` (1.0's, deprecated): 1.1 has readers ignore
 * `author` when `authors` is there, and feeds that write both may name another person in it.
 */
function names(node: Record<string, unknown>): string[] {
  const named = (people: unknown[]) => people.map((a) => str(record(a).name).trim()).filter(Boolean);
  const authors = named(list(node.authors));
  return authors.length ? authors : named([node.author]);
}

/**
 * A plain-text field (title, summary, content_text) as meant. The spec says plain text, but older
 * WordPress plugins write them through WordPress's HTML filters ("Caf&eacute;", "Q&amp;A",
 * "it&#8217;s"): only their complete references (with the semicolon) are decoded, so "AT&T",
 * "&copy" and a "<b> token" stay as written.
 */
const plain = (s: string) => (s.includes('&') ? decodeHTMLStrict(s) : s);

export function readJsonFeed(body: string, url: string | null, contentType: string): FeedDocument {
  const feed = record(decodeJson({ url: url ?? '', status: 200, contentType, text: body.replace(/^\uFEFF/, '') }, url ?? 'the feed'));
  if (!/jsonfeed\.org\/version\//i.test(str(feed.version)) || !Array.isArray(feed.items)) {
    throw new ParseError('expected an RSS, Atom or JSON feed but got JSON that is not a JSON Feed (no jsonfeed.org "version" and "items")', url);
  }
  const base = url ?? (/^https?:\/\//i.test(str(feed.feed_url)) ? str(feed.feed_url) : /^https?:\/\//i.test(str(feed.home_page_url)) ? str(feed.home_page_url) : null);
  const feedAuthors = names(feed);
  const entries = feed.items.map((raw, i): FeedEntry => {
    const item = record(raw);
    const id = str(item.id).trim();
    // An item with no address of its own is at its best attachment, ranked as RSS enclosures are.
    const attachments = list(item.attachments).map(record);
    const file = bestFileOf(attachments.map((a) => ({ url: str(a.url), type: str(a.mime_type) })));
    // White space is no address (it was taken for a relative one).
    const fields: [LinkField, string][] = [['url', str(item.url).trim()], ['external_url', str(item.external_url).trim()], ['id', /^https?:\/\//i.test(id) ? id : ''], ['attachments url', (file?.url ?? '').trim()]];
    // A fragment alone ("#") points into the feed itself: no address (feed-links.ts intoTheFeed).
    const [linkFrom, rawLink] = fields.find(([, v]) => v && !intoTheFeed(v)) ?? ['', ''];
    // A url written empty is said to be so: "no url" sent the user looking for a field that is there.
    const blank = (['url', 'external_url'] as const).find((f) => typeof item[f] === 'string');
    const blankWhy = blank && (intoTheFeed(str(item[blank])) ? `"${blank}": "${cleanText(str(item[blank]), 80)}" ${INTO_THE_FEED}` : `"${blank}": "" is empty`);
    // A link post's paper: url is the post, external_url what it is about. An arXiv paper there is
    // what the post speaks of, as FeedBurner's origLink says it of an RSS item (feed-parse.ts).
    const external = resolveUrl(str(item.external_url), base);
    const paperElsewhere = linkFrom === 'url' && /^https?:\/\//i.test(external) && parseArxivId(external) ? external : '';
    // Read as RSS's description, dc:description and content:encoded are (feed-read.ts): the first
    // that says something, and the later ones too, content_html as written (its links name the
    // arXiv paper an item with no address is about, feed-parse.ts arxivIdsInText).
    const html = str(item.content_html);
    const texts: ReadText[] = [plain(str(item.summary)), plain(str(item.content_text))].map((t) => ({ read: t.trim(), written: t.trim() }));
    texts.push({ read: html ? htmlToText(html).trim() : '', written: html.trim() });
    const [first = { read: '', written: '' }, ...later] = texts.filter((t) => t.read);
    const description = first.read;
    const title = plain(str(item.title)).trim();
    const authors = names(item);
    // The spec requires an attachment's mime_type: one without it is no PDF.
    const pdf = attachments.map((a) => (str(a.mime_type).trim() ? safePdfUrl(str(a.url), str(a.mime_type), base) : null)).find((u) => u !== null);
    return {
      position: i + 1,
      title,
      description,
      // The spec makes titles, summaries and content_text plain text (references aside: `plain`).
      asWritten: { title, description: first.written },
      laterDescriptions: () => later,
      link: resolveUrl(rawLink, base),
      page: '',
      rawLink,
      linkFrom,
      ...(!rawLink && blankWhy ? { blankLink: blankWhy } : {}),
      origLink: paperElsewhere,
      pdf: pdf ?? '',
      id,
      authors: uniqueNames(authors.length ? authors : feedAuthors),
      creators: [],
      categories: list(item.tags).map(str).filter(Boolean),
      date: str(item.date_published) || str(item.date_modified),
      announceType: '',
      format: 'json',
    };
  });
  return { format: 'json', entries, home: homeOf(str(feed.home_page_url), base) };
}

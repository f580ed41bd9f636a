/**
 * Any RSS 2.0, RSS 1.0 (RDF) or Atom feed. Items that link to arXiv get their arXiv id (so they
 * merge with the same paper from other sources); others get `feed:<sha1(link)>`.
 */
import { createHash } from 'node:crypto';
import type { PaperSource, SourceRequest, SourceUnit } from '../core/ports.js';
import type { PaperInput } from '../core/papers/paper.js';
import { normalizeInput } from '../core/papers/merge.js';
import { parseArxivId } from '../core/papers/normalize.js';
import type { HttpClient } from '../net/http.js';
import { ParseError } from '../net/errors.js';
import { htmlToText } from './html-text.js';
import { safeHttpUrl } from './safe-url.js';
import { asArray, attr, child, parseXml, text } from './xml.js';

function toDate(s: string): Date | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function feedItemId(link: string): string {
  return `feed:${createHash('sha1').update(link).digest('hex')}`;
}

interface RawItem {
  title: string;
  link: string;
  guid: string;
  description: string;
  authors: string[];
  date: string;
}

function atomLink(entry: unknown): string {
  const links = asArray(child(entry, 'link'));
  const alt = links.find((l) => !attr(l, 'rel') || attr(l, 'rel') === 'alternate') ?? links[0];
  return alt ? attr(alt, 'href') || text(alt) : '';
}

function rssItems(channelOrRoot: unknown): RawItem[] {
  return asArray(child(channelOrRoot, 'item')).map((item) => ({
    title: text(child(item, 'title')),
    link: text(child(item, 'link')),
    guid: text(child(item, 'guid')),
    description: text(child(item, 'encoded')) || text(child(item, 'description')),
    authors: [...asArray(child(item, 'creator')).map(text), ...asArray(child(item, 'author')).map(text)],
    date: text(child(item, 'pubDate')) || text(child(item, 'date')),
  }));
}

function atomItems(feed: unknown): RawItem[] {
  return asArray(child(feed, 'entry')).map((e) => ({
    title: text(child(e, 'title')),
    link: atomLink(e),
    guid: text(child(e, 'id')),
    description: text(child(e, 'summary')) || text(child(e, 'content')),
    authors: asArray(child(e, 'author')).map((a) => text(child(a, 'name'))),
    date: text(child(e, 'published')) || text(child(e, 'updated')),
  }));
}

/** Decode a feed body into raw items, whichever of the three formats it is. */
export function readFeed(body: string, url: string | null, contentType = ''): RawItem[] {
  const doc = parseXml(body, url, 'an RSS or Atom feed', contentType);
  const rss = child(doc, 'rss');
  if (rss) return rssItems(child(rss, 'channel'));
  const rdf = child(doc, 'RDF');
  if (rdf) return rssItems(rdf);
  const feed = child(doc, 'feed');
  if (feed) return atomItems(feed);
  throw new ParseError('expected an RSS or Atom feed but found neither <rss>, <rdf:RDF> nor <feed>', url);
}

/** Map one item; null when it has neither an arXiv id nor an http(s) link, or no title. */
export function mapFeedItem(item: RawItem): PaperInput | null {
  const arxiv = parseArxivId(item.link) ?? parseArxivId(item.guid);
  const link = safeHttpUrl(item.link) ?? safeHttpUrl(item.guid);
  if (!arxiv && !link) return null;
  const input: PaperInput = {
    arxivId: arxiv ? arxiv.id : feedItemId(link!),
    source: 'feed',
    version: arxiv?.version ?? null,
    title: htmlToText(item.title),
    abstract: htmlToText(item.description),
    authors: item.authors.flatMap((a) => a.split(/,\s*/)).filter(Boolean),
    publishedAt: toDate(item.date),
    absUrl: arxiv ? `https://arxiv.org/abs/${arxiv.id}` : link!,
  };
  if (!arxiv) input.pdfUrl = null;
  const clean = normalizeInput(input);
  return clean.title ? clean : null;
}

export function parseFeed(body: string, url: string | null, contentType = ''): PaperInput[] {
  const out: PaperInput[] = [];
  for (const item of readFeed(body, url, contentType)) {
    const p = mapFeedItem(item);
    if (p) out.push(p);
  }
  return out;
}

/** Feed URLs in a request: `feedUrl` may hold several, separated by whitespace (URLs may contain commas). */
export function feedUrls(request: SourceRequest): string[] {
  return (request.feedUrl ?? '').split(/\s+/).filter(Boolean);
}

export function createFeedSource(opts: { http: HttpClient }): PaperSource {
  return {
    name: 'feed',
    units(request: SourceRequest): SourceUnit[] {
      return feedUrls(request).map((url) => ({ label: url, params: { url } }));
    },
    async fetchUnit(unit: SourceUnit, signal?: AbortSignal): Promise<PaperInput[]> {
      const url = unit.params.url ?? unit.label;
      const res = await opts.http.getText(url, { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5', signal });
      return parseFeed(res.text, url, res.contentType);
    },
  };
}

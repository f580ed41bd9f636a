/**
 * arXiv RSS/Atom listings (`{base}/atom/cs.CL+cs.SD`): today's announcements. `new` and `cross`
 * become papers; `replace`/`replace-cross` only update papers we already have.
 */
import type { PaperSource, SourceRequest, SourceUnit } from '../core/ports.js';
import type { PaperInput } from '../core/papers/paper.js';
import { normalizeInput } from '../core/papers/merge.js';
import { parseArxivId } from '../core/papers/normalize.js';
import type { HttpClient } from '../net/http.js';
import { ParseError } from '../net/errors.js';
import { asArray, attr, child, parseXml, text } from './xml.js';

const PREFIX = /^\s*arXiv:\S+\s+Announce Type:\s*\S+\s*(?:Abstract:\s*)?/i;

export type AnnounceType = 'new' | 'cross' | 'replace' | 'replace-cross';

/** The abstract without the "arXiv:… Announce Type: … Abstract:" preamble. */
export function stripAnnouncePrefix(summary: string): string {
  return summary.replace(PREFIX, '');
}

/** `dc:creator` is one comma-joined string of every author. */
export function splitCreators(creators: string[]): string[] {
  return creators
    .flatMap((c) => c.split(/,\s*(?:and\s+)?|\s+and\s+/))
    .map((s) => s.trim())
    .filter(Boolean);
}

function toDate(s: string): Date | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function mapRssEntry(entry: unknown): PaperInput | null {
  const parsed = parseArxivId(text(child(entry, 'id'))) ?? parseArxivId(attr(asArray(child(entry, 'link'))[0], 'href'));
  if (!parsed) return null;
  const type = (text(child(entry, 'announce_type')).trim() || 'new') as AnnounceType;
  const announced = toDate(text(child(entry, 'published')) || text(child(entry, 'updated')));
  const input: PaperInput = {
    arxivId: parsed.id,
    source: 'rss',
    version: parsed.version,
    title: text(child(entry, 'title')),
    abstract: stripAnnouncePrefix(text(child(entry, 'summary'))),
    authors: splitCreators(asArray(child(entry, 'creator')).map(text)),
    announcedAt: announced,
    absUrl: `https://arxiv.org/abs/${parsed.id}`,
    categories: asArray(child(entry, 'category')).map((c) => attr(c, 'term')).filter(Boolean),
  };
  // For a first announcement the listing date is the best publication date we have.
  if (type === 'new') input.publishedAt = announced;
  if (type === 'replace' || type === 'replace-cross') input.updateOnly = true;
  return normalizeInput(input);
}

export function parseArxivRss(body: string, url: string | null, contentType = ''): PaperInput[] {
  const doc = parseXml(body, url, 'an arXiv Atom listing', contentType);
  const feed = child(doc, 'feed');
  if (!feed || typeof feed !== 'object') throw new ParseError('expected an Atom <feed> from the arXiv listing', url);
  const out: PaperInput[] = [];
  for (const e of asArray(child(feed, 'entry'))) {
    const p = mapRssEntry(e);
    if (p && p.title) out.push(p);
  }
  return out;
}

export function createArxivRssSource(opts: { baseUrl: string; http: HttpClient; defaultCategories: string[] }): PaperSource {
  const base = opts.baseUrl.replace(/\/+$/, '');
  return {
    name: 'rss',
    // The listing is always "today's announcements": the date window does not apply.
    units(request: SourceRequest): SourceUnit[] {
      const cats = request.categories?.length ? request.categories : opts.defaultCategories;
      const url = `${base}/atom/${cats.map(encodeURIComponent).join('+')}`;
      return [{ label: url, params: { url } }];
    },
    async fetchUnit(unit: SourceUnit, signal?: AbortSignal): Promise<PaperInput[]> {
      const url = unit.params.url ?? unit.label;
      const res = await opts.http.getText(url, { accept: 'application/atom+xml', signal });
      return parseArxivRss(res.text, url, res.contentType);
    },
  };
}

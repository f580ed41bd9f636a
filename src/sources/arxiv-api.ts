/**
 * arXiv API (Atom): `{base}/query?search_query=(cat:A OR cat:B) AND submittedDate:[D0000 TO D2359]`,
 * one unit per day, paged with `start`/`max_results`, one request at a time every
 * PAPERBOY_ARXIV_DELAY_MS. Categories come from here (primary first).
 */
import type { ConditionalUnit, PaperSource, SourceRequest, SourceUnit, UnitValidators } from '../core/ports.js';
import type { PaperInput } from '../core/papers/paper.js';
import { normalizeInput } from '../core/papers/merge.js';
import { arxivAbsUrl, parseArxivId } from '../core/papers/normalize.js';
import { firstDoi } from '../core/papers/doi.js';
import { daysInRange } from '../core/papers/ingest-dates.js';
import { isArxivArchive } from '../core/papers/arxiv-categories.js';
import type { HttpClient, TextResponse } from '../net/http.js';
import { askKeptPages, unitValidators, type PageGet } from './conditional-pages.js';
import { realSleep, type Sleep } from '../core/sleep.js';
import type { Throttle } from '../net/throttle.js';
import { ParseError, UpstreamError } from '../net/errors.js';
import { asArray, attr, child, parseXml, plainText, text, type XmlNode } from './xml.js';
import { feedDate } from './feed-date.js';

export interface ArxivApiOptions {
  baseUrl: string;
  http: HttpClient;
  throttle: Throttle;
  /** Used when a request names no categories. */
  defaultCategories: string[];
  /** Results per request; arXiv allows at most 2,000. */
  pageSize?: number;
  maxPages?: number;
  /** Extra attempts after a `Rate exceeded.` reply, each after `rateLimitWaitMs` more. */
  rateLimitRetries?: number;
  rateLimitWaitMs?: number;
  sleep?: Sleep;
}

export function buildArxivQuery(categories: string[], day: string): string {
  const compact = day.replaceAll('-', '');
  // The API indexes each paper's categories, not its archive: an archive ("cs") is asked as
  // every category in it ("cs.*"), as the listings read an archive name.
  const cats = categories.map((c) => `cat:${c}${isArxivArchive(c) ? '.*' : ''}`);
  const catExpr = cats.length === 1 ? cats[0]! : `(${cats.join(' OR ')})`;
  return `${catExpr} AND submittedDate:[${compact}0000 TO ${compact}2359]`;
}

/** Map one Atom entry; returns null for entries that are not papers. */
export function mapArxivEntry(entry: unknown): PaperInput | null {
  const parsed = parseArxivId(text(child(entry, 'id')));
  if (!parsed) return null;
  const primary = attr(child(entry, 'primary_category'), 'term');
  const cats = asArray(child(entry, 'category')).map((c) => attr(c, 'term')).filter(Boolean);
  const categories = primary ? [primary, ...cats.filter((c) => c !== primary)] : cats;
  const links = asArray(child(entry, 'link'));
  const pdf = links.find((l) => attr(l, 'title') === 'pdf' || attr(l, 'type') === 'application/pdf');
  const input: PaperInput = {
    arxivId: parsed.id,
    source: 'arxiv',
    version: parsed.version,
    title: plainText(child(entry, 'title')),
    abstract: plainText(child(entry, 'summary')),
    authors: asArray(child(entry, 'author')).map((a) => text(child(a, 'name'))).filter(Boolean),
    publishedAt: feedDate(text(child(entry, 'published'))),
    absUrl: arxivAbsUrl(parsed.id),
    pdfUrl: pdf ? attr(pdf, 'href').replace(/^http:/, 'https:') || undefined : undefined,
    categories,
  };
  // `arxiv:doi`: the DOI of the published version, as the authors gave it (several are spaced apart; the first is kept).
  const doi = firstDoi(text(child(entry, 'doi')).split(/\s+/));
  if (doi) input.doi = doi;
  return normalizeInput(input);
}

/** arXiv's throttling answer, a 200 in plain text. */
const isRateExceeded = (body: string) => body.trim().startsWith('Rate exceeded');

/** Decode one API response; the arXiv error shapes become UpstreamErrors. */
export function parseArxivFeed(body: string, url: string | null, contentType = ''): { papers: PaperInput[]; entryCount: number; total: number | null } {
  if (isRateExceeded(body)) {
    throw new UpstreamError('arXiv API answered "Rate exceeded." (throttled); try again later or raise PAPERBOY_ARXIV_DELAY_MS', url, true);
  }
  const doc = parseXml(body, url, 'an arXiv Atom feed', contentType);
  const feed = child(doc, 'feed');
  if (!feed || typeof feed !== 'object') throw new ParseError('expected an Atom <feed> from the arXiv API', url);
  const entries = asArray(child(feed, 'entry'));
  // A malformed query answers 200 with a single entry titled "Error" whose summary says why.
  if (entries.length === 1 && plainText(child(entries[0], 'title')).trim() === 'Error') {
    const why = plainText(child(entries[0], 'summary')).trim() || 'unspecified error';
    throw new UpstreamError(`arXiv API rejected the query: ${why}`, url, false);
  }
  const totalRaw = text(child(feed as XmlNode, 'totalResults'));
  const total = totalRaw && /^\d+$/.test(totalRaw.trim()) ? Number(totalRaw) : null;
  const papers: PaperInput[] = [];
  for (const e of entries) {
    const p = mapArxivEntry(e);
    if (p && p.title) papers.push(p);
  }
  return { papers, entryCount: entries.length, total };
}

export function createArxivApiSource(opts: ArxivApiOptions): PaperSource {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const pageSize = Math.min(opts.pageSize ?? 500, 2000);
  const maxPages = opts.maxPages ?? 50;
  const sleep = opts.sleep ?? realSleep;
  const rateRetries = opts.rateLimitRetries ?? 2;
  const rateWait = opts.rateLimitWaitMs ?? 10_000;

  /**
   * One page as fetched (a 304 included); `Rate exceeded.` is arXiv asking us to slow down, so back
   * off and ask again. Its body is parsed by the caller.
   */
  const getPage = (signal?: AbortSignal): PageGet => async (url, conditional) => {
    for (let attempt = 0; ; attempt++) {
      const res = await opts.throttle.run(() => opts.http.getText(url, { accept: 'application/atom+xml', signal, ...(conditional ? { conditional } : {}) }), signal);
      if (attempt >= rateRetries || res.notModified || !isRateExceeded(res.text)) return res;
      await sleep(rateWait * (attempt + 1), signal);
    }
  };

  /**
   * A day's pages, asked with the validators of its last whole read: unchanged only when every
   * page answers 304 (a paper added to the day shifts the pages after it). `start` steps by whole
   * pages (a short page ends the query), so page i always starts at i × pageSize.
   */
  async function read(unit: SourceUnit, known: UnitValidators | null, signal?: AbortSignal): Promise<ConditionalUnit> {
    const day = unit.params.day ?? unit.label;
    const cats = (unit.params.categories ?? '').split(',').filter(Boolean);
    if (cats.length === 0) throw new ParseError('no arXiv categories given (use --category or PAPERBOY_ARXIV_CATEGORIES)', null);
    const query = buildArxivQuery(cats, day);
    const urlOf = (page: number) => `${base}/query?${new URLSearchParams({ search_query: query, sortBy: 'submittedDate', sortOrder: 'ascending', start: String(page * pageSize), max_results: String(pageSize) })}`;
    const get = getPage(signal);
    const asked = await askKeptPages(get, known, urlOf);
    if (asked.notModified) return asked;
    const byId = new Map<string, PaperInput>();
    const responses: TextResponse[] = [];
    for (let page = 0, start = 0; page < maxPages; page++) {
      const url = urlOf(page);
      const res = asked.fetched[page] ?? (await get(url));
      const feed = parseArxivFeed(res.text, url, res.contentType);
      responses.push(res);
      for (const p of feed.papers) byId.set(p.arxivId, p);
      start += feed.entryCount;
      if (feed.entryCount < pageSize || (feed.total !== null && start >= feed.total)) break;
    }
    return { notModified: false, papers: [...byId.values()], validators: unitValidators(responses) };
  }

  return {
    name: 'arxiv',
    units(request: SourceRequest): SourceUnit[] {
      const cats = request.categories?.length ? request.categories : opts.defaultCategories;
      return daysInRange(request.from, request.to).map((day) => ({ label: day, params: { day, categories: cats.join(',') } }));
    },
    async fetchUnit(unit: SourceUnit, signal?: AbortSignal): Promise<PaperInput[]> {
      const got = await read(unit, null, signal);
      return got.notModified ? [] : got.papers;
    },
    fetchUnitIfModified: read,
  };
}

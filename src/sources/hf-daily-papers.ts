/**
 * Hugging Face Daily Papers: `GET {base}/daily_papers?date=YYYY-MM-DD&limit=N&p=K`, one unit per
 * day, pages followed until a short page. Popularity and `ai_*` fields come from here.
 */
import type { FetchedUnit, NotModified, PaperSource, SourceRequest, SourceUnit, UnitValidators } from '../core/ports.js';
import type { PaperInput, SourceName } from '../core/papers/paper.js';
import { cleanText, parseArxivId } from '../core/papers/normalize.js';
import { daysInRange } from '../core/papers/ingest-dates.js';
import { decodeJson, type HttpClient, type TextResponse } from '../net/http.js';
import { overrideNote } from '../net/charset.js';
import { IncompleteUnitError, ParseError } from '../net/errors.js';
import { describeError } from '../core/error-text.js';
import { thousands } from '../core/count.js';
import { isRecord, optCount, optDate, optString, optStringList } from './read-json.js';
import { safeHttpUrl } from './safe-url.js';
import { rawDigest } from './raw-digest.js';
import { askKeptPages, unitValidators, type PageGet } from './conditional-pages.js';

export type HfMapOutcome =
  | { kind: 'paper'; input: PaperInput }
  | { kind: 'skipped'; reason: string }
  | { kind: 'invalid'; reason: string };

/**
 * Map one daily-papers item (`{paper: {...}, numComments, ...}`) to a PaperInput.
 * Text is normalised by the store's merge (core/papers/merge.ts normalizeInput) on the way in;
 * here we only make sure there is a usable id and title.
 */
export function mapHfItem(raw: unknown, source: SourceName = 'hf'): HfMapOutcome {
  if (!isRecord(raw) || !isRecord(raw.paper)) return { kind: 'invalid', reason: 'not a daily-papers item (no "paper" object)' };
  const p = raw.paper;
  const rawId = optString(p, 'id');
  // A number is no id: 2411.10000 reads back as 2411.1.
  if (rawId === undefined) return { kind: 'invalid', reason: p.id === undefined || p.id === null ? 'paper.id is missing' : `paper.id is ${cleanText(JSON.stringify(p.id), 40)}, not a string` };
  if (optString(p, 'withdrawnAt')) return { kind: 'skipped', reason: `${rawId} was withdrawn` };
  const parsed = parseArxivId(rawId);
  if (!parsed) return { kind: 'skipped', reason: `"${cleanText(rawId, 40)}" is not an arXiv id` };
  const title = optString(p, 'title') ?? optString(raw, 'title') ?? '';
  if (!cleanText(title)) return { kind: 'skipped', reason: `${parsed.id} has no title` };
  const authors: string[] = [];
  // `hidden` hides the link to an HF profile, not the person: they stay in the author list.
  // An entry with no name of its own may still name its HF user, or be a bare name; one naming no one is passed over.
  if (Array.isArray(p.authors)) for (const a of p.authors) {
    const name = typeof a === 'string' ? a : isRecord(a) ? (optString(a, 'name') ?? (isRecord(a.user) ? optString(a.user, 'fullname') : undefined)) : undefined;
    if (name?.trim()) authors.push(name);
  }
  const input: PaperInput = {
    arxivId: parsed.id,
    source,
    version: parsed.version,
    title,
    abstract: optString(p, 'summary') ?? optString(raw, 'summary') ?? '',
    authors,
    publishedAt: optDate(p, 'publishedAt') ?? optDate(raw, 'publishedAt'),
    announcedAt: optDate(p, 'submittedOnDailyAt'),
    upvotes: optCount(p, 'upvotes'),
    commentCount: optCount(raw, 'numComments'),
    githubRepo: safeHttpUrl(optString(p, 'githubRepo')),
    projectPage: safeHttpUrl(optString(p, 'projectPage')),
    aiSummary: optString(p, 'ai_summary') || null,
    aiKeywords: optStringList(p, 'ai_keywords') ?? [],
    ...(source === 'hf' ? {} : { fromHfRecord: true }),
  };
  return { kind: 'paper', input };
}

/**
 * What an error object in place of a page says (`{"error": "…"}`, `{"error": {"message": …}}`,
 * `{"message": …}`), as ": …", or '' when it says nothing: "[object Object]" told no one anything.
 */
function apiError(body: unknown): string {
  if (!isRecord(body)) return '';
  const said = body.error ?? body.message;
  if (said === undefined || said === null) return '';
  const text = typeof said === 'string' ? said : isRecord(said) && typeof said.message === 'string' ? said.message : JSON.stringify(said);
  return `: ${cleanText(text, 200)}`;
}

/** Map a decoded daily-papers page. A body that is not an array is a ParseError. */
export function mapHfPage(body: unknown, url: string | null, source: SourceName = 'hf'): { papers: PaperInput[]; skipped: string[]; rawCount: number } {
  if (!Array.isArray(body)) {
    const hint = apiError(body);
    throw new ParseError(`expected a JSON array of daily papers${hint}`, url);
  }
  const papers: PaperInput[] = [];
  const skipped: string[] = [];
  body.forEach((raw, i) => {
    const out = mapHfItem(raw, source);
    if (out.kind === 'paper') papers.push(out.input);
    else skipped.push(out.kind === 'invalid' ? `item ${i}: ${out.reason}` : out.reason);
  });
  // A reply none of whose items has the daily-papers shape is not a day without papers.
  if (body.length > 0 && papers.length === 0 && body.every((raw) => !isRecord(raw) || !isRecord(raw.paper))) {
    throw new ParseError(`expected a JSON array of daily papers, but none of its ${body.length} item(s) is one (${skipped[0]})`, url);
  }
  return { papers, skipped, rawCount: body.length };
}

export interface HfSourceOptions {
  baseUrl: string;
  http: HttpClient;
  /** Items per page; HF caps `limit` at 100. */
  pageSize?: number;
  /** Guard against a server that never returns a short page. */
  maxPages?: number;
  onSkipped?: (unit: string, reasons: string[]) => void;
  /** Told what else is to be said of a day: a page whose charset label was wrong for its bytes. */
  onNote?: (unit: string, note: string) => void;
}

/**
 * A decoded page, and the charset label its bytes were not in. JSON is UTF-8 (RFC 8259 §8.1) and
 * a charset parameter has no effect on it (§11): UTF-8 under another label is read as UTF-8 and
 * nothing is said (net/charset.ts keeps valid UTF-8 whatever the label). Only bytes that are not
 * UTF-8 nor in the charset named were read by a guess, which may be wrong somewhere: that is said.
 */
interface HfPage {
  url: string;
  body: unknown;
  charsetOverride?: TextResponse['charsetOverride'];
}

/** A later page of a day that failed: which (from 0) and why. */
interface PageFailure {
  page: number;
  err: unknown;
}

interface DayWalk {
  texts: string[];
  pages: HfPage[];
  /** Each page's validators, to keep once the day is written (null: a page had none, or the walk stopped). */
  validators: UnitValidators | null;
  stopped?: PageFailure;
}

const papersWords = (count: number) => (count === 1 ? '1 paper' : `${thousands(count)} papers`);

/** Its units are small page sets, held whole: the type says so, for callers that read them. */
type HfSource = Omit<PaperSource, 'fetchRaw'> & {
  fetchRaw(unit: SourceUnit, signal?: AbortSignal, parts?: number): Promise<FetchedUnit<PaperInput[]>>;
  fetchRaw(unit: SourceUnit, signal: AbortSignal | undefined, parts: number | undefined, known: UnitValidators | null): Promise<FetchedUnit<PaperInput[]> | NotModified>;
};

export function createHfDailyPapersSource(opts: HfSourceOptions): HfSource {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const pageSize = opts.pageSize ?? 100;
  const maxPages = opts.maxPages ?? 100;
  const pageUrl = (date: string, page: number) => `${base}/daily_papers?${new URLSearchParams({ date, limit: String(pageSize), p: String(page) })}`;
  const getPage = (signal?: AbortSignal): PageGet => (url, conditional) => opts.http.getText(url, { signal, accept: 'application/json', ...(conditional ? { conditional } : {}) });
  /**
   * Walk a day's pages from the first, decoding each to find the end (a short page, or a full
   * page with no new id from a server that ignores `p`); `fetched` pages are not asked for again.
   * A later page that fails (its retries spent, or a body that is no page) ends the walk with
   * `stopped`: the pages before it are kept, as a feed cut short keeps its whole entries. `stopped`
   * given (a page that failed while `fetched` was read) ends the walk after `fetched`, so it is not asked for twice.
   * `fetched` may have gaps (pages a conditional request found unchanged): those are asked for.
   */
  async function walkDay(date: string, fetched: TextResponse[], signal?: AbortSignal, stopped?: PageFailure): Promise<DayWalk> {
    const texts: string[] = [];
    const pages: HfPage[] = [];
    const responses: TextResponse[] = [];
    const seen = new Set<string>();
    for (let page = 0; page < maxPages; page++) {
      if (stopped && page >= fetched.length) return { texts, pages, validators: null, stopped };
      const url = pageUrl(date, page);
      let body: unknown;
      let res: TextResponse;
      try {
        res = fetched[page] ?? (await getPage(signal)(url));
        body = decodeJson(res, url);
        if (!Array.isArray(body)) mapHfPage(body, url); // throws the ParseError that names the body
      } catch (err) {
        if (page === 0 || signal?.aborted) throw err;
        return { texts, pages, validators: null, stopped: { page, err } };
      }
      const items = body as unknown[];
      responses.push(res);
      pages.push({ url, body, ...(res.charsetOverride ? { charsetOverride: res.charsetOverride } : {}) });
      texts.push(res.text);
      if (items.length < pageSize) break;
      const before = seen.size;
      for (const item of items) if (isRecord(item) && isRecord(item.paper) && typeof item.paper.id === 'string') seen.add(item.paper.id);
      if (seen.size === before && items.length > 0) break;
    }
    return { texts, pages, validators: unitValidators(responses) };
  }

  /** The day's papers; a walk stopped at a later page gives them as an IncompleteUnitError, for ingest to write and count the day partial. */
  function dayPapers(unit: SourceUnit, date: string, walked: DayWalk): PaperInput[] {
    const papers = mapDay(unit, walked.pages);
    if (!walked.stopped) return papers;
    const { page, err } = walked.stopped;
    const read = walked.pages.length === 1 ? 'page 1' : `pages 1–${walked.pages.length}`;
    throw new IncompleteUnitError(`page ${page + 1} of ${date} failed: the ${papersWords(papers.length)} of ${read} were kept (run again for the rest); ${describeError(err)}`, pageUrl(date, page), papers);
  }

  function mapDay(unit: SourceUnit, pages: HfPage[]): PaperInput[] {
    const byId = new Map<string, PaperInput>();
    const skipped: string[] = [];
    const notes = new Set<string>();
    for (const { url, body, charsetOverride } of pages) {
      if (charsetOverride) notes.add(overrideNote(charsetOverride.named, charsetOverride.read));
      const mapped = mapHfPage(body, url);
      // Pages can overlap when the list shifts between requests; the first sighting wins.
      for (const p of mapped.papers) if (!byId.has(p.arxivId)) byId.set(p.arxivId, p);
      skipped.push(...mapped.skipped);
    }
    if (skipped.length > 0) opts.onSkipped?.(unit.label, skipped);
    for (const note of notes) opts.onNote?.(unit.label, note);
    return [...byId.values()];
  }

  /** A day read whole from its walk: its digest, and its papers and validators once parsed. */
  function walkedDay(unit: SourceUnit, date: string, walked: DayWalk): FetchedUnit<PaperInput[]> {
    const digest = rawDigest(walked.texts);
    return { digest, parse: async () => ({ papers: dayPapers(unit, date, walked), digest, parts: walked.pages.length, validators: walked.validators }) };
  }

  async function fetchDay(unit: SourceUnit, signal?: AbortSignal, parts?: number, known?: UnitValidators | null): Promise<FetchedUnit<PaperInput[]> | NotModified> {
    const date = unit.params.date ?? unit.label;
    // Validators kept: a day unchanged page for page is not read; one page changed, the day is read whole.
    if (known?.pages.length) {
      const asked = await askKeptPages(getPage(signal), known, (page) => pageUrl(date, page));
      return asked.notModified ? asked : walkedDay(unit, date, await walkDay(date, asked.fetched, signal));
    }
    if (parts !== undefined && Number.isInteger(parts) && parts > 0 && parts <= maxPages) {
      const fetched: TextResponse[] = [];
      let stopped: PageFailure | undefined;
      for (let page = 0; page < parts && !stopped; page++) {
        try {
          fetched.push(await getPage(signal)(pageUrl(date, page)));
        } catch (err) {
          if (page === 0 || signal?.aborted) throw err;
          stopped = { page, err };
        }
      }
      return {
        digest: rawDigest(fetched.map((r) => r.text)),
        async parse() {
          const walked = await walkDay(date, fetched, signal, stopped);
          return { papers: dayPapers(unit, date, walked), digest: rawDigest(walked.texts), parts: walked.pages.length, validators: walked.validators };
        },
      };
    }
    return walkedDay(unit, date, await walkDay(date, [], signal));
  }

  return {
    name: 'hf',
    units(request: SourceRequest): SourceUnit[] {
      return daysInRange(request.from, request.to).map((day) => ({ label: day, params: { date: day } }));
    },
    async fetchUnit(unit: SourceUnit, signal?: AbortSignal): Promise<PaperInput[]> {
      const day = await fetchDay(unit, signal);
      return 'notModified' in day ? [] : (await day.parse()).papers;
    },
    // Without validators there is nothing a server could answer 304 to: the day is read.
    fetchRaw: fetchDay as HfSource['fetchRaw'],
  };
}

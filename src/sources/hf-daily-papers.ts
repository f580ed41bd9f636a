/**
 * Hugging Face Daily Papers: `GET {base}/daily_papers?date=YYYY-MM-DD&limit=N&p=K`, one unit per
 * day, pages followed until a short page. Popularity and `ai_*` fields come from here.
 */
import { z } from 'zod';
import type { PaperSource, SourceRequest, SourceUnit } from '../core/ports.js';
import type { PaperInput, SourceName } from '../core/papers/paper.js';
import { normalizeInput } from '../core/papers/merge.js';
import { parseArxivId } from '../core/papers/normalize.js';
import { daysInRange } from '../core/papers/ingest-dates.js';
import type { HttpClient } from '../net/http.js';
import { ParseError } from '../net/errors.js';

const nullish = <T extends z.ZodTypeAny>(t: T) => t.nullish().catch(undefined);
const count = nullish(z.coerce.number().int().min(0));
const str = nullish(z.string());

/** Fields we read; unknown fields are ignored and a wrong-typed optional field is dropped, not fatal. */
export const hfPaperSchema = z.object({
  id: z.string(),
  title: str,
  summary: str,
  authors: z
    .array(z.object({ name: z.string().catch(''), hidden: z.boolean().nullish().catch(undefined) }))
    .catch([])
    .default([]),
  publishedAt: str,
  submittedOnDailyAt: str,
  upvotes: count,
  githubRepo: str,
  projectPage: str,
  ai_summary: str,
  ai_keywords: nullish(z.array(z.string())),
  withdrawnAt: str,
});

export const hfItemSchema = z.object({
  paper: hfPaperSchema,
  title: str,
  summary: str,
  publishedAt: str,
  numComments: count,
});

export type HfItem = z.infer<typeof hfItemSchema>;

function toDate(s: string | null | undefined): Date | null | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export type HfMapOutcome = { kind: 'paper'; input: PaperInput } | { kind: 'skipped'; reason: string };

/** Map one daily-papers item (already schema-checked) to a PaperInput. */
export function mapHfItem(item: HfItem, source: SourceName = 'hf'): HfMapOutcome {
  const p = item.paper;
  if (p.withdrawnAt) return { kind: 'skipped', reason: `${p.id} was withdrawn` };
  const parsed = parseArxivId(p.id);
  if (!parsed) return { kind: 'skipped', reason: `"${p.id}" is not an arXiv id` };
  const title = p.title ?? item.title ?? '';
  const input: PaperInput = {
    arxivId: parsed.id,
    source,
    version: parsed.version,
    title,
    abstract: p.summary ?? item.summary ?? undefined,
    // `hidden` hides the link to an HF profile, not the person: they stay in the author list.
    authors: p.authors.map((a) => a.name).filter((n) => n.trim() !== ''),
    publishedAt: toDate(p.publishedAt ?? item.publishedAt),
    announcedAt: toDate(p.submittedOnDailyAt),
    upvotes: p.upvotes ?? undefined,
    commentCount: item.numComments ?? undefined,
    githubRepo: p.githubRepo || null,
    projectPage: p.projectPage || null,
    aiSummary: p.ai_summary || null,
    aiKeywords: p.ai_keywords ?? [],
  };
  const clean = normalizeInput(input);
  if (!clean.title) return { kind: 'skipped', reason: `${parsed.id} has no title` };
  return { kind: 'paper', input: clean };
}

/** Map a decoded daily-papers page. A body that is not an array is a ParseError. */
export function mapHfPage(body: unknown, url: string | null, source: SourceName = 'hf'): { papers: PaperInput[]; skipped: string[]; rawCount: number } {
  if (!Array.isArray(body)) {
    const hint = body && typeof body === 'object' && 'error' in body ? `: ${String((body as { error: unknown }).error)}` : '';
    throw new ParseError(`expected a JSON array of daily papers${hint}`, url);
  }
  const papers: PaperInput[] = [];
  const skipped: string[] = [];
  body.forEach((raw, i) => {
    const item = hfItemSchema.safeParse(raw);
    if (!item.success) {
      skipped.push(`item ${i}: not a daily-papers item (${item.error.issues[0]?.path.join('.') ?? '?'} ${item.error.issues[0]?.message ?? ''})`);
      return;
    }
    const out = mapHfItem(item.data, source);
    if (out.kind === 'paper') papers.push(out.input);
    else skipped.push(out.reason);
  });
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
}

export function createHfDailyPapersSource(opts: HfSourceOptions): PaperSource {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const pageSize = opts.pageSize ?? 100;
  const maxPages = opts.maxPages ?? 100;
  return {
    name: 'hf',
    units(request: SourceRequest): SourceUnit[] {
      return daysInRange(request.from, request.to).map((day) => ({ label: day, params: { date: day } }));
    },
    async fetchUnit(unit: SourceUnit, signal?: AbortSignal): Promise<PaperInput[]> {
      const date = unit.params.date ?? unit.label;
      const byId = new Map<string, PaperInput>();
      const skipped: string[] = [];
      for (let page = 0; page < maxPages; page++) {
        const url = `${base}/daily_papers?${new URLSearchParams({ date, limit: String(pageSize), p: String(page) })}`;
        const body = await opts.http.getJson(url, { signal });
        const mapped = mapHfPage(body, url);
        // Pages can overlap when the list shifts between requests; the first sighting wins.
        const before = byId.size;
        for (const p of mapped.papers) if (!byId.has(p.arxivId)) byId.set(p.arxivId, p);
        skipped.push(...mapped.skipped);
        if (mapped.rawCount < pageSize) break;
        // A server that ignores `p` repeats the first page forever; stop when a full page adds nothing.
        if (byId.size === before && mapped.papers.length > 0) break;
      }
      if (skipped.length > 0) opts.onSkipped?.(unit.label, skipped);
      return [...byId.values()];
    },
  };
}

/**
 * A local file of papers: a JSON array or JSONL, each record either in the Hugging Face
 * daily-papers shape (`{paper: {...}}`) or the plain `{id,title,abstract,authors,publishedAt,…}`.
 * Any bad record fails the whole file with line/item numbers, so a bad file writes nothing.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { PaperSource, SourceRequest, SourceUnit } from '../core/ports.js';
import type { PaperInput } from '../core/papers/paper.js';
import { normalizeInput } from '../core/papers/merge.js';
import { parseArxivId } from '../core/papers/normalize.js';
import { ParseError, SourceError } from '../net/errors.js';
import { hfItemSchema, mapHfItem } from './hf-daily-papers.js';
import { feedItemId } from './feed.js';

const MAX_FILE_BYTES = 512 * 1024 * 1024;
const MAX_REPORTED = 5;

const date = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a date` });
      return z.NEVER;
    }
    return d;
  })
  .nullish();

const authorList = z
  .union([z.array(z.union([z.string(), z.object({ name: z.string() }).transform((a) => a.name)])), z.string().transform((s) => s.split(/,\s*/))])
  .optional();

export const plainRecordSchema = z
  .object({
    id: z.string().optional(),
    arxivId: z.string().optional(),
    url: z.string().optional(),
    version: z.number().int().positive().nullish(),
    title: z.string(),
    abstract: z.string().nullish(),
    summary: z.string().nullish(),
    authors: authorList,
    publishedAt: date,
    announcedAt: date,
    pdfUrl: z.string().nullish(),
    categories: z.array(z.string()).optional(),
    upvotes: z.number().int().min(0).nullish(),
    commentCount: z.number().int().min(0).nullish(),
    githubRepo: z.string().nullish(),
    projectPage: z.string().nullish(),
    aiSummary: z.string().nullish(),
    aiKeywords: z.array(z.string()).nullish(),
  })
  .refine((r) => r.id || r.arxivId || r.url, { message: 'needs an id, arxivId or url' });

export type RecordOutcome = { kind: 'paper'; input: PaperInput } | { kind: 'skipped'; reason: string } | { kind: 'invalid'; reason: string };

/** Map one decoded record of either shape. */
export function mapFileRecord(raw: unknown): RecordOutcome {
  if (raw && typeof raw === 'object' && 'paper' in raw) {
    const item = hfItemSchema.safeParse(raw);
    if (!item.success) return { kind: 'invalid', reason: zodReason(item.error) };
    const out = mapHfItem(item.data, 'file');
    return out.kind === 'paper' ? out : { kind: 'skipped', reason: out.reason };
  }
  const rec = plainRecordSchema.safeParse(raw);
  if (!rec.success) return { kind: 'invalid', reason: zodReason(rec.error) };
  const r = rec.data;
  const rawId = r.arxivId ?? r.id ?? r.url ?? '';
  const arxiv = parseArxivId(rawId) ?? (r.url ? parseArxivId(r.url) : null);
  const input: PaperInput = {
    arxivId: arxiv ? arxiv.id : rawId.startsWith('feed:') ? rawId : feedItemId(r.url ?? rawId),
    source: 'file',
    version: r.version ?? arxiv?.version ?? null,
    title: r.title,
    abstract: r.abstract ?? r.summary ?? undefined,
    authors: r.authors,
    publishedAt: r.publishedAt ?? undefined,
    announcedAt: r.announcedAt ?? undefined,
    categories: r.categories,
    upvotes: r.upvotes ?? undefined,
    commentCount: r.commentCount ?? undefined,
    githubRepo: r.githubRepo ?? undefined,
    projectPage: r.projectPage ?? undefined,
    aiSummary: r.aiSummary ?? undefined,
    aiKeywords: r.aiKeywords ?? undefined,
  };
  if (r.url && !arxiv) input.absUrl = r.url;
  if (r.pdfUrl !== undefined) input.pdfUrl = r.pdfUrl;
  const clean = normalizeInput(input);
  if (!clean.title) return { kind: 'invalid', reason: 'empty title' };
  return { kind: 'paper', input: clean };
}

function zodReason(err: z.ZodError): string {
  const i = err.issues[0];
  return i ? `${i.path.join('.') || 'record'}: ${i.message}` : 'invalid record';
}

/** Decode file text as a JSON array or JSONL; returns records with their position for messages. */
export function decodeRecords(body: string, path: string): Array<{ where: string; value: unknown }> {
  const trimmed = body.trimStart();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    let arr: unknown;
    try {
      arr = JSON.parse(body);
    } catch (err) {
      throw new ParseError(`${path}: malformed or truncated JSON array: ${(err as Error).message}`, null, err);
    }
    if (!Array.isArray(arr)) throw new ParseError(`${path}: expected a JSON array`, null);
    return arr.map((value, i) => ({ where: `item ${i}`, value }));
  }
  const out: Array<{ where: string; value: unknown }> = [];
  const bad: string[] = [];
  body.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push({ where: `line ${i + 1}`, value: JSON.parse(line) });
    } catch (err) {
      bad.push(`line ${i + 1}: ${(err as Error).message}`);
    }
  });
  if (bad.length > 0) {
    throw new ParseError(`${path}: ${bad.length} malformed JSONL line(s): ${bad.slice(0, MAX_REPORTED).join('; ')}`, null);
  }
  return out;
}

export function parseFileBody(body: string, path: string): PaperInput[] {
  const records = decodeRecords(body, path);
  const papers: PaperInput[] = [];
  const invalid: string[] = [];
  for (const { where, value } of records) {
    const out = mapFileRecord(value);
    if (out.kind === 'paper') papers.push(out.input);
    else if (out.kind === 'invalid') invalid.push(`${where}: ${out.reason}`);
  }
  if (invalid.length > 0) {
    throw new ParseError(`${path}: ${invalid.length} invalid record(s): ${invalid.slice(0, MAX_REPORTED).join('; ')}`, null);
  }
  return papers;
}

export function createFileSource(): PaperSource {
  return {
    name: 'file',
    units(request: SourceRequest): SourceUnit[] {
      return request.filePath ? [{ label: request.filePath, params: { path: request.filePath } }] : [];
    },
    async fetchUnit(unit: SourceUnit): Promise<PaperInput[]> {
      const path = unit.params.path ?? unit.label;
      let body: string;
      try {
        const buf = await readFile(path);
        if (buf.byteLength > MAX_FILE_BYTES) throw new ParseError(`${path}: file is larger than ${MAX_FILE_BYTES} bytes`, null);
        body = buf.toString('utf8');
      } catch (err) {
        if (err instanceof ParseError) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        throw new SourceError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? (err as Error).message})`, null, false, { cause: err });
      }
      return parseFileBody(body, path);
    },
  };
}

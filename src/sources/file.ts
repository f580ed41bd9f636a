/**
 * A local file of papers: a JSON array, JSONL, or one JSON object with a "papers" array, each
 * record either in the Hugging Face daily-papers shape (`{paper: {...}}`) or the plain `{id,title,abstract,authors,publishedAt,…}`.
 * Any bad record fails the whole file with line/item numbers, so a bad file writes nothing.
 * A saved RSS/Atom feed or arXiv listing (XML) is read as `--source feed` reads one.
 */
import { open, readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { FetchedUnit, PaperSource, SourceRequest, SourceUnit } from '../core/ports.js';
import type { PaperInput } from '../core/papers/paper.js';
import { cleanText, parseArxivId } from '../core/papers/normalize.js';
import { formatBytes } from '../core/bytes.js';
import { ParseError, SourceError } from '../net/errors.js';
import { bomEncoding, charsetNote, decodeBody } from '../net/charset.js';
import { isGzip } from '../net/gzip.js';
import { mapHfItem } from './hf-daily-papers.js';
import { isRecord, optCount, optDate, optString, optStringList, type JsonRecord } from './read-json.js';
import { assertSomethingUsable, feedItemId, parseFeedPapers } from './feed-parse.js';
import { safeHttpUrl } from './safe-url.js';
import { bodyRefusal, HEAD_BYTES, headText, XML_BODY, type HeapRoom } from './heap-room.js';
import { fromTexAccents } from '../core/papers/tex.js';
import { splitNameList } from './authors.js';
import { rawDigest } from './raw-digest.js';
import { checkJsonlFile, digestFile, NotUtf8Error, throwBadRecords } from './jsonl-stream.js';
import { mayBeOneObject, objectRecords } from './json-object.js';
import type { UnitReports } from './drops.js';
import { doiFromAddress, firstDoi } from '../core/papers/doi.js';

const MAX_FILE_BYTES = 512 * 1024 * 1024;

/**
 * `authors` as ["A", "B"], [{name: "A"}], or one string, "A, B and C" (as arXiv's bulk metadata
 * snapshot writes it, with TeX accents: "Bal\\'azs").
 */
function readAuthors(v: unknown): string[] | undefined | 'invalid' {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return splitNameList(fromTexAccents(v));
  if (!Array.isArray(v)) return 'invalid';
  const out: string[] = [];
  for (const a of v) {
    if (typeof a === 'string') out.push(fromTexAccents(a));
    else if (isRecord(a) && typeof a.name === 'string') out.push(fromTexAccents(a.name));
    else return 'invalid';
  }
  return out;
}

/** The first of `keys` present: a present-but-unreadable date is an error (the file is ours to fix); absent is fine. */
function readDate(o: JsonRecord, ...keys: string[]): Date | undefined | 'invalid' {
  const key = keys.find((k) => o[k] !== undefined && o[k] !== null);
  if (key === undefined) return undefined;
  return optDate(o, key) ?? 'invalid';
}

/**
 * arXiv's bulk metadata snapshot gives no date field but each version's: `versions: [{version:
 * "v1", created: "Mon, 2 Apr 2007 19:18:42 GMT"}, …]`. The first is when the paper appeared;
 * the last names its current version.
 */
function readVersions(o: JsonRecord): { first?: Date; latest?: number } {
  const v = o.versions;
  if (!Array.isArray(v) || v.length === 0) return {};
  const first = isRecord(v[0]) ? optDate(v[0], 'created') : undefined;
  const last = v[v.length - 1];
  const n = isRecord(last) && typeof last.version === 'string' ? /^v(\d+)$/.exec(last.version.trim()) : null;
  return { ...(first ? { first } : {}), ...(n ? { latest: Number(n[1]) } : {}) };
}

/** `categories` as a list, or one string as arXiv's metadata writes it: "cs.CL cs.LG". */
function readCategories(o: JsonRecord): string[] | undefined {
  const v = o.categories;
  if (typeof v === 'string') return v.split(/[\s,;]+/).filter(Boolean);
  return optStringList(o, 'categories');
}

export type RecordOutcome = { kind: 'paper'; input: PaperInput } | { kind: 'skipped'; reason: string } | { kind: 'invalid'; reason: string };

/** Map one decoded record of either shape; text is normalised by the store's merge on the way in. */
export function mapFileRecord(raw: unknown): RecordOutcome {
  if (isRecord(raw) && 'paper' in raw) {
    const out = mapHfItem(raw, 'file');
    return out.kind === 'paper' ? { kind: 'paper', input: out.input } : out;
  }
  if (!isRecord(raw)) return { kind: 'invalid', reason: 'not a JSON object' };
  const r = raw;
  const title = optString(r, 'title');
  if (title === undefined) return { kind: 'invalid', reason: 'title: expected a string' };
  const rawId = optString(r, 'arxivId') ?? optString(r, 'arxiv_id') ?? optString(r, 'id') ?? optString(r, 'url') ?? '';
  if (!rawId) return { kind: 'invalid', reason: 'needs an id, arxivId or url' };
  const authors = readAuthors(r.authors);
  if (authors === 'invalid') return { kind: 'invalid', reason: 'authors: expected a list of names or a comma-separated string' };
  const versions = readVersions(r);
  const publishedAt = readDate(r, 'publishedAt', 'published_at', 'published') ?? versions.first;
  const announcedAt = readDate(r, 'announcedAt', 'announced_at');
  if (publishedAt === 'invalid' || announcedAt === 'invalid') return { kind: 'invalid', reason: 'publishedAt/announcedAt: not a date' };
  const url = optString(r, 'url');
  const arxiv = parseArxivId(rawId) ?? (url ? parseArxivId(url) : null);
  const version = optCount(r, 'version') ?? versions.latest;
  const input: PaperInput = {
    arxivId: arxiv ? arxiv.id : rawId.startsWith('feed:') ? rawId : feedItemId(url ?? rawId),
    source: 'file',
    version: version || arxiv?.version || null,
    title,
    abstract: optString(r, 'abstract') ?? optString(r, 'summary'),
    authors,
    publishedAt,
    announcedAt,
    categories: readCategories(r),
    upvotes: optCount(r, 'upvotes'),
    commentCount: optCount(r, 'commentCount'),
    githubRepo: safeHttpUrl(optString(r, 'githubRepo')) ?? undefined,
    projectPage: safeHttpUrl(optString(r, 'projectPage')) ?? undefined,
    aiSummary: optString(r, 'aiSummary'),
    aiKeywords: optStringList(r, 'aiKeywords'),
  };
  if (!arxiv) {
    // A non-arXiv record is only useful with a link people can open.
    const link = safeHttpUrl(url);
    if (!link) return { kind: 'invalid', reason: 'not an arXiv id, and url is not an http(s) link' };
    input.absUrl = link;
    input.pdfUrl = null;
  }
  const pdfUrl = safeHttpUrl(optString(r, 'pdfUrl'));
  if (pdfUrl) input.pdfUrl = pdfUrl;
  // `doi` (`papers --json`, arXiv's metadata snapshot: the published version's, several spaced
  // apart, the first kept), else a doi.org `url`.
  const doi = firstDoi((optString(r, 'doi') ?? '').split(/\s+/)) ?? doiFromAddress(url);
  if (doi) input.doi = doi;
  if (!cleanText(title)) return { kind: 'invalid', reason: 'empty title' };
  return { kind: 'paper', input };
}
/**
 * Decode file text as a JSON array, one JSON object (json-object.ts) or JSONL and map each record
 * as it is decoded, so only the (small) PaperInputs are held, not every raw record. Any
 * malformed line or invalid record fails the whole file, naming the first few positions.
 */
export function parseFileBody(body: string, onSkipped?: (reasons: string[]) => void): PaperInput[] {
  const papers: PaperInput[] = [];
  const malformed: string[] = [];
  const invalid: string[] = [];
  const skipped: string[] = [];
  const take = (where: string, value: unknown) => {
    const out = mapFileRecord(value);
    if (out.kind === 'paper') papers.push(out.input);
    else if (out.kind === 'invalid') invalid.push(`${where}: ${out.reason}`);
    else skipped.push(out.reason);
  };
  const trimmed = body.trimStart();
  const inObject = objectRecords(body);
  if (inObject) {
    for (const [where, value] of inObject) take(where, value);
  } else if (trimmed.startsWith('[')) {
    let arr: unknown;
    try {
      arr = JSON.parse(body);
    } catch (err) {
      throw new ParseError(`malformed or truncated JSON array: ${(err as Error).message}`, null, err);
    }
    if (!Array.isArray(arr)) throw new ParseError(`expected a JSON array`, null);
    arr.forEach((value, i) => take(`item ${i}`, value));
  } else {
    // Walk lines by index rather than split(): no second copy of a large file.
    for (let start = 0, n = 1; start < body.length; n++) {
      let end = body.indexOf('\n', start);
      if (end < 0) end = body.length;
      const line = body.slice(start, end);
      start = end + 1;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        malformed.push(`line ${n}: ${(err as Error).message}`);
        continue;
      }
      take(`line ${n}`, value);
    }
  }
  throwBadRecords(malformed.length, malformed, invalid.length, invalid);
  // Entries left out on purpose (withdrawn, not an arXiv id) are said, as `--source hf` says them.
  if (skipped.length > 0) onSkipped?.(skipped);
  return papers;
}

/** A saved JSON Feed: an object whose "version" names jsonfeed.org, wherever the key comes. */
const JSON_FEED = /^[\uFEFF\s]*\{[\s\S]*?"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//;

/** Whether the start of a file is a saved feed (XML or JSON Feed), read as `--source feed` reads one. */
function isSavedFeed(text: string): boolean {
  return XML_BODY.test(text) || JSON_FEED.test(text);
}

/** Papers of a local file's text: JSON/JSONL records, or a saved RSS/Atom/JSON feed or arXiv listing. */
function parseFileText(text: string, path: string, told: UnitReports): PaperInput[] {
  if (!isSavedFeed(text)) return parseFileBody(text, (reasons) => told.onSkipped?.(path, reasons));
  const feed = parseFeedPapers(text, null, '', 'file');
  assertSomethingUsable(feed, null);
  if (feed.dropped.length > 0) told.onSkipped?.(path, feed.dropped);
  if (feed.cutNote) told.onNote?.(path, feed.cutNote);
  return feed.papers;
}

/** Why a file could not be read, said after the unit, which is the path: "failed /nope.json: no such file". */
function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? DIRECTORY : `cannot read (${code ?? (err as Error).message})`;
}

const DIRECTORY = 'is a directory, not a file';

function unreadable(err: unknown): SourceError {
  return new SourceError(readFailure(err), null, false, { cause: err });
}

/**
 * Why the file cannot be read ("no such file"), or null when it can: asked before the database
 * is opened, so a mistyped path is said at once, not after waiting on a locked database.
 */
export async function unreadableReason(path: string): Promise<string | null> {
  try {
    const file = await open(path, 'r');
    try {
      if ((await file.stat()).isDirectory()) return DIRECTORY;
    } finally {
      await file.close();
    }
    return null;
  } catch (err) {
    return readFailure(err);
  }
}

/** A gzipped file's content, held to the same size cap as a plain one. */
function gunzipFile(buf: Buffer): Buffer {
  try {
    return gunzipSync(buf, { maxOutputLength: MAX_FILE_BYTES });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ParseError(`file unpacks to more than ${formatBytes(MAX_FILE_BYTES)}`, null, err);
    throw new ParseError(`gzip data is damaged or cut short (${(err as Error).message})`, null, err);
  }
}

/**
 * A file none of whose forms can start as it does (JSON, JSONL and feeds start with `[`, `{` or
 * `<`): a PDF or a spreadsheet was reported as every line of it malformed JSONL.
 */
function notPapers(head: Buffer): ParseError {
  const start = head.toString('utf8').replace(/^\uFEFF?\s*/, '').split(/\r?\n/)[0]!.replace(/[^\p{L}\p{N}\p{P}\p{S} ]/gu, '').slice(0, 40);
  const kind = start.startsWith('%PDF-') ? ' (a PDF)' : head.includes('PK\x03\x04', 0, 'latin1') && start.startsWith('PK') ? ' (a zip archive: a spreadsheet or document?)' : '';
  return new ParseError(`not a papers file: it starts "${start}"${kind}; ingest reads a JSON array or object, JSONL (one JSON record a line) or a saved RSS/Atom/JSON feed`, null);
}

/**
 * JSONL in UTF-8 (no UTF-16 BOM, not `[` or `<` first) is streamed; a JSON array or XML is read
 * whole, as its parser needs it whole (and the size cap bounds that).
 */
async function sniff(path: string): Promise<{ size: number; streamable: boolean }> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (err) {
    throw unreadable(err);
  }
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await file.read(head, 0, head.length, 0);
    // A gzipped file (papers.jsonl.gz, a saved feed.xml.gz) is unpacked whole, as over HTTP.
    if (isGzip(head)) return { size, streamable: false };
    // Two or four bytes a character (UTF-16 or UTF-32, marked or not): read whole, where decodeBody tells them.
    const wide = /^utf-(?:16|32)/.test(bomEncoding(head) ?? '') || head[1] === 0x00;
    const unmarked = headText(head);
    const first = /^\s*(\S)/.exec(unmarked)?.[1];
    // One JSON object (spread over lines, or on the file's only line: a saved JSON Feed whose
    // "version" comes after the head, an export with a "papers" key) is no JSONL: read whole, then told apart.
    if (!wide && first !== undefined && !'[{<'.includes(first)) throw notPapers(head);
    const oneObject = mayBeOneObject(unmarked, size <= HEAD_BYTES);
    return { size, streamable: !wide && first !== '[' && !oneObject && !isSavedFeed(unmarked) };
  } catch (err) {
    throw err instanceof ParseError ? err : unreadable(err);
  } finally {
    await file.close();
  }
}

/** Options of the file source beyond what it reports. */
export interface FileSourceOptions extends UnitReports, HeapRoom {}

async function readWhole(path: string, told: FileSourceOptions): Promise<FetchedUnit> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    throw unreadable(err);
  }
  if (buf.byteLength > MAX_FILE_BYTES) throw new ParseError(`file is larger than ${formatBytes(MAX_FILE_BYTES)}`, null);
  const digest = rawDigest([buf]);
  if (isGzip(buf)) buf = gunzipFile(buf);
  // The same decoding as HTTP bodies: a BOM (which JSON.parse rejects) is dropped, a charset honoured.
  const content = buf;
  return {
    digest,
    async parse() {
      // Before the text is decoded (an unchanged file is skipped unparsed first): the bytes are
      // outside the heap, the text and what it parses to are not.
      const refusal = bodyRefusal(told, false)(content);
      if (refusal) throw new ParseError(refusal, null);
      const decoded = decodeBody(content);
      const note = charsetNote(decoded);
      if (note) told.onNote?.(path, note);
      return { papers: parseFileText(decoded.text, path, told), digest, parts: 1 };
    },
  };
}

async function readUnit(unit: SourceUnit, told: FileSourceOptions, signal?: AbortSignal): Promise<FetchedUnit> {
  const path = unit.params.path ?? unit.label;
  const { size, streamable } = await sniff(path);
  if (!streamable) return readWhole(path, told);
  let digest: string;
  try {
    digest = await digestFile(path, size, signal);
  } catch (err) {
    throw unreadable(err);
  }
  return {
    digest,
    async parse() {
      try {
        return { papers: await checkJsonlFile(path, size, digest, mapFileRecord, signal, (reasons) => told.onSkipped?.(path, reasons)), digest, parts: 1 };
      } catch (err) {
        // Legacy charsets (windows-1252 mislabelled as nothing) are rare and small: read whole.
        if (err instanceof NotUtf8Error) return (await readWhole(path, told)).parse();
        throw err;
      }
    },
  };
}

export function createFileSource(opts: FileSourceOptions = {}): PaperSource {
  return {
    name: 'file',
    units(request: SourceRequest): SourceUnit[] {
      return (request.filePaths ?? []).map((path) => ({ label: path, params: { path } }));
    },
    async fetchUnit(unit: SourceUnit, signal?: AbortSignal): Promise<PaperInput[]> {
      const papers: PaperInput[] = [];
      for await (const p of (await (await readUnit(unit, opts, signal)).parse()).papers) papers.push(p);
      return papers;
    },
    fetchRaw: (unit, signal) => readUnit(unit, opts, signal),
  };
}

import type { Paper, PaperInput, SourceName } from './paper.js';
import { arxivAbsUrl, arxivPdfUrl, cleanText, isPdfAddress, MAX_ABSTRACT_CHARS, MAX_AUTHOR_CHARS, MAX_AUTHORS, MAX_TITLE_CHARS } from './normalize.js';

/**
 * Bump when what `mergePaper` / `paperFromInput` make of an input changes, normalisation
 * (normalize.ts) included: the stores remember a hash of the last input merged into each paper
 * (store/upsert-plan.ts) and skip that same input next time, so without a bump a re-ingest
 * would not apply new rules to papers it has seen.
 */
export const MERGE_RULES_VERSION = 6;

/** Sources whose categories are authoritative (arXiv's own listings). */
const ARXIV_SOURCES: ReadonlySet<SourceName> = new Set(['arxiv', 'rss']);

/**
 * Cleaned, bounded items; `unique` drops repeats (categories, keywords), which authors must
 * keep: a large collaboration has two people called Yu Sun.
 */
function cleanList(list: string[] | undefined, maxItems: number, maxChars: number, unique = true): string[] | undefined {
  if (!list) return undefined;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    const c = cleanText(item, maxChars);
    if (c && !(unique && seen.has(c))) out.push(c);
    seen.add(c);
    if (out.length >= maxItems) break;
  }
  return out;
}

/** Normalise a source's input (bounded, printable text) before it meets stored data. */
export function normalizeInput(input: PaperInput): PaperInput {
  const out: PaperInput = {
    ...input,
    title: cleanText(input.title, MAX_TITLE_CHARS),
  };
  if (input.abstract !== undefined) out.abstract = cleanText(input.abstract, MAX_ABSTRACT_CHARS);
  const authors = cleanList(input.authors, MAX_AUTHORS, MAX_AUTHOR_CHARS, false);
  if (authors) out.authors = authors;
  const cats = cleanList(input.categories, 50, 64);
  if (cats) out.categories = cats;
  const kws = cleanList(input.aiKeywords, 100, 100);
  if (kws) out.aiKeywords = kws;
  if (input.aiSummary !== undefined && input.aiSummary !== null) out.aiSummary = cleanText(input.aiSummary, 2_000) || null;
  return out;
}

function pick<T>(incoming: T | undefined, existing: T): T {
  return incoming === undefined ? existing : incoming;
}

/** The larger of two counts, either of which may be unknown. */
function most(incoming: number | null | undefined, existing: number | null): number | null {
  if (incoming === undefined || incoming === null) return existing;
  return existing === null ? incoming : Math.max(incoming, existing);
}

function fill<T>(incoming: T | undefined | null, existing: T | null): T | null {
  return existing !== null && existing !== undefined ? existing : (incoming ?? null);
}

function earliest(a: Date | null | undefined, b: Date | null | undefined): Date | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

/** An address that reads as a web page: http(s), its last path segment with no extension (digits are none: arXiv's 2401.00001) or an HTML one. */
function isPageUrl(u: URL): boolean {
  if (!/^https?:$/.test(u.protocol) || isPdfAddress(u)) return false;
  const ext = /\.([a-z][a-z\d]{0,4})$/i.exec(u.pathname.slice(u.pathname.lastIndexOf('/') + 1))?.[1]?.toLowerCase();
  return ext === undefined || ['html', 'htm', 'xhtml', 'shtml', 'php', 'asp', 'aspx', 'jsp'].includes(ext);
}

const urlOf = (s: string): URL | null => (URL.canParse(s) ? new URL(s) : null);

/**
 * The address a re-seen paper keeps. A stored address stays (another source, another feed's
 * entry for the same link, says nothing better about it), except a PDF, which a page replaces:
 * Atom entries stored before their HTML alternate was shown keep the PDF alternate their id is
 * made from, and a re-read of the feed is what gives their page. Never the other way round.
 */
function keptAbsUrl(existing: string, incoming: string | undefined): string {
  if (!incoming) return existing;
  if (!existing) return incoming;
  const [was, now] = [urlOf(existing), urlOf(incoming)];
  return was && now && isPdfAddress(was) && isPageUrl(now) ? incoming : existing;
}

/** A new paper from its first input. */
export function paperFromInput(raw: PaperInput, now: Date): Paper {
  const input = normalizeInput(raw);
  return {
    arxivId: input.arxivId,
    version: input.mention ? null : (input.version ?? null),
    title: input.title,
    abstract: input.abstract ?? '',
    authors: input.authors ?? [],
    publishedAt: input.publishedAt ?? null,
    announcedAt: input.announcedAt ?? null,
    absUrl: input.absUrl ?? arxivAbsUrl(input.arxivId),
    pdfUrl: input.pdfUrl ?? (input.arxivId.includes(':') ? null : arxivPdfUrl(input.arxivId)),
    categories: input.categories ?? [],
    upvotes: input.upvotes ?? null,
    commentCount: input.commentCount ?? null,
    githubRepo: input.githubRepo ?? null,
    projectPage: input.projectPage ?? null,
    aiSummary: input.aiSummary ?? null,
    aiKeywords: input.aiKeywords ?? [],
    sources: [input.source],
    doi: input.mention ? null : (input.doi ?? null),
    summary: null,
    summarySource: null,
    firstSeenAt: now,
    updatedAt: now,
  };
}

/**
 * Merge one source's view into a stored paper. Rules:
 * - text (title, abstract, authors) follows the newest arXiv version; with equal or unknown
 *   versions the latest input wins, but an empty field never erases a filled one; a mention
 *   (a post linking to the paper) only fills empty fields;
 * - popularity and `ai_*` fields come from Hugging Face; other sources only fill gaps;
 * - categories come from arXiv listings; other sources only fill gaps;
 * - the address is kept once stored, but a page replaces a PDF (keptAbsUrl), which becomes the PDF link;
 * - dates keep the earliest sighting; `sources` is the union;
 * - the DOI is kept once stored, except that arXiv's own record replaces it; mentions give none.
 * Returns the same object identity-free result; compare with `samePaperContent`.
 */
export function mergePaper(existing: Paper, raw: PaperInput, now: Date): Paper {
  const input = normalizeInput(raw);
  // A mention's version is the post's link, not something the paper's own sources said.
  const incomingVersion = input.mention ? 0 : (input.version ?? 0);
  const existingVersion = existing.version ?? 0;
  // A post about the paper only fills what is empty: its title is the post's, its author the blogger.
  const textWins = !input.mention && incomingVersion >= existingVersion;
  const fromHf = input.source === 'hf';
  const fromArxiv = ARXIV_SOURCES.has(input.source);

  const merged: Paper = { ...existing };
  if (textWins) {
    if (input.title) merged.title = input.title;
    if (input.abstract) merged.abstract = input.abstract;
    if (input.authors && input.authors.length > 0) merged.authors = input.authors;
  } else if (input.mention) {
    if (!existing.title && input.title) merged.title = input.title;
    if (!existing.abstract && input.abstract) merged.abstract = input.abstract;
    if (existing.authors.length === 0 && input.authors && input.authors.length > 0) merged.authors = input.authors;
  }
  merged.version = Math.max(existingVersion, incomingVersion) || null;
  merged.publishedAt = earliest(existing.publishedAt, input.publishedAt);
  merged.announcedAt = earliest(existing.announcedAt, input.announcedAt);
  merged.absUrl = keptAbsUrl(existing.absUrl, input.absUrl);
  if (input.pdfUrl && !existing.pdfUrl) merged.pdfUrl = input.pdfUrl;
  // A PDF address a page replaced is still the paper's PDF: nothing a source gave is lost.
  if (merged.absUrl !== existing.absUrl && existing.absUrl && !merged.pdfUrl) merged.pdfUrl = existing.absUrl;

  if (fromArxiv && input.categories && input.categories.length > 0) merged.categories = input.categories;
  else if (existing.categories.length === 0 && input.categories) merged.categories = input.categories;

  if (fromHf) {
    merged.upvotes = pick(input.upvotes, existing.upvotes);
    merged.commentCount = pick(input.commentCount, existing.commentCount);
    merged.githubRepo = pick(input.githubRepo, existing.githubRepo);
    merged.projectPage = pick(input.projectPage, existing.projectPage);
    merged.aiSummary = pick(input.aiSummary, existing.aiSummary);
    merged.aiKeywords = pick(input.aiKeywords, existing.aiKeywords);
  } else if (input.fromHfRecord) {
    // A saved Hugging Face day may be older or cut down: counts only grow, and what it leaves
    // empty keeps what is stored.
    merged.upvotes = most(input.upvotes, existing.upvotes);
    merged.commentCount = most(input.commentCount, existing.commentCount);
    merged.githubRepo = input.githubRepo || existing.githubRepo;
    merged.projectPage = input.projectPage || existing.projectPage;
    merged.aiSummary = input.aiSummary || existing.aiSummary;
    if (input.aiKeywords?.length) merged.aiKeywords = input.aiKeywords;
  } else {
    merged.upvotes = fill(input.upvotes, existing.upvotes);
    merged.commentCount = fill(input.commentCount, existing.commentCount);
    merged.githubRepo = fill(input.githubRepo, existing.githubRepo);
    merged.projectPage = fill(input.projectPage, existing.projectPage);
    merged.aiSummary = fill(input.aiSummary, existing.aiSummary);
    if (existing.aiKeywords.length === 0 && input.aiKeywords) merged.aiKeywords = input.aiKeywords;
  }
  // A DOI, once stored, is the alias its paper is found by: only the paper's arXiv record (the
  // published version's DOI, given or corrected later) replaces it; a mention never says it.
  if (input.doi && !input.mention && (fromArxiv || !existing.doi)) merged.doi = input.doi;
  if (!existing.sources.includes(input.source)) merged.sources = [...existing.sources, input.source].sort();
  merged.updatedAt = samePaperContent(existing, merged) ? existing.updatedAt : now;
  return merged;
}

function sameDate(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** True when nothing a user could see changed (timestamps of our own bookkeeping aside). */
export function samePaperContent(a: Paper, b: Paper): boolean {
  return (
    a.arxivId === b.arxivId &&
    a.version === b.version &&
    a.title === b.title &&
    a.abstract === b.abstract &&
    sameList(a.authors, b.authors) &&
    sameDate(a.publishedAt, b.publishedAt) &&
    sameDate(a.announcedAt, b.announcedAt) &&
    a.absUrl === b.absUrl &&
    a.pdfUrl === b.pdfUrl &&
    sameList(a.categories, b.categories) &&
    a.upvotes === b.upvotes &&
    a.commentCount === b.commentCount &&
    a.githubRepo === b.githubRepo &&
    a.projectPage === b.projectPage &&
    a.aiSummary === b.aiSummary &&
    sameList(a.aiKeywords, b.aiKeywords) &&
    sameList(a.sources, b.sources) &&
    a.doi === b.doi &&
    a.summary === b.summary &&
    a.summarySource === b.summarySource
  );
}

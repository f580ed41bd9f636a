/**
 * arXiv's daily listings, in either form rss.arxiv.org serves (RSS 2.0 at `/rss/<cats>`, Atom at
 * `/atom/<cats>`), recognised by their content whichever command brought them: `new` and `cross`
 * announcements become papers, `replace`/`replace-cross` only update papers we already have.
 */
import type { PaperInput, SourceName } from '../core/papers/paper.js';
import { normalizeInput } from '../core/papers/merge.js';
import { arxivAbsUrl, parseArxivId } from '../core/papers/normalize.js';
import { splitNameList } from './authors.js';
import type { FeedEntry } from './feed-entry.js';
import { fieldName, idField, written } from './feed-fields.js';
import { feedDate } from './feed-date.js';
import { holdsClosingMarkup, htmlToText } from './html-text.js';
import { checkArxivCategory } from '../core/papers/arxiv-categories.js';

export type AnnounceType = 'new' | 'cross' | 'replace' | 'replace-cross';
const ANNOUNCE_TYPES: ReadonlySet<string> = new Set<AnnounceType>(['new', 'cross', 'replace', 'replace-cross']);

const PREAMBLE = /^\s*arXiv:\S+\s+Announce Type:\s*([\w-]+)\s*(?:Abstract:\s*)?/i;

/**
 * The listings arXiv served before 2024 (RSS 1.0) put the id, the primary category and the kind of
 * announcement at the end of each title: "Attention Is All You Need. (arXiv:1706.03762v5 [cs.CL]
 * UPDATED)". Archived copies of them are still ingested as saved feeds.
 */
const OLD_TITLE_TAIL = /\.?\s*\(arXiv:(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)\s+\[([^\]]+)\](?:\s+(UPDATED|CROSS LISTED))?\)\s*$/i;

/** The abstract without the "arXiv:… Announce Type: … Abstract:" preamble. */
export function stripAnnouncePrefix(summary: string): string {
  return summary.replace(PREAMBLE, '');
}

/**
 * `dc:creator` in a listing is one comma-joined string of every author. The listings served
 * before 2024 linked each name to an author search, escaped (`&lt;a href="…/find/cs/1/au:+Doe_J/…"&gt;Jane Doe&lt;/a&gt;, …`):
 * the names are the text.
 */
export function splitCreators(creators: string[]): string[] {
  return creators.flatMap((c) => splitNameList(c.includes('<') ? htmlToText(c) : c));
}

/**
 * Is this document an arXiv listing? Its entries carry `arxiv:announce_type`, OAI ids
 * (`oai:arXiv.org:2508.13426v1`) or the "arXiv:… Announce Type:" preamble; a blog that links
 * to arXiv papers has none of them.
 */
export function isArxivListing(entries: FeedEntry[]): boolean {
  return entries.some(isListingEntry);
}

/** One entry of a listing: a planet feed can mix a listing's entry with blog posts. */
export function isListingEntry(e: FeedEntry): boolean {
  return e.announceType !== '' || /^oai:arXiv\.org:/i.test(e.id) || PREAMBLE.test(e.description) || OLD_TITLE_TAIL.test(e.title);
}

/** Listings write plain text; a field holding a document's markup (an older listing's `<p>`) is read as HTML. */
function asWritten(plain: string, read: string): string {
  return plain && !holdsClosingMarkup(plain) ? plain : read;
}

export type ListingOutcome = { kind: 'paper'; input: PaperInput } | { kind: 'dropped'; reason: string };

export function mapListingEntry(entry: FeedEntry, source: SourceName): ListingOutcome {
  const parsed = parseArxivId(entry.id) ?? parseArxivId(entry.link);
  if (!parsed) {
    const [field, value] = entry.id ? [idField(entry.format), entry.id] : [entry.linkFrom, entry.rawLink];
    const what = value ? `its ${written(entry.format, field, value)} is not an arXiv id` : `no ${fieldName(entry.format, idField(entry.format))} and no ${fieldName(entry.format, entry.format === 'json' ? 'url' : 'link')}`;
    return { kind: 'dropped', reason: `entry ${entry.position}: ${what}` };
  }
  const fromPreamble = PREAMBLE.exec(entry.description)?.[1]?.toLowerCase() ?? '';
  const tail = OLD_TITLE_TAIL.exec(entry.title);
  const fromTitle = tail?.[3] ? (/^updated$/i.test(tail[3]) ? 'replace' : 'cross') : '';
  const declared = (entry.announceType || fromPreamble || fromTitle || 'new').toLowerCase();
  const type: AnnounceType = ANNOUNCE_TYPES.has(declared) ? (declared as AnnounceType) : 'new';
  const announced = feedDate(entry.date);
  const input: PaperInput = {
    arxivId: parsed.id,
    source,
    version: parsed.version ?? (tail ? (parseArxivId(tail[1]!)?.version ?? null) : null),
    title: asWritten(entry.asWritten.title, entry.title).replace(OLD_TITLE_TAIL, ''),
    abstract: stripAnnouncePrefix(asWritten(entry.asWritten.description, entry.description)),
    authors: splitCreators(entry.creators.length ? entry.creators : entry.authors),
    announcedAt: announced,
    absUrl: arxivAbsUrl(parsed.id),
    categories: entry.categories.length ? entry.categories : (tail?.[2]?.split(/\s+/).filter((c) => checkArxivCategory(c).ok) ?? []),
  };
  // For a first announcement the listing date is the best publication date we have.
  if (type === 'new') input.publishedAt = announced;
  if (type === 'replace' || type === 'replace-cross') input.updateOnly = true;
  const clean = normalizeInput(input);
  if (!clean.title) return { kind: 'dropped', reason: `entry ${entry.position} (${parsed.id}): no ${fieldName(entry.format, 'title')}` };
  return { kind: 'paper', input: clean };
}

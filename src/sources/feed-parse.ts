/**
 * A feed body to papers, whichever command brought it: arXiv listings (either form) are
 * recognised by their content and mapped as announcements; any other feed's entries link to
 * arXiv (and get the arXiv id, so they merge with the same paper from other sources) or get
 * `feed:<sha1(link)>`. Every entry that cannot be used is counted with its reason.
 */
import { createHash } from 'node:crypto';
import type { PaperInput, SourceName } from '../core/papers/paper.js';
import { arxivAbsUrl, cleanText, parseArxivId } from '../core/papers/normalize.js';
import { truncateAtWord } from '../core/truncate.js';
import { normalizeInput } from '../core/papers/merge.js';
import { IncompleteUnitError, ParseError } from '../net/errors.js';
import type { TextResponse } from '../net/http.js';
import { isArxivListing, isListingEntry, mapListingEntry, type ListingOutcome } from './arxiv-listing.js';
import { entryDate } from './feed-date.js';
import type { FeedEntry } from './feed-entry.js';
import { readFeedDocument } from './feed-read.js';
import { fieldName, idField, NO_TEXT, written } from './feed-fields.js';
import { entryText } from './feed-header.js';
import { MAX_URL_CHARS, safeHttpUrl } from './safe-url.js';
import { doiFromAddress } from '../core/papers/doi.js';
import { escapeRegExp } from '../core/regexp.js';
import { thousands } from '../core/count.js';
import { oncePerId } from './repeated-entries.js';
import { overrideNote } from '../net/charset.js';

export function feedItemId(link: string): string {
  return `feed:${createHash('sha1').update(link).digest('hex')}`;
}

/**
 * PubMed's and PMC's article links as their feeds write them, up to the query:
 * `https://pubmed.ncbi.nlm.nih.gov/38123456/?utm_source=…&fc=…&ff=20240105021301&v=2.18.0…`.
 * The query names the fetch, not the article: `ff` (when the feed was made again) and `v`
 * (PubMed's version) change from one fetch to the next, so each article got a new link and a new
 * id, and was stored and posted again. The address is the path alone.
 */
const NCBI_ARTICLE = /^https?:\/\/(?:pubmed\.ncbi\.nlm\.nih\.gov\/\d+\/?|(?:www\.ncbi\.nlm\.nih\.gov\/pmc|pmc\.ncbi\.nlm\.nih\.gov)\/articles\/PMC\d+\/?)(?=[?#])/i;

/** A feed link without what changes between fetches of the same article (NCBI_ARTICLE); any other link as it is. */
function stableLink(link: string): string {
  return NCBI_ARTICLE.exec(link.trim())?.[0] ?? link;
}

/**
 * An arXiv id from a guid: one that says arXiv ('oai:arXiv.org:…', 'arXiv:…'), or a bare
 * new-style id with a real month ('2401.12345v2'). An old-style shape alone ('news/1234567') or
 * a blog's numbering ('2024.00042') is not one.
 */
function guidArxivId(guid: string): ReturnType<typeof parseArxivId> {
  const parsed = parseArxivId(guid);
  if (!parsed) return null;
  if (/arxiv/i.test(guid)) return parsed;
  // Bare: only a real new-style id (a month 01-12; five digits from 1501 on) — '2024.00042' is a blog's.
  const m = /^(\d{2})(\d{2})\.(\d{4,5})$/.exec(parsed.id);
  if (!m) return null;
  const month = Number(m[2]);
  const fiveDigits = Number(`${m[1]}${m[2]}`) >= 1501;
  return month >= 1 && month <= 12 && m[3]!.length === (fiveDigits ? 5 : 4) ? parsed : null;
}

/** Longest title made from a description when an entry has none (microblog and podcast feeds). */
const DERIVED_TITLE_CHARS = 120;

function titleFrom(description: string): string {
  const s = cleanText(description);
  const sentence = /^(.{20,}?[.!?])(?:\s|$)/.exec(s)?.[1];
  if (sentence && sentence.length <= DERIVED_TITLE_CHARS) return sentence;
  return truncateAtWord(s, DERIVED_TITLE_CHARS);
}

/**
 * ACS's "[ASAP]" (As Soon As Publishable) before a title: the article is online before its
 * issue, a state and no part of the title. Kept, it stood first in every digest line and in
 * the words a topic is matched against, until (if ever) the issue's feed gave the title bare.
 */
const STATUS_PREFIX = /^\[ASAP\]\s*/i;

/** The words of Yoast SEO's default line after every post ("The post X appeared first on Y."), in English and German. */
const FOOTER = [
  ['The post', 'appeared first on'],
  ['Der Beitrag', 'erschien zuerst auf'],
] as const;

/**
 * The text without the line a blog platform ends every post with when it names the post's own
 * title (Yoast SEO, on millions of WordPress sites: "The post <title> appeared first on <site>."):
 * left in, the digest's summary of a short post was mostly that line.
 */
function withoutFooter(text: string, title: string): string {
  const words = cleanText(title).split(' ').filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return text;
  for (const [before, after] of FOOTER) {
    const footer = new RegExp(`(?:^|\\s)${before}\\s+${words.join('\\s+')}\\s+${after}\\s.{1,200}$`, 'u');
    const m = footer.exec(text);
    if (m) return text.slice(0, m.index).trim();
  }
  return text;
}

const quoted = (s: string) => `"${cleanText(s, 80)}"`;

/** Addresses written in text or HTML (an href's value, a bare link), without the punctuation a sentence puts after one. */
const ADDRESS_IN_TEXT = /https?:\/\/[^\s"'<>]+/gi;

/**
 * The arXiv papers an entry's text links to (its description as written, then the elements
 * after it: content:encoded, a JSON Feed's content_html), read as parseArxivId reads any
 * address, each once. One is the paper an entry with no address of its own is about
 * (newsletters and podcast feeds announcing a paper); several (a digest) are none of them.
 */
function arxivIdsInText(entry: FeedEntry): NonNullable<ReturnType<typeof parseArxivId>>[] {
  const texts = [entry.asWritten.description, ...(entry.laterDescriptions?.() ?? []).map((t) => t.written)];
  const found = new Map<string, NonNullable<ReturnType<typeof parseArxivId>>>();
  for (const text of texts) {
    for (const [address] of text.matchAll(ADDRESS_IN_TEXT)) {
      const parsed = parseArxivId(address.replace(/&amp;/g, '&').replace(/[.,;:!?)\]}]+$/, ''));
      if (parsed && !found.has(parsed.id)) found.set(parsed.id, parsed);
    }
  }
  return [...found.values()];
}

/** Why an entry with no link at all has no address: what its id is, in its form's words. */
function noLinkReason(entry: FeedEntry): string {
  const id = entry.id.trim();
  if (entry.format === 'json') {
    if (!id) return entry.blankLink ? `${entry.blankLink}, and there is no "id"` : 'no "url", "external_url" or "id"';
    return `${entry.blankLink || 'no "url" or "external_url"'}, and its ${written('json', 'id', id)} is neither an address nor an arXiv id`;
  }
  const link = entry.format === 'rdf' ? '<link> or rdf:about' : '<link>';
  const noLink = entry.blankLink || `no ${link}`;
  if (!id) return entry.blankLink ? `${noLink}, and there is no ${fieldName(entry.format, idField(entry.format))}` : `${noLink} and no ${fieldName(entry.format, idField(entry.format))}`;
  if (entry.guidNotPermaLink) return `${noLink}, and its <guid> is marked isPermaLink="false" (it is no address) and is no arXiv id`;
  return `${noLink}, and its ${written(entry.format, idField(entry.format), id)} is neither an address nor an arXiv id`;
}

/**
 * Map one entry of an ordinary feed. `pages`: addresses that are pages, not items (the feed's
 * own site; see pageAddresses). An entry that links to one (feeds made from one web page give
 * every item the page's address) is told apart by its guid; the id of any other entry is its
 * link's alone, so it does not change with the rest of the feed.
 */
export function mapFeedEntry(entry: FeedEntry, source: SourceName = 'feed', pages: ReadonlySet<string> = new Set()): ListingOutcome {
  const which = `entry ${entry.position}${entry.title ? ` ${quoted(entry.title)}` : ''}`;
  // FeedBurner's origLink is the address people should open and says which arXiv paper a post
  // is; the id stays the <link>'s, as it was for the posts stored before origLink was read.
  const link = safeHttpUrl(stableLink(entry.link)) ?? safeHttpUrl(entry.origLink);
  const own = parseArxivId(entry.origLink) ?? parseArxivId(entry.link) ?? guidArxivId(entry.id);
  const inText = own === null && link === null ? arxivIdsInText(entry) : [];
  const arxiv = own ?? (inText.length === 1 ? inText[0]! : null);
  // An Atom entry's page is shown where its id's link is not the page (a PDF alternate before
  // the HTML one); the id stays that link's, as it was for the entries stored before.
  const address = safeHttpUrl(entry.origLink) ?? (link !== null ? (safeHttpUrl(entry.page) ?? link) : null);
  if (!arxiv && !link) {
    const reason = !entry.rawLink
      ? noLinkReason(entry)
      : entry.link.trim().length > MAX_URL_CHARS
        ? `${fieldName(entry.format, entry.linkFrom)} is longer than ${thousands(MAX_URL_CHARS)} characters`
        : /^[a-z][a-z\d+.-]*:/i.test(entry.link)
        ? `${written(entry.format, entry.linkFrom, entry.rawLink)} is not an http(s) address`
        : `${written(entry.format, entry.linkFrom, entry.rawLink)} is relative, and there is no feed address to resolve it against`;
    // A digest's papers were found and left out, which the field it lacks alone does not say.
    const digest = inText.length > 1 ? `links ${thousands(inText.length)} arXiv papers, not one: left out; ` : '';
    return { kind: 'dropped', reason: `${which}: ${digest}${reason}` };
  }
  // The metadata lines a description starts with (labelled authors and date, a citation) are no
  // part of the abstract; the authors and date stand in for elements the feed left out
  // (ScienceDirect's items are nothing else). See feed-header.ts.
  const { header, abstract } = entryText(entry);
  const description = withoutFooter(abstract, entry.title);
  const title = cleanText(entry.title).replace(STATUS_PREFIX, '') || titleFrom(description);
  if (!title) return { kind: 'dropped', reason: `${which}: ${NO_TEXT[entry.format]}` };
  const input: PaperInput = {
    arxivId: arxiv ? arxiv.id : feedItemId(entry.id && pages.has(bareAddress(link!)) ? `${link!}#${entry.id}` : link!),
    source,
    // A mention does not say the paper's version (below); other entries have none.
    version: null,
    title,
    abstract: description,
    authors: entry.authors.length > 0 ? entry.authors : (header?.authors ?? []),
    publishedAt: entryDate(entry.date) ?? (header?.date ? entryDate(header.date) : undefined),
    absUrl: arxiv ? arxivAbsUrl(arxiv.id) : address!,
  };
  if (arxiv) {
    // A post linking to an arXiv paper speaks about it: its words only fill gaps (merge.ts);
    // its tags ('Newsletter') are not the paper's arXiv categories, and the version it links
    // to is not one the paper's own sources have seen.
    input.mention = true;
  } else {
    // The page stays the address; a PDF it offers beside it is the paper's PDF, as arXiv's is.
    const pdf = safeHttpUrl(entry.pdf ?? '');
    input.pdfUrl = pdf && pdf !== input.absUrl ? pdf : null;
    input.categories = entry.categories;
    // The DOI its metadata states, else the one its address is (ACS links dx.doi.org): an alias
    // the store matches a stored paper by (store/doi-alias.ts); the id is still the link's.
    const doi = entry.doi || doiFromAddress(entry.origLink) || doiFromAddress(entry.link) || doiFromAddress(entry.page);
    if (doi) input.doi = doi;
  }
  return { kind: 'paper', input: normalizeInput(input) };
}

export interface FeedPapers {
  papers: PaperInput[];
  /** One line per entry that could not be used, saying which and why. */
  dropped: string[];
  /** Entries in the document. */
  entries: number;
  /** Whether the document was an arXiv listing. */
  listing: boolean;
  /**
   * Said of a document read in spite of its XML, cut short after its last whole entry ("the
   * file is cut short after entry 4 (…)"); null when it was whole. Not an entry left out: the
   * entries lost after the cut cannot be counted.
   */
  cutNote: string | null;
}

/** Plain words for a feed kept up to its last whole entry, the `entries`th. */
export function cutShortNote(what: 'file' | 'feed', entries: number): string {
  const read = entries === 1 ? 'that entry was' : `entries 1 to ${thousands(entries)} were`;
  return `the ${what} is cut short after entry ${thousands(entries)} (${read} read; nothing after could be)`;
}

/** Decode a feed body into papers and the reasons for the entries left out. */
export function parseFeedPapers(body: string, url: string | null, contentType: string, source: SourceName): FeedPapers {
  const doc = readFeedDocument(body, url, contentType);
  const listing = isArxivListing(doc.entries);
  const papers: PaperInput[] = [];
  const dropped: string[] = [];
  const pages = pageAddresses(doc.entries, doc.home);
  for (const entry of doc.entries) {
    const out = isListingEntry(entry) ? mapListingEntry(entry, source) : mapFeedEntry(entry, source, pages);
    if (out.kind === 'paper') papers.push(out.input);
    else dropped.push(out.reason);
  }
  const cutNote = doc.repaired ? cutShortNote(source === 'file' ? 'file' : 'feed', doc.entries.length) : null;
  return { papers: oncePerId(papers), dropped, entries: doc.entries.length, listing, cutNote };
}

/** A page's address whatever the scheme, a leading www. or a trailing slash says (an anchor is a page of its own). */
const bareAddress = (u: string) => u.replace(/^https?:\/\/(?:www\.)?/i, '').replace(/\/+(?=$|[?#])/, '').toLowerCase();

/**
 * Addresses that are pages rather than items: the feed's own site, and a link that at least
 * half the entries (three or more, with guids of their own) share, as feeds made from one web
 * page give every item when they have no site link either. Two posts that link the same
 * article are about one thing and stay one; a link most of the feed shares is no item's own.
 * The count is of this fetch, so an id can change when a feed crosses it (a page-made feed
 * growing from two items to three; three of a short feed's posts linking one article):
 * MIN_PAGE_SHARERS keeps that to feeds that are pages in all but name.
 */
const MIN_PAGE_SHARERS = 3;

/** The pages, as bare addresses (bareAddress). */
function pageAddresses(entries: readonly FeedEntry[], home: string | null): Set<string> {
  const guids = new Map<string, Set<string>>();
  for (const e of entries) {
    const link = e.id && safeHttpUrl(e.link);
    if (!link) continue;
    const key = bareAddress(link);
    const set = guids.get(key) ?? new Set<string>();
    guids.set(key, set.add(e.id));
  }
  const pages = new Set([...guids].filter(([, ids]) => ids.size >= MIN_PAGE_SHARERS && ids.size * 2 >= entries.length).map(([key]) => key));
  if (home !== null) pages.add(bareAddress(home));
  return pages;
}

/** Most reasons a message quotes; the rest are counted. */
const QUOTED_REASONS = 3;

/**
 * A feed with entries none of which could be used is a failure of that feed, not "nothing
 * changed". `url`: where it came from, for a message whose unit does not already name it.
 */
export function assertSomethingUsable(result: FeedPapers, url: string | null): void {
  if (result.entries === 0 || result.papers.length > 0) return;
  const more = result.dropped.length > QUOTED_REASONS ? `; and ${result.dropped.length - QUOTED_REASONS} more` : '';
  throw new ParseError(`none of its ${result.entries} entries could be used: ${result.dropped.slice(0, QUOTED_REASONS).join('; ')}${more}`, url);
}

/**
 * The papers of a fetched feed (`--source feed`, `rss`), its left-out entries told to
 * `onSkipped`. A body whose connection still dropped after the last retry (`res.cutShort`) is
 * read as a saved feed cut short is: its whole entries are kept, as an IncompleteUnitError the
 * ingest job writes and then counts as cut short; with no whole entry, the network error is the reason.
 */
export function fetchedFeedPapers(
  res: TextResponse,
  opts: { source: SourceName; requested: string; messageUrl: string | null; onSkipped: (reasons: string[]) => void; onNote?: (note: string) => void },
): PaperInput[] {
  const { onSkipped } = opts;
  let result: FeedPapers;
  try {
    // Relative links are relative to where the body came from, after redirects.
    result = parseFeedPapers(res.text, res.url || opts.requested, res.contentType, opts.source);
  } catch (err) {
    throw res.cutShort ?? err;
  }
  if (res.cutShort) {
    if (result.papers.length === 0) throw res.cutShort;
    // The failure says the feed was cut: cutNote would say it twice.
    if (result.dropped.length > 0) onSkipped(result.dropped);
    const whole = `${thousands(result.papers.length)} whole ${result.papers.length === 1 ? 'entry' : 'entries'}`;
    throw new IncompleteUnitError(`cut short: the ${whole} that arrived were kept (run again for the rest); ${res.cutShort.message}`, null, result.papers);
  }
  assertSomethingUsable(result, opts.messageUrl);
  if (result.dropped.length > 0) onSkipped(result.dropped);
  if (result.cutNote) opts.onNote?.(result.cutNote);
  // Text read in another charset than the one named may still be wrong somewhere: said, not silent.
  if (res.charsetOverride) opts.onNote?.(overrideNote(res.charsetOverride.named, res.charsetOverride.read));
  return result.papers;
}

/**
 * The entries every feed form is read into (RSS and Atom in feed-read.ts, JSON Feed in
 * json-feed.ts) and the document that holds them: what the mapping to papers (feed-parse.ts,
 * arxiv-listing.ts) and its messages (feed-fields.ts, feed-header.ts) read.
 */

export interface FeedEntry {
  /** 1-based position in the document, for messages. */
  position: number;
  title: string;
  /** Summary/description as clean text (content when there is no summary). */
  description: string;
  /**
   * Title and description as written, unescaped once and nothing guessed: arXiv listings write
   * plain text, where "the <s> token" is text, not a tag to strip.
   */
  asWritten: { title: string; description: string };
  /**
   * The elements after the one `description` was read from that say something too (dc:description,
   * content:encoded …), read only when asked: the first can be only metadata (Wiley's
   * "Angewandte Chemie International Edition, EarlyView.") where a later one holds the abstract.
   */
  laterDescriptions?: () => ReadText[];
  /** The entry's link resolved against xml:base and the feed's address; '' when it has none. */
  link: string;
  /** The link as written, for messages. */
  rawLink: string;
  /** Which of the entry's fields `rawLink` was read from, named as its form names it (drop reasons); '' when it has none. */
  linkFrom: LinkField | '';
  /** The entry has link elements, but none points anywhere: why, as a drop reason says it (feed-links.ts blankLink). */
  blankLink?: string;
  /** RSS: the guid says isPermaLink="false", so it is no address whatever it looks like (drop reasons). */
  guidNotPermaLink?: true;
  /**
   * Atom: the entry's page, resolved, when it is not `link` ('' when it is): `link` keeps the
   * choice ids were made from (an alternate PDF before the HTML page, a self link before a
   * related one), this is the address to show.
   */
  page: string;
  /**
   * FeedBurner's `feedburner:origLink` (absolute http(s) only), '' without one: the item's own
   * address, where `link` is FeedBurner's redirect to it. In a JSON Feed, the `external_url`
   * beside a `url` when it is an arXiv paper's: the paper the post speaks of.
   */
  origLink: string;
  /**
   * The entry's PDF, resolved ('' without one): an Atom link or RSS enclosure typed
   * application/pdf (or untyped, ending in .pdf), a JSON Feed attachment of that type. Shown
   * beside the page as arXiv papers' PDFs are; never the address ids are made from.
   */
  pdf?: string;
  /** `<guid>` / `<id>`, as written. */
  id: string;
  /**
   * The DOI the entry's metadata states (`prism:doi`, else a `dc:identifier` that is one),
   * normalised (core/papers/doi.ts); '' or absent without one. A doi.org link is read in feed-parse.ts.
   */
  doi?: string;
  /** People, one per name, split the way the format means them. */
  authors: string[];
  /** `dc:creator` values as written (arXiv listings join every author into one). */
  creators: string[];
  /** Category terms (Atom `term`, RSS text). */
  categories: string[];
  date: string;
  /** arXiv listings: `arxiv:announce_type` (new, cross, replace, replace-cross). */
  announceType: string;
  /** The form the entry was written in: a message about it names that form's own fields. */
  format: FeedDocument['format'];
}

/**
 * Where a link was read from: RSS `<link>` text, an `<atom:link href>`, RDF's `rdf:about`, a
 * permalink `<guid>`, an `<enclosure url>` or `<media:content url>` (the best, feed-links.ts bestFile); Atom `<link href>` (or its text, Atom 0.3), an `<id>`
 * that is an address, a `<media:content url>`; JSON Feed `url`, `external_url`, an `id` that is an address, the best `attachments[]` url.
 */
export type LinkField = 'link' | 'link href' | 'atom:link href' | 'rdf:about' | 'guid' | 'enclosure url' | 'media:content url' | 'id' | 'url' | 'external_url' | 'attachments url';

export interface FeedDocument {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  entries: FeedEntry[];
  /** The site the feed belongs to (its channel link / alternate link / home_page_url), absolute; null when it names none. */
  home: string | null;
  /** What was lost from a feed read anyway (cut short after its last whole entry): said as a note on the unit, not as an entry left out. */
  repaired?: true;
}

/** An element's text, as clean text and as written. */
export interface ReadText {
  read: string;
  written: string;
}

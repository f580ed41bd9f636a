/** What the papers module needs from outside: the paper and ingest-run stores, and paper sources. */
import type { Paper, PaperInput, SourceName } from './paper.js';

export interface PaperListQuery {
  /** Papers first seen (or published, when `field` says so) at or after this instant. */
  since?: Date;
  limit?: number;
  /** Sort order by paperDate (published, else first stored), then firstSeenAt; default newest first. */
  order?: 'newest' | 'oldest';
  /** Only papers whose stored summary came from this source (fallbacks to ask again for). */
  summarySource?: string;
}

/** A half-open window of first-seen instants. */
export interface SeenWindow {
  since: Date;
  before: Date;
}

export interface UpsertResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** `updateOnly` inputs whose paper we do not have. */
  skipped: string[];
}

export interface PaperStore {
  /** Papers by id; missing ids are absent from the map. */
  getMany(ids: readonly string[]): Promise<Map<string, Paper>>;
  get(id: string): Promise<Paper | null>;
  /**
   * Merge inputs into stored papers (see core/papers/merge.ts) and write only what
   * changed, set-based, in one transaction per call: all of the batch or none.
   */
  upsertMany(inputs: readonly PaperInput[], now: Date): Promise<UpsertResult>;
  list(query: PaperListQuery): Promise<Paper[]>;
  /** Streams every paper in pages (index builds); order by arxivId. */
  iterate(pageSize?: number): AsyncIterable<Paper[]>;
  /**
   * Papers first seen in [since, before), in pages ordered by firstSeenAt then arxivId: a
   * window of any size (a digest after a backfill) costs one page of memory at a time.
   */
  iterateSeen(window: SeenWindow, pageSize?: number): AsyncIterable<Paper[]>;
  /**
   * Papers updated strictly after `after` (every paper without it), in pages ordered by
   * updatedAt then arxivId: the search index catches up after a backfill a page at a time.
   */
  iterateUpdated(after: Date | undefined, pageSize?: number): AsyncIterable<Paper[]>;
  /**
   * Every stored paper, or those first seen in `window` (as iterateSeen pages them): how many
   * a digest window holds, to tell a person how far matching it has got.
   */
  count(window?: SeenWindow): Promise<number>;
  /**
   * Store a computed summary once; returns false if one was already there. With `replacing`, a
   * stored summary whose source is that one is replaced too (a fallback kept until a better one).
   */
  setSummary(id: string, summary: string, source: string, replacing?: string): Promise<boolean>;
}

/** 'abandoned': it was running when its process stopped (killed, out of memory) and never recorded an end. */
export type IngestStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'abandoned';

export interface IngestRun {
  id: string;
  source: SourceName;
  /** Human description of the window: '2026-11-27', '2026-11-01..2026-11-27', a feed URL. */
  window: string;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  status: IngestStatus;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** Units that succeeded in this run, by label (recorded by `finish`). */
  unitDigests?: Record<string, UnitDigest> | null;
  /** Abandoned runs: when its process last renewed the run's lease (its start when that is not known). */
  lastSeenAt?: Date | null;
}

/** What a later run needs to skip an identical unit without reading it. */
export interface UnitDigest {
  /** FetchedUnit.digest of the input merged. */
  d: string;
  /** Papers the unit held, reported as unchanged when it is skipped. */
  n: number;
  /** Inputs the store skipped (updates for papers it does not have), reported again as such. */
  s: number;
  /** FetchedUnit.parts of that input. */
  p?: number;
}

/**
 * Longer than a run should take (the longest backfills take hours, not days): a run without a
 * lease (started by a version before run leases) still "running" past this has stopped.
 */
export const UNFINISHED_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * A running run holds the lease `ingest-run:<id>` (RunLease), renewed by its process every
 * INGEST_RUN_RENEW_MS until it finishes: a run whose lease lapsed lost its process (kill -9, out
 * of memory, power loss) and is abandoned. Lease times are wall-clock times, whatever clock the
 * run's own times come from.
 */
export const INGEST_RUN_LEASE_MS = 60_000;
export const INGEST_RUN_RENEW_MS = 20_000;
export const ingestRunLeaseKey = (runId: string) => `ingest-run:${runId}`;

/**
 * The error recorded on an abandoned run: its process was killed (out of memory, the machine
 * stopped), or could not record the end (the database refused the write). Short enough for a
 * digest's note.
 */
export const abandonedRunError = (holder: string | null, lastSeenAt: Date) =>
  `abandoned: no end recorded and its process${holder ? ` (${holder})` : ''} stopped renewing it; last seen ${lastSeenAt.toISOString()}`;

export interface IngestRunStore {
  /**
   * Records a running run, leased to this process (renew with `heartbeat`); runs whose process
   * is gone are recorded as abandoned first (closeAbandoned).
   */
  start(source: SourceName, window: string, now: Date): Promise<IngestRun>;
  /** Renews the run's lease: its process is alive. */
  heartbeat?(run: IngestRun): Promise<void>;
  /** Records the run's end and gives its lease up. */
  finish(run: IngestRun): Promise<void>;
  /**
   * Records every running run whose lease lapsed, or whose holder is known dead (a process of
   * this host that is gone), as abandoned (abandonedRunError), and drops those leases; a run
   * whose process lives is left alone. Returns how many.
   */
  closeAbandoned?(): Promise<number>;
  /**
   * Newest first; only `source`'s runs when it is given (health judges each scheduled source by
   * its own). A running run whose lease lapsed, or whose holder is known dead, reads as
   * abandoned, with `lastSeenAt`.
   */
  latest(limit?: number, source?: SourceName): Promise<IngestRun[]>;
  /**
   * Unit digests from finished runs of `source` after which no paper was written (Paper.updatedAt
   * no later than the run's finishedAt), newest run first per label: input identical to one of
   * these would merge to what is stored already. A store that cannot tell returns none.
   */
  settledUnits(source: SourceName): Promise<Map<string, UnitDigest>>;
}

/** One independently fetchable piece of a request: a day, a feed, a file, a query page. */
export interface SourceUnit {
  /** Human label for logs and failure lines: '2026-11-27', 'https://…/atom/cs.CL'. */
  label: string;
  /** Opaque to the ingest job. */
  params: Record<string, string>;
}

export interface SourceRequest {
  /** Inclusive date range, YYYY-MM-DD (UTC). */
  from: string;
  to: string;
  categories?: string[];
  feedUrl?: string;
  /** Local files, each a unit of its own (`paperboy ingest a.jsonl b.jsonl`). */
  filePaths?: string[];
}

export interface PaperSource {
  readonly name: SourceName;
  /** Split a request into units; one failed unit must not lose the others. */
  units(request: SourceRequest): SourceUnit[];
  /** Fetch and map one unit. Throws SourceError on bad input/HTTP failure. */
  fetchUnit(unit: SourceUnit, signal?: AbortSignal): Promise<PaperInput[]>;
  /**
   * Fetch one unit without mapping it, so an unchanged unit costs only its download. Sources
   * without it are always mapped and merged paper by paper. `known` is as for fetchUnitIfModified,
   * and the validators of a whole read come back with its parsed papers.
   */
  fetchRaw?(unit: SourceUnit, signal?: AbortSignal, parts?: number): Promise<FetchedUnit>;
  fetchRaw?(unit: SourceUnit, signal: AbortSignal | undefined, parts: number | undefined, known: UnitValidators | null): Promise<FetchedUnit | NotModified>;
  /**
   * Fetch and map one unit as fetchUnit does, sending `known` (the validators of its last read
   * that was written whole) so the server may answer that nothing changed (HTTP conditional GET,
   * RFC 9110 §13). Sources without it are fetched whole every run.
   */
  fetchUnitIfModified?(unit: SourceUnit, known: UnitValidators | null, signal?: AbortSignal): Promise<ConditionalUnit>;
}

/** One page's HTTP validators (ETag, Last-Modified) and the address that gave them, after redirects. */
export interface PageValidators {
  etag?: string;
  lastModified?: string;
  url: string;
}

/**
 * A unit's validators: each of its pages', in order (a feed has one page; a Hugging Face day or an
 * arXiv API query as many as were read). A paged unit is unchanged only when every page is.
 */
export interface UnitValidators {
  pages: PageValidators[];
  /**
   * The web page the unit's address is, when its one page is a feed that page names (feed
   * autodiscovery): the page is asked whole each run, and these validators are the feed's.
   */
  foundOn?: string;
}

/** The server's word that nothing of a unit changed since the validators sent. */
export type NotModified = { notModified: true };

/**
 * What a conditional fetch brought: the papers, with the validators to keep once they are written
 * whole (null when a response had none, or was cut short), or the server's word that nothing changed.
 */
export type ConditionalUnit = { notModified: false; papers: PaperInput[]; validators: UnitValidators | null } | NotModified;

/**
 * A unit's raw input. Given `parts` (what the unit held last time), a paged source fetches that
 * many pages without decoding them to find the end: identical bytes end where they ended then.
 */
export interface FetchedUnit<P extends UnitPapers = UnitPapers> {
  /** Hash of the raw bytes fetched (file content, page bodies in order): equal digests, equal input. */
  digest: string;
  /** Map to papers, fetching on when the pages fetched were not all (or more than) the unit holds; throws as fetchUnit does. */
  parse(): Promise<ParsedUnit<P>>;
}

/**
 * A unit's papers: held whole (one HTTP page set), or streamed when the unit can be larger than
 * memory should hold (a local file). A stream has been checked whole before it is handed out,
 * so a bad unit still writes nothing; it may still throw on I/O (the file changed meanwhile).
 */
export type UnitPapers = PaperInput[] | AsyncIterable<PaperInput>;

export interface ParsedUnit<P extends UnitPapers = UnitPapers> {
  papers: P;
  /** Digest and count of the pieces (pages) the papers came from. */
  digest: string;
  parts: number;
  /** The validators of the pages read, to keep once the papers are written (null: a page had none); absent from a source that sends none. */
  validators?: UnitValidators | null;
}

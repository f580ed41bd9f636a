/**
 * The one ingest entry point (scheduler and CLI both call it): fetch a source unit by unit,
 * write each unit's papers in batches (one transaction each), record an IngestRun.
 * One failed unit never loses the others; a failed batch leaves stored data as it was.
 */
import { createHash } from 'node:crypto';
import type { Clock, IngestRun, IngestStatus, Logger, PaperSource, SourceRequest, SourceUnit, Stores, UnitDigest, UnitPapers, UnitValidators } from '../src/core/ports.js';
import type { PaperInput, SourceName } from '../src/core/papers/paper.js';
import { MERGE_RULES_VERSION } from '../src/core/papers/merge.js';
import { INGEST_RUN_RENEW_MS } from '../src/core/papers/ports.js';
import { windowLabel } from '../src/core/papers/ingest-dates.js';
import { count, thousands as n } from '../src/core/count.js';
import { HostNotFoundError, IncompleteUnitError } from '../src/net/errors.js';
import { describeError } from '../src/core/error-text.js';
import { slices } from '../src/slices.js';
import { keepValidators, keptValidators, notModifiedNote, replacing, type KeptValidators } from './ingest-validators.js';

export { VALIDATORS_NAMESPACE, validatorsKey } from './ingest-validators.js';

export interface UnitFailure {
  /** What failed: a day, a feed URL, a file path. */
  unit: string;
  /** Why, in one line. */
  error: string;
  /** The run was interrupted (its signal aborted) before or while this unit ran: not done rather than failed. */
  interrupted?: true;
  /**
   * Only part of the unit was done, and that part is stored: a feed cut short (IncompleteUnitError),
   * or a unit stopped (interrupted, a batch refused) after some of its batches were written.
   */
  partial?: true;
  /** A file that held no entry, in a run given files alone that read none (IngestDeps.emptyFilesFail). */
  empty?: true;
}

export type UnitOutcome =
  | { kind: 'ok'; created: number; updated: number; unchanged: number; skipped: number; dropped?: number }
  | { kind: 'failed'; error: string };

/** Told about each unit as it finishes (progress bar on a TTY, log lines otherwise). */
export interface ProgressReporter {
  start(totalUnits: number, source: SourceName, window: string): void;
  /** After each committed batch: papers written so far in this unit (a big file is one unit). */
  batchDone?(unit: string, papersSoFar: number): void;
  unitDone(unit: string, outcome: UnitOutcome): void;
  stop(): void;
}

export interface IngestSummary {
  runId: string;
  source: SourceName;
  window: string;
  status: Exclude<IngestStatus, 'running' | 'abandoned'>;
  created: number;
  updated: number;
  unchanged: number;
  /** `updateOnly` inputs (arXiv replacements) for papers we don't have. */
  skipped: number;
  /** Entries the source read but could not use (no usable link, withdrawn, not a paper). */
  dropped: number;
  /** Per unit with dropped entries: how many, and the first reasons (one line each). */
  drops: UnitDrops[];
  /** What else a source said of a unit, counted as nothing (a saved feed cut short after its last whole entry). */
  notes: UnitNote[];
  /** Number of units (days, feeds, files) that failed. */
  failed: number;
  units: number;
  /** Units not re-read: input identical to a settled earlier run (see IngestDeps.force). */
  identical: number;
  failures: UnitFailure[];
}

export interface UnitDrops {
  unit: string;
  count: number;
  /** At most MAX_DROP_REASONS, in entry order. */
  reasons: string[];
}

export interface UnitNote {
  unit: string;
  note: string;
  /** The server said the unit was not modified (HTTP 304): several are counted on the summary line, not each said. */
  notModified?: true;
}

/** A source that says which entries of a unit it left out, and what else of it (those built by sources/index.ts createSource do). */
export interface ReportsDroppedEntries {
  droppedEntries(unit: string): string[];
  unitNotes?(unit: string): string[];
}

function droppedIn(source: PaperSource, unit: string): string[] {
  const reporting = source as PaperSource & Partial<ReportsDroppedEntries>;
  return typeof reporting.droppedEntries === 'function' ? reporting.droppedEntries(unit) : [];
}

function notesOn(source: PaperSource, unit: string): string[] {
  const reporting = source as PaperSource & Partial<ReportsDroppedEntries>;
  return typeof reporting.unitNotes === 'function' ? reporting.unitNotes(unit) : [];
}

export const MAX_DROP_REASONS = 20;

export interface IngestDeps {
  /** `cache` keeps each feed's validators for conditional requests (without it every feed is fetched whole). */
  stores: Pick<Stores, 'papers' | 'ingestRuns'> & Partial<Pick<Stores, 'cache'>>;
  source: PaperSource;
  logger: Logger;
  clock?: Clock;
  progress?: ProgressReporter;
  /** Papers per upsertMany call (one transaction each). */
  batchSize?: number;
  /** Called after each committed batch with the ids created or updated (search index catch-up). */
  onPapersChanged?: (ids: string[]) => void | Promise<void>;
  signal?: AbortSignal;
  /**
   * Map and merge every unit even when its raw input is identical to that of an earlier run
   * after which no paper changed (such a unit is otherwise counted unchanged without parsing),
   * and fetch every feed whole, without the validators of its last read (no 304).
   */
  force?: boolean;
  /**
   * Files given by hand of which none held an entry fail the run: the CLI reports that as a
   * mistake (exit 1), and the run's recorded status and its --json say the same.
   */
  emptyFilesFail?: boolean;
}

export const DEFAULT_BATCH_SIZE = 1000;
const MAX_ERROR_TEXT = 4000;

/**
 * Batches of at most `size` inputs. A repeated id inside one batch is fine: the store folds
 * repeats in order (see store/upsert-plan.ts), so counts stay one per paper.
 */
export const batchInputs = slices;

function requestWindow(source: PaperSource, request: SourceRequest): string {
  if (source.name === 'feed' && request.feedUrl) return request.feedUrl;
  if (source.name === 'file' && request.filePaths?.length) return request.filePaths.join(' ');
  const usesCategories = source.name === 'arxiv' || source.name === 'rss';
  const cats = usesCategories && request.categories?.length ? ` [${request.categories.join(',')}]` : '';
  return `${windowLabel(request.from, request.to)}${cats}`;
}

/** What a unit's skip is keyed on: the raw bytes, and everything else that decides what merging them writes. */
function unitDigest(source: PaperSource, unit: SourceUnit, raw: string): string {
  const params = Object.entries(unit.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify([source.name, params, MERGE_RULES_VERSION, raw])).digest('hex');
}

/** Units whose identical input may be skipped; none when the store cannot say (skipping only saves time). */
async function loadSettled(deps: IngestDeps): Promise<Map<string, UnitDigest>> {
  if (deps.force || !deps.source.fetchRaw) return new Map();
  try {
    return await deps.stores.ingestRuns.settledUnits(deps.source.name);
  } catch (err) {
    deps.logger.warn({ source: deps.source.name, err: describeError(err) }, 'could not read earlier unit digests; reading every unit');
    return new Map();
  }
}

/** Batches of at most `size` papers from a list or a stream, so a streamed unit is never held whole. */
export async function* batchesOf(papers: UnitPapers, size: number): AsyncGenerator<PaperInput[]> {
  if (Array.isArray(papers)) {
    yield* batchInputs(papers, size);
    return;
  }
  let batch: PaperInput[] = [];
  for await (const p of papers as AsyncIterable<PaperInput>) {
    batch.push(p);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

type Counts = { created: number; updated: number; unchanged: number; skipped: number };
const noCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0, skipped: 0 });

/** What one run carries from unit to unit. */
interface RunState {
  totals: Counts;
  failures: UnitFailure[];
  drops: UnitDrops[];
  notes: UnitNote[];
  settled: Map<string, UnitDigest>;
  unitDigests: Record<string, UnitDigest>;
  identical: number;
  /** Hosts whose name did not resolve in this run, with the reason said for each unit not fetched from them. */
  unresolved: Map<string, string>;
}

/**
 * Why a unit is not fetched: an earlier unit found its host's name does not resolve (offline, a
 * mistyped host), and every unit would wait out its own failure. A unit that names its address
 * (a feed) is held back only for that host; days (hf, arxiv) all ask their source's one host.
 */
function unresolvedHost(state: RunState, unit: SourceUnit): string | undefined {
  if (state.unresolved.size === 0) return undefined;
  const url = unit.params.url;
  if (url === undefined) return state.unresolved.values().next().value;
  return URL.canParse(url) ? state.unresolved.get(new URL(url).hostname) : undefined;
}

type UnitRead = { papers: UnitPapers; digest: string | null; parts: number; validators?: UnitValidators };

/** A unit's papers as fetched, conditionally when the source can and validators are kept (none on a 304). */
async function fetchUnitPapers(deps: IngestDeps, unit: SourceUnit, state: RunState, counts: Counts): Promise<UnitRead> {
  const { source } = deps;
  if (!source.fetchUnitIfModified || !deps.stores.cache) return { papers: await source.fetchUnit(unit, deps.signal), digest: null, parts: 1 };
  const known = await keptValidators(deps, unit);
  const got = await source.fetchUnitIfModified(unit, known, deps.signal);
  if (got.notModified) return notModifiedRead(deps, unit, state, counts, known);
  return { papers: got.papers, digest: null, parts: 1, validators: replacing(got.validators) };
}

/** A unit the server said was not modified (HTTP 304): counted as it was when last read whole, and said. */
function notModifiedRead(deps: IngestDeps, unit: SourceUnit, state: RunState, counts: Counts, known: KeptValidators | null): UnitRead {
  // Only a request that sent validators is answered 304 (net/http.ts): `known` is there.
  counts.unchanged = known?.n ?? 0;
  counts.skipped = known?.s ?? 0;
  const note = notModifiedNote(known);
  state.notes.push({ unit: unit.label, note, notModified: true });
  deps.logger.info({ source: deps.source.name, unit: unit.label }, note);
  return { papers: [], digest: null, parts: 1 };
}

/** A unit's papers to write, or none when its raw input is identical to a settled run's. */
async function readUnitPapers(deps: IngestDeps, unit: SourceUnit, state: RunState, counts: Counts): Promise<UnitRead> {
  const { source } = deps;
  if (!source.fetchRaw) return fetchUnitPapers(deps, unit, state, counts);
  const last = state.settled.get(unit.label);
  const known = await keptValidators(deps, unit);
  const raw = await source.fetchRaw(unit, deps.signal, last?.p, known);
  if ('notModified' in raw) return notModifiedRead(deps, unit, state, counts, known);
  // Settled means nothing was written after that run; a write by this run's earlier units voids it.
  if (last && state.totals.created + state.totals.updated === 0 && last.d === unitDigest(source, unit, raw.digest)) {
    counts.unchanged = last.n;
    counts.skipped = last.s;
    state.unitDigests[unit.label] = last;
    state.identical++;
    return { papers: [], digest: null, parts: 1 };
  }
  const parsed = await raw.parse();
  const validators = parsed.validators === undefined ? {} : { validators: replacing(parsed.validators) };
  return { papers: parsed.papers, digest: unitDigest(source, unit, parsed.digest), parts: parsed.parts, ...validators };
}

/** Upsert the papers batch by batch (one transaction each), counting into `counts` as each commits. */
async function writeBatches(deps: IngestDeps, unit: SourceUnit, papers: UnitPapers, counts: Counts, now: () => Date): Promise<void> {
  let written = 0;
  for await (const batch of batchesOf(papers, deps.batchSize ?? DEFAULT_BATCH_SIZE)) {
    const result = await deps.stores.papers.upsertMany(batch, now());
    counts.created += result.created.length;
    counts.updated += result.updated.length;
    counts.unchanged += result.unchanged.length;
    counts.skipped += result.skipped.length;
    written += batch.length;
    deps.progress?.batchDone?.(unit.label, written);
    const changed = [...result.created, ...result.updated];
    if (changed.length > 0 && deps.onPapersChanged) {
      // The papers are committed; a failing listener must not turn that into a failed unit.
      await Promise.resolve(deps.onPapersChanged(changed)).catch((err: unknown) =>
        deps.logger.warn({ err: describeError(err), unit: unit.label }, 'onPapersChanged listener failed'),
      );
    }
  }
}

/** One unit, start to finish; its failure is recorded in `state`, never thrown. */
async function ingestUnit(deps: IngestDeps, unit: SourceUnit, state: RunState, now: () => Date): Promise<void> {
  const { source, logger } = deps;
  if (deps.signal?.aborted) {
    state.failures.push({ unit: unit.label, error: 'not fetched: ingest was interrupted', interrupted: true });
    deps.progress?.unitDone(unit.label, { kind: 'failed', error: 'interrupted' });
    return;
  }
  const unresolved = unresolvedHost(state, unit);
  if (unresolved) {
    const error = `not fetched: ${unresolved}`;
    state.failures.push({ unit: unit.label, error });
    deps.progress?.unitDone(unit.label, { kind: 'failed', error });
    return;
  }
  const counts = noCounts();
  try {
    // A unit only partly read still writes the part that is whole, then fails as cut short.
    const { papers, digest, parts, validators, cut }: UnitRead & { cut?: IncompleteUnitError } = await readUnitPapers(deps, unit, state, counts).catch((err: unknown) => {
      if (err instanceof IncompleteUnitError) return { papers: err.papers, digest: null, parts: 1, cut: err };
      throw err;
    });
    await writeBatches(deps, unit, papers, counts, now);
    const dropped = recordDrops(deps, unit, state);
    if (cut) throw cut;
    // Every batch is committed (writeBatches throws otherwise): the feed is stored whole.
    if (validators) await keepValidators(deps, unit, validators, counts, now());
    if (digest && !state.unitDigests[unit.label]) {
      state.unitDigests[unit.label] = { d: digest, n: counts.created + counts.updated + counts.unchanged, s: counts.skipped, p: parts };
    }
    deps.progress?.unitDone(unit.label, { kind: 'ok', ...counts, ...(dropped ? { dropped } : {}) });
  } catch (err) {
    // A failed unit's own line says what went wrong: what was noted on the way is let go.
    droppedIn(source, unit.label);
    notesOn(source, unit.label);
    // Whatever the error says ("The operation was aborted"), it is the interruption's when the
    // run's signal was aborted, and its reason says which ("interrupted by SIGTERM").
    const why = deps.signal?.aborted && deps.signal.reason instanceof Error ? deps.signal.reason.message : describeError(err);
    const cutShort = err instanceof IncompleteUnitError && !deps.signal?.aborted;
    // Batches committed before the stop stay stored: the unit was done in part, not lost.
    const kept = cutShort ? 0 : counts.created + counts.updated + counts.unchanged;
    const error = kept > 0 ? `${why}; ${keptWords(kept)}` : why;
    const partial = cutShort || kept > 0;
    state.failures.push({ unit: unit.label, error, ...(deps.signal?.aborted ? { interrupted: true as const } : {}), ...(partial ? { partial: true as const } : {}) });
    if (err instanceof HostNotFoundError && !deps.signal?.aborted) state.unresolved.set(err.host, err.message);
    // A progress reporter logs it already; without one (scheduler) this is the only trace.
    if (deps.progress) deps.progress.unitDone(unit.label, { kind: 'failed', error });
    else logger.warn({ source: source.name, unit: unit.label, err: error }, 'ingest unit failed');
  }
  // Batches committed before a failure stay counted: those papers are stored, whole.
  for (const k of Object.keys(counts) as (keyof Counts)[]) state.totals[k] += counts[k];
}

/** Said after why a unit stopped, in the words the CLI's "interrupted:" line uses. */
export const keptWords = (papers: number) => (papers === 1 ? 'the 1 paper written before it is kept' : `the ${n(papers)} papers written before it are kept`);

/** Count and log the entries a unit left out, and keep what was noted of it; how many were left out. */
function recordDrops(deps: IngestDeps, unit: SourceUnit, state: RunState): number {
  const { source, logger } = deps;
  const dropped = droppedIn(source, unit.label);
  if (dropped.length > 0) {
    state.drops.push({ unit: unit.label, count: dropped.length, reasons: dropped.slice(0, MAX_DROP_REASONS) });
    logger.info({ source: source.name, unit: unit.label, dropped: dropped.length }, `entries left out of ${unitName(unit.label)}: ${dropped.slice(0, 3).join('; ')}`);
  }
  for (const note of notesOn(source, unit.label)) {
    state.notes.push({ unit: unit.label, note });
    logger.info({ source: source.name, unit: unit.label }, note);
  }
  return dropped.length;
}

/** Partial when anything was done: a unit whole, or the part of one that arrived (a feed cut short). */
function runStatus(units: number, failures: readonly UnitFailure[]): IngestSummary['status'] {
  if (failures.length === 0) return 'succeeded';
  const lost = failures.filter((f) => !f.partial).length;
  return units - lost > 0 ? 'partial' : 'failed';
}

/** Record the run's outcome; a failure to do so is added to `state.failures`, not thrown (the papers are committed). */
async function finishRun(deps: IngestDeps, run: IngestRun, state: RunState, status: IngestSummary['status'], now: Date): Promise<void> {
  const { failures } = state;
  const errorText = failures.length === 0 ? null : failures.map((f) => `${f.unit}: ${f.error}`).join('\n').slice(0, MAX_ERROR_TEXT);
  try {
    // finishedAt is stamped after every write of this run, so settledUnits can tell later writes apart.
    await deps.stores.ingestRuns.finish({ ...run, ...pickWritten(state.totals), failed: failures.length, status, error: errorText, finishedAt: now, unitDigests: state.unitDigests });
  } catch (err) {
    const error = `could not record the run: ${describeError(err)}`;
    deps.logger.error({ runId: run.id, err: error }, 'ingest run record failed');
    failures.push({ unit: 'ingest run record', error });
  }
}

const pickWritten = ({ created, updated, unchanged }: Counts) => ({ created, updated, unchanged });

export async function runIngest(deps: IngestDeps, request: SourceRequest): Promise<IngestSummary> {
  const { stores, source, logger } = deps;
  const clock = deps.clock ?? { now: () => new Date() };
  const now = () => clock.now();
  const window = requestWindow(source, request);
  const units = source.units(request);
  // Starting the run is the first database touch: if the database is down we stop here, having written nothing.
  const run = await stores.ingestRuns.start(source.name, window, now());
  const state: RunState = { totals: noCounts(), failures: [], drops: [], notes: [], settled: await loadSettled(deps), unitDigests: {}, identical: 0, unresolved: new Map() };
  deps.progress?.start(units.length, source.name, window);
  // The run's lease, renewed while this process works on it: if the process dies, the lease
  // lapses and readers take the run for abandoned (IngestRunStore.closeAbandoned).
  const renewing = setInterval(() => {
    stores.ingestRuns.heartbeat?.(run).catch((err: unknown) => logger.debug({ runId: run.id, err: String(err) }, 'ingest run lease not renewed'));
  }, INGEST_RUN_RENEW_MS);
  renewing.unref();
  try {
    for (const unit of units) await ingestUnit(deps, unit, state, now);
  } finally {
    clearInterval(renewing);
    deps.progress?.stop();
  }
  const dropped = state.drops.reduce((n, d) => n + d.count, 0);
  if (deps.emptyFilesFail && heldNothing({ ...state.totals, failures: state.failures })) {
    state.failures.push(...units.map((u) => ({ unit: u.label, error: heldNoEntries(dropped), empty: true as const })));
  }
  const status = runStatus(units.length, state.failures);
  await finishRun(deps, run, state, status, now());
  const { totals, drops, notes, failures, identical } = state;
  const summary: IngestSummary = {
    runId: run.id,
    source: source.name,
    window,
    status,
    ...totals,
    dropped,
    drops,
    notes,
    failed: failures.length,
    units: units.length,
    identical,
    failures,
  };
  logger.info({ ...summary, failures: failures.length, drops: drops.length }, 'ingest finished');
  return summary;
}

/** One line for people: "hf 2026-11-27: 312 new, 4 updated, 0 unchanged", "…: nothing changed", "…: held no entries", "…; 1 of 3 failed". */
export function describeSummary(s: IngestSummary): string {
  const unitFailures = s.failures.filter((f) => f.unit !== 'ingest run record');
  // Units a Ctrl-C left undone did not fail: they are counted apart.
  const interrupted = unitFailures.filter((f) => f.interrupted && !f.partial).length;
  // Feeds cut short kept what arrived whole, a file stopped its written batches: neither done nor lost.
  const cut = unitFailures.filter((f) => f.partial && !f.interrupted).length;
  const stopped = unitFailures.filter((f) => f.partial && f.interrupted).length;
  const failedUnits = unitFailures.length - interrupted - cut - stopped;
  const wrote = s.created + s.updated > 0;
  if (s.units > 0 && failedUnits === s.units && !wrote) return `${s.source} ${s.window}: failed (${n(failedUnits)} of ${n(s.units)} failed, nothing ingested)`;
  const of = (x: number, what: string) => (x > 0 ? `; ${n(x)} of ${n(s.units)} ${what}` : '');
  const failed = `${of(failedUnits, 'failed')}${of(cut, 'cut short (what was read whole is kept)')}${of(stopped, 'stopped part-way by the interrupt (papers written are kept)')}${of(interrupted, 'not done (interrupted)')}`;
  if (s.units > 0 && s.identical === s.units) return `${s.source} ${s.window}: nothing changed: input identical to the last successful run (${n(s.unchanged)} unchanged)`;
  const identical = s.identical > 0 ? `; ${n(s.identical)} of ${n(s.units)} identical to the last successful run, not re-read` : '';
  // A month of days answered 304 is counted, as identical units are; one is said in full.
  const unmodified = s.notes.filter((note) => note.notModified).length;
  const said = unmodified > 1 ? s.notes.filter((note) => !note.notModified) : s.notes;
  const notes = said.map((note) => `; ${s.units > 1 ? `${note.unit}: ` : ''}${note.note}`).join('');
  const notModified = unmodified > 1 ? `; ${n(unmodified)} of ${n(s.units)} not modified since their last whole read (HTTP 304), not re-read` : '';
  return `${s.source} ${s.window}: ${describeCounts(s)}${describeDrops(s)}${notes}${notModified}${identical}${failed}`;
}

/** Reasons quoted on the summary line; `--json` has up to MAX_DROP_REASONS per unit. */
const QUOTED_DROPS = 3;

/** Longest unit name said before an entry's reason; a longer feed address is cut in its middle. */
const UNIT_NAME_CHARS = 60;

/**
 * A unit as a reason names it: a feed's address without what tells no feed apart (the scheme, a
 * leading www., a trailing slash) and, when long, cut in its middle, keeping the host and the
 * end, where feeds of one site differ (…/category/speech/feed). Days and file paths as given.
 */
export function unitName(label: string): string {
  const m = /^https?:\/\/(?:www\.)?([^/?#]*)(.*)$/i.exec(label);
  if (!m) return label;
  const host = m[1]!;
  const rest = m[2]!.replace(/\/+(?=$|[?#])/, '');
  if (host.length + rest.length <= UNIT_NAME_CHARS) return host + rest;
  const tail = [...rest].slice(-Math.max(20, UNIT_NAME_CHARS - host.length - 2)).join('');
  // From a whole path segment when the tail holds one: "…/2025/…", not "…ions/2025/…".
  const cut = tail.indexOf('/');
  return `${host}/…${cut > 0 ? tail.slice(cut) : tail}`;
}

/**
 * "; 2 entries left out (entry 4: no title and no description; entry 9 …: link "javascript:…" is
 * not an http(s) address)". With several feeds, days or files in the run each reason names its
 * unit, even when only one unit left entries out: "entry 4" alone does not say where to look.
 */
export function describeDrops(s: Pick<IngestSummary, 'dropped' | 'drops' | 'units'>): string {
  if (!s.dropped) return '';
  // Two addresses that shorten alike are said in full.
  const short = s.drops.map((d) => unitName(d.unit));
  const name = (d: UnitDrops, i: number) => (short.indexOf(short[i]!) === short.lastIndexOf(short[i]!) ? short[i]! : d.unit);
  const named = s.units > 1 || s.drops.length > 1;
  const reasons = s.drops.flatMap((d, i) => (named ? d.reasons.map((r) => `${name(d, i)} ${r}`) : d.reasons));
  const quoted = reasons.slice(0, QUOTED_DROPS).join('; ');
  const more = s.dropped > QUOTED_DROPS ? `; and ${n(s.dropped - QUOTED_DROPS)} more` : '';
  return `; ${count(s.dropped, 'entry', 'entries')} left out (${quoted}${more})`;
}

/** Said of a feed, day or file that gave no entry at all; one wording wherever it is said. */
const HELD_NO_ENTRIES = 'held no entries';

/**
 * "FILE held no entries" when files given by hand gave no paper (0 bytes, `[]`, a saved feed
 * with no items, nothing usable), else null. `ingest` and `demo` both report it, and a user who
 * tries one after the other should read the same words.
 */
export function emptyFilesNote(s: Pick<IngestSummary, 'created' | 'updated' | 'unchanged' | 'skipped' | 'dropped' | 'failures'>, files: readonly string[]): string | null {
  return heldNothing(s) ? `${files.join(', ')} ${heldNoEntries(s.dropped)}` : null;
}

/** No unit gave a paper and none failed (a failed file has said why already; an empty one has nothing else to say). */
function heldNothing(s: Pick<IngestSummary, 'created' | 'updated' | 'unchanged' | 'skipped' | 'failures'>): boolean {
  return s.failures.length === 0 && s.created + s.updated + s.unchanged + s.skipped === 0;
}

function heldNoEntries(dropped: number): string {
  return `${HELD_NO_ENTRIES}${dropped ? ' that could be used' : ''}`;
}

/** "312 new, 4 updated, 0 unchanged", "nothing changed", or "held no entries". */
export function describeCounts(s: Pick<IngestSummary, 'created' | 'updated' | 'unchanged' | 'skipped'> & { dropped?: number }): string {
  // Nothing was read at all (a feed with no items, arXiv on a weekend): "nothing changed" would
  // say there was something, unchanged.
  if (s.created + s.updated + s.unchanged + s.skipped + (s.dropped ?? 0) === 0) return HELD_NO_ENTRIES;
  if (s.created === 0 && s.updated === 0) {
    return s.unchanged > 0 ? `nothing changed (${n(s.unchanged)} unchanged)` : 'nothing changed';
  }
  const skipped = s.skipped > 0 ? `, ${n(s.skipped)} skipped` : '';
  return `${n(s.created)} new, ${n(s.updated)} updated, ${n(s.unchanged)} unchanged${skipped}`;
}

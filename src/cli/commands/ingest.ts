/** `paperboy ingest`: fetch papers from one source for a day, a date range, feeds or a file. */
import os from 'node:os';
import { Option, type Command } from 'commander';
import type { CliContext } from '../context.js';
import { SOURCE_NAMES, type SourceName } from '../../core/papers/paper.js';
import type { SourceRequest } from '../../core/ports.js';
import { dayOf, daysInRange, parsePastDayOption } from '../../core/papers/ingest-dates.js';
import { checkArxivCategories } from '../../core/papers/arxiv-categories.js';
import { createSource } from '../../sources/index.js';
import { unreadableReason } from '../../sources/file.js';
import { describeError } from '../../core/error-text.js';
import { openStoresOrFail } from '../fail.js';
import { describeSummary, emptyFilesNote, keptWords, runIngest, type IngestSummary } from '../../../jobs/ingest.js';
import { createProgressReporter } from '../progress.js';
import { printJson } from '../json-output.js';
import { failureLines } from '../ingest-failure-lines.js';

/** A web address copied without its scheme ("example.org/feed.xml"): a host with a dot and a top-level domain, then a path. */
const HOST_FIRST = /^(?:[a-z0-9-]+\.)+[a-z]{2,}\//i;

export interface IngestOptions {
  /** Absent: Hugging Face, unless --file or --feed says which source is meant. */
  source?: SourceName;
  date?: string;
  from?: string;
  to?: string;
  category?: string[];
  feed?: string[];
  file?: string[];
  json?: boolean;
  force?: boolean;
  /** Given without a flag: http(s) addresses are feeds, anything else files. */
  inputs?: string[];
}

/** Signals that stop an ingest between requests rather than in the middle of a write. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Longest backfill accepted in one run (days). */
const MAX_RANGE_DAYS = 3660;

/** Sources without a date window (see each source's `units`), and what they read instead. */
const UNDATED_SOURCES: Partial<Record<SourceName, string>> = { rss: "today's arXiv listing", feed: 'what the feed holds now', file: 'the whole file' };

export type RequestParse = { ok: true; source: SourceName; request: SourceRequest } | { ok: false; error: string };

/** The source asked for: --file means a file and --feed a feed unless another source is named. */
function impliedSource(opts: IngestOptions): SourceName {
  return opts.source ?? (opts.file?.length ? 'file' : opts.feed?.length ? 'feed' : 'hf');
}

/** `paperboy ingest papers.jsonl` / `paperboy ingest https://…/feed.xml`: the flag is implied by what was given. */
function withInputs(opts: IngestOptions): IngestOptions | { error: string } {
  const inputs = opts.inputs ?? [];
  if (!inputs.length) return opts;
  const quoted = inputs.map((i) => `"${i}"`).join(' and ');
  if (opts.file?.length || opts.feed?.length) return { error: `give files or feeds either as ${quoted} or with --file/--feed, not both` };
  // An address of another scheme (ftp://, file://) is neither a feed paperboy can fetch nor a path: say so, not "no such file".
  const other = inputs.find((i) => /^[a-z][a-z0-9+.-]*:\/\//i.test(i) && !/^https?:\/\//i.test(i));
  if (other !== undefined) return { error: `"${other}" is not an http(s) address: feeds are fetched over http or https, and a file is given by its path` };
  const urls = inputs.filter((i) => /^https?:\/\//i.test(i));
  if (urls.length && urls.length < inputs.length) return { error: `give files, or feed addresses (http/https), not both: ${quoted}` };
  const implied: SourceName = urls.length ? 'feed' : 'file';
  if (opts.source !== undefined && opts.source !== implied) return { error: `${quoted} ${urls.length ? 'is a feed address' : 'names a file'}, but --source is ${opts.source}` };
  return urls.length ? { ...opts, feed: urls } : { ...opts, file: inputs };
}

/**
 * A `feed:` link (`feed://host/rss.xml`, `feed:https://host/rss.xml`), the "subscribe" link sites
 * publish for feed readers, as the http(s) address readers fetch; any other word as it is.
 */
const fromFeedScheme = (u: string) => u.replace(/^feed:(?=https?:\/\/)/i, '').replace(/^feed:\/\//i, 'http://');

/** Turn CLI options into a SourceRequest, or one clear message saying what is wrong. */
export function parseIngestOptions(typed: IngestOptions, today: Date): RequestParse {
  const given = withInputs({ ...typed, ...(typed.inputs ? { inputs: typed.inputs.map(fromFeedScheme) } : {}), ...(typed.feed ? { feed: typed.feed.map(fromFeedScheme) } : {}) });
  if ('error' in given) return { ok: false, error: given.error };
  const opts = { ...given, source: impliedSource(given) };
  if (opts.date && (opts.from || opts.to)) return { ok: false, error: 'use either --date or --from/--to, not both' };
  if (opts.to && !opts.from) return { ok: false, error: '--to needs --from' };
  // These read what the feed, listing or file holds now: a date would be silently ignored.
  const dated = opts.date !== undefined || opts.from !== undefined || opts.to !== undefined;
  const undated = UNDATED_SOURCES[opts.source];
  if (dated && undated) return { ok: false, error: `--date/--from/--to do not apply to --source ${opts.source}: it reads ${undated}; use --source hf or arxiv for a date range` };
  const check = (flag: string, raw: string | undefined): string | { error: string } | undefined => {
    if (raw === undefined) return undefined;
    const d = parsePastDayOption(raw, `--${flag}`, today);
    return d.ok ? d.day : { error: d.error };
  };
  const date = check('date', opts.date);
  const from = check('from', opts.from);
  const to = check('to', opts.to);
  // A day to come among them is refused there too: asking a source for it would only retry against the network.
  for (const v of [date, from, to]) if (v && typeof v === 'object') return { ok: false, error: v.error };
  const start = (date ?? from ?? dayOf(today)) as string;
  const end = (date ?? to ?? (from ? dayOf(today) : start)) as string;
  if (start > end) return { ok: false, error: `--from ${start} is after --to ${end}` };
  if (daysInRange(start, end).length > MAX_RANGE_DAYS) return { ok: false, error: `the range ${start}..${end} is longer than ${MAX_RANGE_DAYS} days` };

  const request: SourceRequest = { from: start, to: end };
  if (opts.category?.length) {
    const checked = checkArxivCategories(opts.category);
    if (!checked.ok) return { ok: false, error: `--category: ${checked.error}` };
    request.categories = checked.categories;
  }
  if (opts.source === 'feed') {
    if (!opts.feed?.length) return { ok: false, error: '--source feed needs --feed URL' };
    const bad = opts.feed.find((u) => !/^https?:\/\/\S+$/i.test(u));
    // `!== undefined`: an empty address ("$FEED" unset) is found as "", which is falsy, and
    // the run then fetched nothing, said "held no entries" and exited 0.
    if (bad !== undefined) return { ok: false, error: `--feed: "${bad}" is not an http(s) URL` };
    // Fetch refuses such URLs, and the password would be logged and stored with the run.
    const secret = opts.feed.find((u) => /^https?:\/\/[^/?#]*@/i.test(u));
    if (secret !== undefined) return { ok: false, error: `--feed: "${secret.replace(/^(https?:\/\/)[^/?#]*@/i, '$1…@')}" holds a user name or password; feeds are fetched without credentials (use the feed's own private-link token if it has one)` };
    request.feedUrl = opts.feed.join(' ');
  } else if (opts.feed?.length) return { ok: false, error: '--feed only applies to --source feed' };
  if (opts.source === 'file') {
    if (!opts.file?.length) return { ok: false, error: '--source file needs --file PATH' };
    // An empty word is a path no one typed (an unset "$FILE" in a script): a usage error,
    // not a run recorded as failed with "failed : no such file".
    if (opts.file.some((f) => f.trim() === '')) return { ok: false, error: 'an empty file path names no file (an unset variable in a script?)' };
    request.filePaths = [...new Set(opts.file)];
  } else if (opts.file?.length) return { ok: false, error: '--file only applies to --source file' };
  return { ok: true, source: opts.source, request };
}

/** Ctrl-C's one line for the units it left undone, the papers kept said as a unit's failure says them (keptWords). */
export function interruptedLine(source: SourceName, units: number, undone: number, written: number): string {
  const what = source === 'hf' || source === 'arxiv' ? 'days' : 'units';
  return `interrupted: ${units - undone}/${units} ${what} done${written > 0 ? `; ${keptWords(written)}` : ''}; run again to continue\n`;
}

/**
 * `--json`: the summary with every key of a failure present (README: an absent value is null, a
 * flag false): a failure's `interrupted` and `partial` were there only when true.
 */
function summaryJson(summary: IngestSummary): unknown {
  return { ...summary, failures: summary.failures.map((f) => ({ unit: f.unit, error: f.error, interrupted: f.interrupted === true, partial: f.partial === true })) };
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('ingest')
    .description('Fetch papers from a source into the database (default: Hugging Face daily papers, today UTC)')
    .argument('[file-or-feed...]', 'files (as --file PATH …) or feed addresses (as --feed URL …)')
    .addOption(new Option('-s, --source <name>', 'where to fetch from (default: hf; file with --file, feed with --feed)').choices([...SOURCE_NAMES]))
    .option('-d, --date <YYYY-MM-DD>', 'one day (UTC)')
    .option('--from <YYYY-MM-DD>', 'first day of a backfill (inclusive)')
    .option('--to <YYYY-MM-DD>', 'last day of a backfill (inclusive; default today)')
    .option('-c, --category <cat...>', 'arXiv categories (cs.CL) or archives (cs) for --source arxiv|rss (default PAPERBOY_ARXIV_CATEGORIES)')
    .option('--feed <url...>', 'RSS/Atom/JSON feed URL(s) for --source feed (a web page is read as the feed it names)')
    .option('--file <path...>', 'JSON array, JSONL, or a JSON object with a "papers" array, or a saved RSS/Atom feed or arXiv listing, for --source file (several: each its own unit)')
    .option('--json', 'print the run summary as JSON on stdout: {runId, source, window, status, created, updated, unchanged, skipped, dropped, drops, notes, failed, units, identical, failures}, drops [{unit, count, reasons}], notes [{unit, note, notModified}], failures [{unit, error, interrupted, partial}]')
    .option('--force', 're-read every day/file even when its input is identical to the last successful run, and fetch every feed whole (no If-None-Match/If-Modified-Since)')
    .addHelpText(
      'after',
      `
Examples:
  paperboy ingest                                  today's Hugging Face daily papers
  paperboy ingest --from 2026-11-01 --to 2026-11-27 backfill (progress bar on a terminal)
  paperboy ingest --source arxiv --date 2026-11-27 --category cs.CL cs.SD
  paperboy ingest --source rss --category cs.CL    today's arXiv announcements
  paperboy ingest --source feed --feed https://example.org/feed.xml
  paperboy ingest --source file --file papers.jsonl
  paperboy ingest papers.jsonl                     the same (a file or a feed address needs no flag)
  paperboy ingest exports/*.jsonl                  several files, each its own unit (one failing keeps the others)

Entries that cannot be used (a feed entry with no http(s) link, a withdrawn paper) are counted and
explained on the summary line ("3 entries left out (…)") and in --json ("dropped", "drops"). A saved
feed cut short is read up to its last whole entry and said so, not counted as an entry ("notes" in --json).
A feed none of whose entries can be used fails. A web page given for a feed (a blog's address) is read as the
feed its head names (the first <link rel="alternate"> of a feed type that is not a comments feed; one hop, never
a page that names another page), and the summary line says that address, to give instead and save a request.
Running the same ingest twice writes nothing the second time; a day or file whose input is byte-for-byte the last successful run's, with no paper changed since, is not even re-read (--force re-reads it).
A feed, listing or day written whole is asked next time with its ETag/Last-Modified (a day's every page); a server's "304 Not Modified"
counts its entries unchanged without re-reading them ("not modified since …" in "notes", notModified: true; --force asks for it whole). Exit status: 0 when every day/feed/file
succeeded, 1 when any failed (one line per failure on stderr) or a file held no entries (a feed or day
with none, "held no entries", is 0), 2 for bad options.`,
    )
    .action(async (inputs: string[], typed: IngestOptions) => {
      const opts: IngestOptions = { ...typed, inputs };
      const parsed = parseIngestOptions(opts, new Date());
      if (!parsed.ok) {
        ctx.stderr.write(`paperboy ingest: ${parsed.error}\n`);
        ctx.setExitCode(2);
        return;
      }
      // A mistyped path is said at once, before a database (perhaps locked by another process) is waited on.
      // (--json keeps the run's summary on stdout, failed unit and all, as scripts read it.)
      // Every file is checked before any is read: a typo among several writes nothing.
      const unreadable = [];
      for (const path of opts.json ? [] : (parsed.request.filePaths ?? [])) {
        const why = await unreadableReason(path);
        if (why) unreadable.push([path, why] as const);
      }
      if (unreadable.length) {
        for (const [path, why] of unreadable) {
          // 'paperboy ingest arxiv' meant a source, not a file of that name.
          const meant =
            (SOURCE_NAMES as readonly string[]).includes(path) && opts.inputs?.length
              ? ` (to fetch from ${path}: paperboy ingest --source ${path})`
              : HOST_FIRST.test(path)
                ? ` (if it is a feed's address: paperboy ingest https://${path})`
                : '';
          ctx.stderr.write(`failed ${path}: ${why}${meant}\n`);
        }
        ctx.setExitCode(1);
        return;
      }
      // Entries a source leaves out are counted and explained in the summary (jobs/ingest.ts describeDrops).
      const source = createSource(parsed.source, ctx.config, {
        onRetry: (r) => ctx.logger.warn({ url: r.url, attempt: r.attempt, delayMs: r.delayMs }, `retrying: ${r.reason}`),
      });
      const stores = await openStoresOrFail(ctx, 'ingest');
      if (!stores) return;
      const units = source.units(parsed.request);
      const progress = createProgressReporter({ stream: ctx.stderr, logger: ctx.logger, plain: opts.json === true }, units.length);
      // Ctrl-C, or the SIGTERM that `docker stop`, `timeout` and systemd send, stops after the
      // request in flight and still records the run, so no run is left "running".
      const abort = new AbortController();
      let stoppedBy: NodeJS.Signals | undefined;
      const onSignal = (signal: NodeJS.Signals) => {
        stoppedBy ??= signal;
        // A second signal of either kind is then Node's own: it ends the process at once.
        for (const s of STOP_SIGNALS) process.removeListener(s, onSignal);
        abort.abort(new Error(`interrupted by ${signal}`));
      };
      for (const signal of STOP_SIGNALS) process.once(signal, onSignal);
      let summary;
      try {
        summary = await runIngest({ stores, source, logger: ctx.logger, progress, signal: abort.signal, force: opts.force === true, emptyFilesFail: parsed.source === 'file' }, parsed.request);
      } catch (err) {
        ctx.stderr.write(`paperboy ingest: ${describeError(err)}\n`);
        ctx.setExitCode(1);
        return;
      } finally {
        for (const signal of STOP_SIGNALS) process.removeListener(signal, onSignal);
      }
      // A file given by hand that yields no paper at all is a mistake to report (exit 1, the run
      // failed); a fetched feed or day with none is normal (arXiv at weekends, a quiet blog) and exits 0.
      const failures = summary.failures.filter((f) => !f.empty);
      const emptyFile = failures.length < summary.failures.length ? emptyFilesNote({ ...summary, failures }, parsed.request.filePaths ?? []) : null;
      if (opts.json) printJson(ctx, summaryJson(summary));
      else if (!emptyFile) ctx.stdout.write(`${describeSummary(summary)}\n`);
      // Ctrl-C: the units it left undone are one line, not one each (a backfill has dozens).
      const cut = failures.filter((f) => f.interrupted);
      for (const line of failureLines(failures.filter((f) => !cut.includes(f)), units.map((u) => u.label), parsed.source)) ctx.stderr.write(line);
      if (cut.length) ctx.stderr.write(interruptedLine(parsed.source, units.length, cut.length, summary.created + summary.updated));
      // As a shell reports a process its signal ended: 128 + the signal's number.
      if (failures.length > 0) ctx.setExitCode(stoppedBy ? 128 + os.constants.signals[stoppedBy] : 1);
      else if (emptyFile) {
        ctx.stderr.write(`paperboy ingest: ${emptyFile}\n`);
        ctx.setExitCode(1);
      }
    });
}

/**
 * `paperboy demo`: the whole loop offline in one command — ingest the bundled sample, match it
 * against the starter topics and print the console digest. Each run uses a fresh SQLite file
 * of its own (removed afterwards), so the sample never mixes with real data or an earlier run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { Stores } from '../../core/ports.js';
import { databaseFileProblem, openStores, parseDatabaseUrl } from '../../store/index.js';
import type { DatabaseTarget } from '../../store/database-url.js';
import { fail } from '../fail.js';
import { projectPath } from '../../project-path.js';
import { composeServices } from '../../app/compose.js';
import { createFileSource } from '../../sources/file.js';
import { runIngest, describeCounts, emptyFilesNote } from '../../../jobs/ingest.js';
import { silentLogger } from '../../log.js';
import { dayOf } from '../../core/papers/ingest-dates.js';

// Looked up (walking up, so the compiled CLI finds it too) only when the demo runs: every other
// command registers this one and must start even where samples/ is not shipped.
const bundledSample = () => projectPath('samples', 'hf-daily-papers.sample.json');

export function register(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('Offline demo: ingest the bundled sample papers and print a digest of the starter topics')
    .option('--file <path>', 'papers file to ingest: anything ingest --file reads (JSON array or JSONL of plain or Hugging Face records, a saved RSS/Atom feed or arXiv listing; default: the bundled samples/hf-daily-papers.sample.json)')
    .option('--database <url>', 'database for the demo (default: a fresh SQLite file for this run, removed afterwards)')
    .addHelpText('after', '\nNothing is sent anywhere and your real database is not touched.')
    .action(async (opts: { file?: string; database?: string }) => {
      // An empty --file (an unset "$FILE") is a usage error, not a file "" that does not exist.
      if (opts.file !== undefined && opts.file.trim() === '') return fail(ctx, 'demo', '--file: an empty path names no file (leave --file out for the bundled sample)');
      const file = opts.file ?? bundledSample();
      if (opts.database !== undefined) {
        const refusal = databaseRefusal(opts.database, ctx.config.DATABASE_URL);
        if (refusal) return fail(ctx, 'demo', refusal);
      }
      // A fresh database per run (unless --database): `demo --file mine.json` shows exactly
      // that file's papers, never those of an earlier run.
      const scratch = opts.database ? null : mkdtempSync(join(tmpdir(), 'paperboy-demo-'));
      const url = opts.database ?? `file:${join(scratch!, 'demo.db')}`;
      try {
        const stores = await openStores(url, { migrate: true, logger: ctx.logger });
        try {
          await runDemo(ctx, stores, file);
        } finally {
          await stores.close();
        }
      } finally {
        if (scratch) rmSync(scratch, { recursive: true, force: true });
      }
    });
}

/** Why `--database` cannot hold the demo (a usage error), or null. */
function databaseRefusal(database: string, configured: string): string | null {
  let target: DatabaseTarget;
  try {
    target = parseDatabaseUrl(database);
  } catch (err) {
    // The reader's message names DATABASE_URL; here the URL came from the flag.
    return (err as Error).message.replace(/^DATABASE_URL\b/, '--database');
  }
  // The demo's papers are stored as new: in the real database its next digests would post them.
  const own = (() => {
    try {
      return parseDatabaseUrl(configured);
    } catch {
      return null;
    }
  })();
  const same = own && (own.provider === 'sqlite' ? target.provider === 'sqlite' && resolve(target.file) === resolve(own.file) : target.provider === 'postgresql' && target.url === own.url);
  if (same) {
    return `--database is this configuration's own database (DATABASE_URL, ${own.display}): the demo would store its sample papers there as new, and the next digests would post them; leave --database out (the demo then uses a database of its own) or name another file`;
  }
  // As for DATABASE_URL: a mistyped folder is said, not made (config.ts).
  const folder = databaseFileProblem(database);
  return folder && `--database: ${folder}`;
}

async function runDemo(ctx: CliContext, stores: Stores, file: string): Promise<void> {
  const app = composeServices(ctx.config, stores, ctx.logger, { channelOptions: { stdout: ctx.stdout } });
  try {
    await app.topics.topics.seed();
    await app.targets.ensureConsole();
    const started = new Date();
    // The file source reads the whole file whatever the dates; the window only labels the run.
    const day = dayOf(started);
    // Quiet: the demo says itself what failed; the job's warning repeated it as a JSON line.
    const ingest = await runIngest({ stores, source: createFileSource(), logger: silentLogger() }, { from: day, to: day, filePaths: [file] });
    // A file that could not be read, or held no entries, is an error before anything is reported as ingested.
    if (ingest.failures.length) {
      for (const f of ingest.failures) ctx.stderr.write(`paperboy demo: ${f.unit}: ${f.error}\n`);
      return ctx.setExitCode(1);
    }
    const empty = emptyFilesNote(ingest, [file]);
    if (empty) {
      ctx.stderr.write(`paperboy demo: ${empty}\n`);
      return ctx.setExitCode(1);
    }
    ctx.stdout.write(`Ingested ${file}: ${describeCounts(ingest)}\n\n`);
    // A dry run over the papers this run ingested: the same planning and rendering as a real
    // digest, nothing recorded. Its window is this run (not "since 1970"); papers a --database
    // already held were first seen earlier, so then it is the last day, like a first digest.
    const since = ingest.unchanged + ingest.updated === 0 ? started : new Date(started.getTime() - 24 * 60 * 60 * 1000);
    const report = await (await app.digests()).run({ targetId: 'console', since, dryRun: true });
    const console = report.targets[0];
    for (const part of console?.rendered ?? []) ctx.stdout.write(`${part.text}\n\n`);
    if (!console?.rendered?.length) ctx.stdout.write('No paper in the file matched a starter topic.\n');
    ctx.stdout.write('Next: `npm start` runs the service; `npm run paperboy -- --help` lists every command.\n');
  } finally {
    await app.close();
  }
}

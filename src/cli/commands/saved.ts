/**
 * `paperboy saved list|add|remove|export`: reading lists from the command line, the same lists
 * the 🔖 Save button and `/papers saved` fill. The command line acts as an operator: it may
 * change any person's or channel's list.
 */
import type { Command } from 'commander';
import { createReadingListService, type ReadingListService } from '../../core/saved/reading-list-service.js';
import { EXPORT_FORMATS, isExportFormat } from '../../core/saved/formats.js';
import { truncate } from '../../core/truncate.js';
import { fail, openStoresOrFail } from '../fail.js';
import type { CliContext } from '../context.js';
import { paperIdArg } from '../paper-id.js';
import { count } from '../../core/count.js';
import { printJson } from '../json-output.js';
import { listTitle, paperLine } from '../paper-line.js';
import { whoOf, whoOptions, type Who } from '../who.js';
import { writeWholeFile } from '../../write-whole-file.js';
import { dayOf } from '../../core/papers/ingest-dates.js';

async function open(ctx: CliContext, cmd: string): Promise<ReadingListService | null> {
  const stores = await openStoresOrFail(ctx, cmd);
  return stores && createReadingListService({ saved: stores.saved, papers: stores.papers });
}

const who = (c: Command) => whoOptions(c, 'a person’s list', 'a channel’s list');

/** The list --user or --channel names (its subscriber id), or null after reporting. */
function listOf(ctx: CliContext, cmd: string, who: Who): string | null {
  return whoOf(ctx, cmd, who)?.id ?? null;
}

export function register(program: Command, ctx: CliContext): void {
  const saved = program.command('saved').description('Reading lists (🔖 Save in chat): list, add, remove, export as BibTeX, RIS or CSL-JSON');

  who(saved.command('list').description('Papers on a list, newest first'))
    .option('--json', 'machine-readable output')
    .action(async (opts: Who & { json?: boolean }) => {
      const list = listOf(ctx, 'saved list', opts);
      if (!list) return;
      const svc = await open(ctx, 'saved list');
      if (!svc) return;
      const page = await svc.list(list);
      if (opts.json) {
        printJson(ctx, page.entries.map((e) => ({ arxivId: e.paper.arxivId, title: e.paper.title, savedBy: e.savedBy, savedAt: e.savedAt.toISOString() })));
        return;
      }
      if (page.total === 0) ctx.stdout.write(`${list}'s reading list is empty.\n`);
      for (const e of page.entries) ctx.stdout.write(paperLine(e.paper.arxivId, [dayOf(e.savedAt)], e.paper.title));
    });

  who(saved.command('add <arxivId>').description('Save a paper to a list'))
    .option('--by <id>', 'who saved it (a channel list lets them remove it again)', 'operator')
    .action(async (rawId: string, opts: Who & { by: string }) => {
      const list = listOf(ctx, 'saved add', opts);
      if (!list) return;
      const id = paperIdArg(ctx, 'saved add', rawId);
      if (!id) return;
      const svc = await open(ctx, 'saved add');
      if (!svc) return;
      const r = await svc.save(list, id, opts.by);
      if (r.status === 'saved') ctx.stdout.write(`Saved ${id} (“${listTitle(r.paper.title)}”) to ${list}.\n`);
      else if (r.status === 'already-saved') ctx.stdout.write(`${id} is on ${list}'s list already.\n`);
      else if (r.status === 'unknown-paper') fail(ctx, 'saved add', `no paper with id ${id} (ingest it first)`, 1);
      else fail(ctx, 'saved add', `${list}'s list holds ${r.max} papers, its most; remove some first`, 1);
    });

  who(saved.command('remove <arxivId>').description('Take a paper off a list'))
    .action(async (rawId: string, opts: Who) => {
      const list = listOf(ctx, 'saved remove', opts);
      if (!list) return;
      const id = paperIdArg(ctx, 'saved remove', rawId);
      if (!id) return;
      const svc = await open(ctx, 'saved remove');
      if (!svc) return;
      const r = await svc.remove(list, id, { id: 'operator', mayManage: true });
      if (r.status === 'removed') ctx.stdout.write(`Removed ${id} from ${list}.\n`);
      else fail(ctx, 'saved remove', `${id} is not on ${list}'s list`, 1);
    });

  who(saved.command('export').description('Write a list for Zotero, Mendeley or LaTeX (to stdout, or --out)'))
    .option('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`, 'bibtex')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: Who & { format: string; out?: string }) => {
      const list = listOf(ctx, 'saved export', opts);
      if (!list) return;
      if (!isExportFormat(opts.format)) return fail(ctx, 'saved export', `--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${truncate(opts.format, 30)}"`);
      // --out "" (an unset "$OUT") names no file: the list went to stdout instead, and a
      // script that redirects nothing lost it.
      if (opts.out !== undefined && opts.out.trim() === '') return fail(ctx, 'saved export', '--out: an empty path names no file (leave --out out to write to stdout)');
      const svc = await open(ctx, 'saved export');
      if (!svc) return;
      const file = await svc.export(list, opts.format);
      // A mistyped --user names an empty list: exporting it emptied the person's refs.bib
      // ("Wrote 0 papers", exit 0), and a script went on with an empty file. Nothing is
      // written, to a file or to stdout, and the exit says so.
      if (file.count === 0) return fail(ctx, 'saved export', `${list}'s reading list is empty: nothing ${opts.out ? `written to ${opts.out}` : 'to export'}`, 1);
      if (opts.out) {
        try {
          await writeWholeFile(opts.out, file.content);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(err));
          return fail(ctx, 'saved export', `cannot write ${opts.out}: ${why}`, 1);
        }
        ctx.stderr.write(`Wrote ${count(file.count, 'paper')} to ${opts.out}.\n`);
      } else {
        ctx.stdout.write(file.content);
      }
    });
}

/** `paperboy search "<query>"`: full-text search over stored papers. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { wholeNumberDefault, wholeNumberOption } from '../whole-number.js';
import { openSearch } from '../app.js';
import { MAX_LIMIT } from '../../core/search/search-service.js';
import { MAX_QUERY_CHARS, parseQuery } from '../../core/search/query-parser.js';
import { emptySearchHints, noMatchText, searchNoteText } from '../../core/search/empty-hints.js';
import { fail } from '../fail.js';
import { searchHitsJson } from '../search-json.js';
import { takesFreeText } from '../free-text-args.js';
import { printJson } from '../json-output.js';
import { paperLine } from '../paper-line.js';
import { dayOf } from '../../core/papers/ingest-dates.js';

export function register(program: Command, ctx: CliContext): void {
  const search = program
    // Words given unquoted are one query ("search speculative decoding"), as a chat search takes them.
    .command('search <query...>')
    .summary('Search stored papers: words, "phrases", author:, category:, since:')
    .description(
      'Search papers by title, abstract, authors and keywords (word beginnings forgiven everywhere; typos too on SQLite, a word no stored paper has being searched as the closest stored word, and on PostgreSQL among the papers of the last PAPERBOY_SEARCH_HOT_DAYS days). ' +
        `Syntax: words, "exact phrase", a or b, -word, author:name, author:"Full Name", since:YYYY-MM-DD, category:cs.CL (at most ${MAX_QUERY_CHARS} characters). ` +
        '-word or NOT word leaves out papers with a word starting so (decoding -diffusion); a word starting with "--" goes after -- (paperboy search -- --word)',
    )
    // The hint for an unknown "--word": the usual line alone left a user no way to search it.
    .showHelpAfterError('(run with --help for usage; a query word starting with "--" goes after --: paperboy search -- --word)')
    .addOption(wholeNumberDefault('-n, --limit <N>', `at most N results (1-${MAX_LIMIT})`, 10))
    .option('--json', 'print a JSON array of {arxivId, title, score, date, publishedAt, upvotes, url} (score null for filters alone; date: published, else first stored; publishedAt: null when the source gave none); what the text output says about the answer (showing results for a corrected word, a filter that emptied it) goes to stderr')
    .action(async (words: string[], opts: { limit: string; json?: boolean }) => {
      const query = words.join(' ');
      const parsedLimit = wholeNumberOption(opts.limit, '--limit', 1, MAX_LIMIT);
      if (!parsedLimit.ok) return fail(ctx, 'search', parsedLimit.error);
      const limit = parsedLimit.value;
      // A query that can't be searched is said before the index opens (seconds at 100,000 papers).
      const parsed = parseQuery(query);
      if (!parsed.ok) return fail(ctx, 'search', parsed.error);
      const search = await openSearch(ctx, 'search');
      if (!search) return;
      // Pick up papers ingested by other processes since the snapshot was written.
      await search.refresh();
      const r = await search.search(query, { limit });
      await search.persist().catch((err) => ctx.logger.warn({ err: String(err) }, 'search index snapshot not written'));
      if (r.status === 'invalid') return fail(ctx, 'search', r.message);
      // Filters alone list papers newest first: nothing was scored, so no score is shown (the
      // window said 1.00 and the archive 0.00 for the same kind of hit).
      const scored = r.query.terms.length + r.query.phrases.length > 0;
      if (opts.json) {
        const items = await searchHitsJson(r.items, scored, (await ctx.openStores()).papers);
        printJson(ctx, items);
        // The array is the stable shape scripts read, so what the text output says about the
        // answer (a typo searched as another word, a filter that emptied it) goes to stderr.
        const note = r.items.length ? searchNoteText(r.notes) : noMatchText(r.query, r.notes);
        if (note) ctx.stderr.write(`paperboy search: ${note}\n`);
        return;
      }
      if (r.items.length === 0) {
        // Through the archive's raw read: a one-off search never loads the Prisma client.
        const stores = await ctx.openStores();
        const stored = stores.archive ? await stores.archive.countFrom(new Date(0)) : await stores.papers.count();
        const hints = emptySearchHints(r.query, { hotDays: ctx.config.PAPERBOY_SEARCH_HOT_DAYS, now: new Date(), stored, notes: r.notes });
        ctx.stdout.write(`${(stored && noMatchText(r.query, r.notes)) || 'No papers found.'}${hints.map((h) => ` ${h}`).join('')}\n`);
        return;
      }
      const note = searchNoteText(r.notes);
      if (note) ctx.stdout.write(`${note}\n`);
      for (const i of r.items) {
        const day = i.date ? dayOf(i.date) : '          ';
        ctx.stdout.write(paperLine(i.arxivId, scored ? [day, i.score.toFixed(2).padStart(7)] : [day], i.title));
      }
    });
  takesFreeText(search);
}

/** `paperboy papers list|show`: read what has been ingested. */
import type { Command } from 'commander';
import { wholeNumberDefault } from '../whole-number.js';
import type { CliContext } from '../context.js';
import { paperDate, type Paper } from '../../core/papers/paper.js';
import { listingOptions } from '../listing-options.js';
import { parseArxivId } from '../../core/papers/normalize.js';
import { truncate } from '../../core/truncate.js';
import { fail, openStoresOrFail } from '../fail.js';
import { paperIdArg } from '../paper-id.js';
import { doiAddress } from '../../core/papers/doi.js';
import { paperToJson } from '../paper-json.js';
import { readableTex } from '../../core/papers/tex.js';
import { printJson } from '../json-output.js';
import { paperLine } from '../paper-line.js';

function listLine(p: Paper): string {
  // The date search shows and the list sorts by: published, else first stored.
  const day = paperDate(p).toISOString().slice(0, 10);
  const up = p.upvotes === null ? '    ' : `▲${String(p.upvotes).padStart(3)}`;
  return paperLine(p.arxivId, [day, up], p.title);
}

function showText(p: Paper): string {
  const lines = [
    readableTex(p.title),
    `id:         ${p.arxivId}${p.version ? ` (v${p.version})` : ''}`,
    `authors:    ${p.authors.length ? truncate(p.authors.join(', '), 300) : '(unknown)'}`,
    p.publishedAt ? `published:  ${p.publishedAt.toISOString()}` : `date:       ${paperDate(p).toISOString()} (first stored; the source gave no publication date)`,
    `url:        ${p.absUrl}`,
  ];
  if (p.pdfUrl) lines.push(`pdf:        ${p.pdfUrl}`);
  if (p.doi) lines.push(`doi:        ${doiAddress(p.doi)}`);
  if (p.categories.length) lines.push(`categories: ${p.categories.join(', ')}`);
  if (p.upvotes !== null) lines.push(`upvotes:    ${p.upvotes}${p.commentCount !== null ? ` (${p.commentCount} comments)` : ''}`);
  if (p.githubRepo) lines.push(`github:     ${p.githubRepo}`);
  if (p.projectPage) lines.push(`project:    ${p.projectPage}`);
  lines.push(`sources:    ${p.sources.join(', ')}`);
  if (p.aiKeywords.length) lines.push(`keywords:   ${p.aiKeywords.join(', ')}`);
  if (p.aiSummary) lines.push('', `AI summary: ${readableTex(p.aiSummary)}`);
  lines.push('', readableTex(p.abstract) || '(no abstract)');
  return lines.join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  const papers = program.command('papers').description('List and show ingested papers');

  papers
    .command('list')
    .description('List papers, newest first')
    .option('--since <YYYY-MM-DD>', 'only papers first stored here since this day (UTC), whatever their publication date')
    .addOption(wholeNumberDefault('-n, --limit <N>', 'at most N papers', 20))
    .option('--json', 'print one JSON array (stable fields; see docs/cli.md)')
    .action(async (opts: { since?: string; limit: string; json?: boolean }) => {
      const listing = listingOptions(ctx, 'papers list', opts);
      if (!listing) return;
      const { limit, since } = listing;
      const stores = await openStoresOrFail(ctx, 'papers list');
      if (!stores) return;
      const list = await stores.papers.list({ limit, ...(since ? { since } : {}) });
      if (opts.json) {
        printJson(ctx, list.map(paperToJson));
        return;
      }
      if (list.length === 0) {
        const any = since ? (await stores.papers.list({ limit: 1 })).length > 0 : false;
        ctx.stdout.write(any ? `No papers first stored since ${opts.since} (the date shown is a paper's publication date, else when it was first stored); try an earlier --since.\n` : 'No papers yet. Run `paperboy ingest` first.\n');
      }
      for (const p of list) ctx.stdout.write(listLine(p));
    });

  papers
    .command('show')
    .description('Show one paper by arXiv id (2411.04965, 2411.04965v2, an arxiv.org URL) or feed id')
    .argument('<id>', 'paper id')
    .option('--json', 'print the paper as one JSON object (same fields as list --json)')
    .action(async (rawId: string, opts: { json?: boolean }) => {
      const id = paperIdArg(ctx, 'papers show', rawId);
      if (!id) return;
      const stores = await openStoresOrFail(ctx, 'papers show');
      if (!stores) return;
      const paper = await stores.papers.get(id);
      if (!paper) return fail(ctx, 'papers show', `no paper with id ${id} (try \`paperboy papers list\` or ingest it first)`, 1);
      if (opts.json) printJson(ctx, paperToJson(paper));
      else ctx.stdout.write(`${showText(paper)}\n`);
      // A paper is stored once, as its newest version seen: a version asked for that is not it is said, on stderr.
      const asked = parseArxivId(rawId.trim())?.version ?? null;
      // A source that gives no version (Hugging Face's daily papers) leaves none stored: "this is the
      // version last seen" named none, and read as if some other version were known to be kept.
      if (asked !== null && paper.version === null) {
        ctx.stderr.write(`paperboy papers show: the stored record of ${paper.arxivId} has no version (its source gave none), so whether it is v${asked} is not known; showing it\n`);
      } else if (asked !== null && asked !== paper.version) {
        ctx.stderr.write(`paperboy papers show: v${asked} is not stored; showing v${paper.version}, the version paperboy keeps (the newest it has seen)\n`);
      }
    });
}

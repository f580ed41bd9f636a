/**
 * `paperboy match "<topic or any text>"`: which stored papers a topic matches, with the reason
 * for each. Text that names no stored topic is matched as a free-text topic and nothing is saved.
 */
import type { Command } from 'commander';
import { wholeNumberDefault } from '../whole-number.js';
import type { CliContext } from '../context.js';
import { openApp } from '../app.js';
import { fail } from '../fail.js';
import { topicArgOk } from './topics.js';
import { paperLine } from '../paper-line.js';
import { count } from '../../core/count.js';
import { MATCH_SCAN } from '../../core/topics/match-service.js';
import { topicWordingNote, unmetNote } from '../../core/topics/free-text.js';
import { respellingNote } from '../../core/topics/spelling.js';
import { exclusionNote } from '../../core/topics/asking.js';
import { listingOptions } from '../listing-options.js';
import { takesFreeText } from '../free-text-args.js';
import { isoOrNull, printJson } from '../json-output.js';

export function register(program: Command, ctx: CliContext): void {
  const match = program
    // Words given unquoted are one topic ("match speculative decoding").
    .command('match <topic...>')
    .summary('Show which stored papers a topic or any text matches, and why')
    .description('Match stored papers against a topic (name, slug, alias) or any text, and explain each match (text is not saved)')
    .option('--since <YYYY-MM-DD>', 'only papers first seen since this day (UTC); without it the newest 5,000 papers are read')
    .addOption(wholeNumberDefault('-n, --limit <N>', 'at most N matches', 50))
    .option('--json', 'print a JSON array of {arxivId, title, score, why, publishedAt} (publishedAt: null when the source gave none)')
    .action(async (words: string[], opts: { since?: string; limit: string; json?: boolean }) => {
      const topic = words.join(' ');
      if (!topicArgOk(ctx, 'match', topic)) return;
      const listing = listingOptions(ctx, 'match', opts);
      if (!listing) return;
      const { limit, since } = listing;
      const app = await openApp(ctx, 'match');
      if (!app) return;
      const s = app.topics;
      const stored = await s.matching.matchTopic(topic, { since, limit });
      const preview = stored.status === 'unknown';
      const r = preview ? await s.matching.previewText(topic, { since, limit }) : stored;
      if (r.status !== 'ok') return fail(ctx, 'match', r.message, r.status === 'invalid' ? 2 : 1);
      if (opts.json) {
        const items = r.items.map((i) => ({ arxivId: i.arxivId, title: i.title, score: i.score, why: i.why, publishedAt: isoOrNull(i.publishedAt) }));
        printJson(ctx, items);
        return;
      }
      const what = preview ? `"${r.topic.name}" (free text, not a stored topic; nothing saved)` : r.topic.name;
      const shown = r.matched > r.items.length ? `, the best ${r.items.length} shown` : '';
      // A full scan read the newest papers only: say so, and how to reach older ones.
      // (--since counts from when papers were first stored: after a backfill that is one day for all.)
      const among =
        r.considered < MATCH_SCAN
          ? count(r.considered, 'paper')
          : opts.since === undefined
            ? `the newest ${count(r.considered, 'paper')} (--since picks older ones)`
            : `the newest ${count(r.considered, 'paper')} first stored since ${opts.since} (the most one match reads)`;
      ctx.stdout.write(`${what}: ${count(r.matched, 'match', 'matches')} among ${among}${shown}\n`);
      for (const i of r.items) {
        ctx.stdout.write(paperLine(i.arxivId, [i.score.toFixed(2)], i.title, { why: i.why }));
      }
      for (const note of [respellingNote(r.respelled), exclusionNote(r.excluded), unmetNote(r.unmet)]) if (note) ctx.stdout.write(`${note}\n`);
      const wording = topicWordingNote(r.topic);
      if (wording) ctx.stdout.write(`${wording}\n`);
      // Text close to a stored topic's name was most likely meant as that topic.
      if (preview) {
        const [typed] = await s.topics.classifyTyped([topic]);
        if (typed?.status === 'typo') ctx.stdout.write(`${typed.message}\n`);
      }
    });
  // Its text is free text, as search's is: "-distillation" is a word, not an unknown option.
  takesFreeText(match);
}

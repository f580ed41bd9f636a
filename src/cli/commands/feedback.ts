/** `paperboy feedback <topic> <arxivId> up|down`: teach a topic what is (not) relevant. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { openApp } from '../app.js';
import { normalizePaperId } from './papers.js';
import { fail, topicArgOk } from './topics.js';
import { cleanText } from '../../core/papers/normalize.js';
import { parseVerdict } from '../../core/topics/verdict.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('feedback <topic> <paper> <verdict>')
    .summary('Mark a paper up or down for a topic: its matching learns from it')
    .description('Mark a paper (arXiv id, arXiv URL or feed: id) relevant (up, 👍 in any skin tone, :+1:, :thumbsup:) or not relevant (down, 👎, :-1:, :thumbsdown:) to a topic; the topic\'s matching learns from it')
    .option('--actor <id>', 'who is marking (one mark per topic, paper and actor)', 'operator')
    .action(async (topic: string, typedId: string, typedVerdict: string, opts: { actor: string }) => {
      const verdict = parseVerdict(typedVerdict);
      if (!verdict) return fail(ctx, 'feedback', `verdict must be "up" or "down" (or 👍 / 👎, :+1: / :-1:), got "${cleanText(typedVerdict, 20)}"`);
      if (!topicArgOk(ctx, 'feedback', topic)) return;
      // Any form papers show accepts (arXiv:2411.04965v2, an abs or pdf URL) names the same paper.
      // A malformed id is a usage error; a well-formed one the database lacks is "not found" (1).
      const arxivId = normalizePaperId(typedId);
      if (!arxivId) return fail(ctx, 'feedback', `"${cleanText(typedId, 80)}" is not an arXiv id (like 2411.04965) or a feed: id`);
      const app = await openApp(ctx, 'feedback');
      if (!app) return;
      const s = app.topics;
      const r = await s.feedback.record({ topic, arxivId, actor: opts.actor, verdict });
      if (r.status === 'recorded') {
        ctx.stdout.write(`Recorded: ${r.arxivId} is ${r.verdict === 'up' ? 'relevant' : 'not relevant'} to "${r.topic.name}".\n`);
        return;
      }
      fail(ctx, 'feedback', r.message, r.status === 'invalid' ? 2 : 1);
    });
}

/** `paperboy feedback <topic> <arxivId> up|down`: teach a topic what is (not) relevant. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { openApp } from '../app.js';
import { normalizePaperId } from './papers.js';
import { fail, topicArgOk } from './topics.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('feedback <topic> <arxivId> <verdict>')
    .description('Mark a paper relevant (up) or not relevant (down) to a topic; the topic\'s matching learns from it')
    .option('--actor <id>', 'who is marking (one mark per topic, paper and actor)', 'operator')
    .action(async (topic: string, arxivId: string, verdict: string, opts: { actor: string }) => {
      if (verdict !== 'up' && verdict !== 'down') return fail(ctx, 'feedback', `verdict must be "up" or "down", got "${verdict.slice(0, 20)}"`);
      if (!topicArgOk(ctx, 'feedback', topic)) return;
      // A malformed id is a usage error; a well-formed one the database lacks is "not found" (1).
      if (!normalizePaperId(arxivId)) return fail(ctx, 'feedback', `"${arxivId.slice(0, 80)}" is not an arXiv id (like 2411.04965) or a feed: id`);
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

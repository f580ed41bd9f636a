/** `paperboy feedback <topic> <arxivId> up|down|clear`: teach a topic what is (not) relevant, or take a mark back. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { openApp } from '../app.js';
import { paperIdArg } from '../paper-id.js';
import { fail } from '../fail.js';
import { topicArgOk } from './topics.js';
import { cleanText } from '../../core/papers/normalize.js';
import { parseMarkAction } from '../../core/topics/verdict.js';
import { checkText } from '../../core/topics/names.js';
import { MAX_ACTOR_CHARS } from '../../core/topics/feedback-service.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('feedback <topic> <paper> <verdict>')
    .summary('Mark a paper up or down for a topic: its matching learns from it (clear takes the mark back)')
    .description('Mark a paper (arXiv id, arXiv URL or feed: id) relevant (up, 👍 in any skin tone, :+1:, :thumbsup:) or not relevant (down, 👎, :-1:, :thumbsdown:) to a topic; the topic\'s matching learns from it. clear takes the actor\'s mark back, and the paper is matched as before it; `topics show` lists the marks')
    .option('--actor <id>', 'who is marking (one mark per topic, paper and actor)', 'operator')
    .action(async (topic: string, typedId: string, typedVerdict: string, opts: { actor: string }) => {
      // 'clear' stands where the verdict does: one mark per topic, paper and actor, set or taken back.
      const action = parseMarkAction(typedVerdict);
      const clearing = action === 'clear';
      if (!action) return fail(ctx, 'feedback', `verdict must be "up" or "down" (or 👍 / 👎, :+1: / :-1:), or "clear" to take a mark back; got "${cleanText(typedVerdict, 20)}"`);
      if (!topicArgOk(ctx, 'feedback', topic)) return;
      // Any form papers show accepts (arXiv:2411.04965v2, an abs or pdf URL) names the same paper.
      // A malformed id is a usage error; a well-formed one the database lacks is "not found" (1).
      const arxivId = paperIdArg(ctx, 'feedback', typedId);
      if (!arxivId) return;
      // `topics show` writes the actor beside its mark: an escape sequence in it would reach the
      // terminal, and the service's one refusal ("needs an actor id") did not say what was wrong.
      const actorCheck = checkText(opts.actor, '--actor', MAX_ACTOR_CHARS);
      if (!actorCheck.ok) return fail(ctx, 'feedback', actorCheck.error);
      const actor = actorCheck.value;
      const app = await openApp(ctx, 'feedback');
      if (!app) return;
      const s = app.topics;
      if (clearing) {
        const c = await s.feedback.clear({ topic, arxivId, actor });
        if (c.status === 'cleared') {
          ctx.stdout.write(`Cleared ${actor}'s mark (${c.verdict === 'up' ? 'relevant' : 'not relevant'}) on ${c.arxivId} for "${c.topic.name}": the paper is matched as before the mark.\n`);
          return;
        }
        return fail(ctx, 'feedback', c.message, c.status === 'invalid' ? 2 : 1);
      }
      const r = await s.feedback.record({ topic, arxivId, actor, verdict: typedVerdict });
      if (r.status === 'recorded') {
        ctx.stdout.write(`${r.again ? 'Already recorded' : 'Recorded'}: ${r.arxivId} is ${r.verdict === 'up' ? 'relevant' : 'not relevant'} to "${r.topic.name}".\n`);
        return;
      }
      fail(ctx, 'feedback', r.message, r.status === 'invalid' ? 2 : 1);
    });
}

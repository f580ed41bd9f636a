/**
 * `paperboy follow add|remove|list --user slack:U… ["Name"]`: the same follow service as
 * `/papers follow author`, acting as the operator. An ambiguous name lists the candidates with
 * the command that picks each, and exits 1 having changed nothing.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { openApp } from '../app.js';
import type { AuthorCandidate } from '../../core/follows/follow-service.js';
import { operatorActor } from '../../core/subscriptions/subscriber-id.js';
import { fail } from '../fail.js';
import { ensureOrUndo } from '../../core/follows/follow-delivery.js';
import { deliveryLine } from '../delivery-line.js';
import { count } from '../../core/count.js';
import { printJson } from '../json-output.js';
import { personOf, USER_OPTION, userHelp } from '../who.js';

const USER_HELP = userHelp('the follower');

function candidates(ctx: CliContext, verb: 'add' | 'remove', user: string, typed: string, list: AuthorCandidate[], total: number): void {
  const shown = total > list.length ? ` (the ${list.length} with the most stored papers below; a full first name picks any other)` : '';
  ctx.stderr.write(`paperboy follow ${verb}: "${typed}" fits ${total} authors${shown}; run one of:\n`);
  for (const [i, c] of list.entries()) {
    const stored = verb === 'add' ? ` (${count(c.papers, 'stored paper')})` : '';
    ctx.stderr.write(`  ${i + 1}. ${c.name}${stored}: paperboy follow ${verb} --user ${user} ${JSON.stringify(c.name)}\n`);
  }
  ctx.setExitCode(1);
}

export function register(program: Command, ctx: CliContext): void {
  const follow = program.command('follow').description("Follow authors: their new papers reach a user's digest whatever the topics");

  follow
    .command('add')
    .description('Follow an author, named as on papers (e.g. --user slack:U0123ABCD "Ada Lovelace")')
    .requiredOption(USER_OPTION, USER_HELP)
    .argument('<name>', 'the author as on papers: "Ada Lovelace", "A. Lovelace", "Lovelace, Ada"')
    .action(async (name: string, opts: { user: string }) => {
      const subscriber = personOf(ctx, 'follow add', opts.user);
      if (!subscriber) return;
      const app = await openApp(ctx, 'follow add');
      if (!app) return;
      const r = await app.follows.follow(operatorActor, subscriber, name);
      switch (r.status) {
        case 'followed': {
          const reach = await ensureOrUndo({ follows: app.follows, targets: app.targets }, subscriber, r.author);
          if (!r.similar.length) ctx.stdout.write(`${subscriber.id} now follows ${r.author} (${count(r.papers, 'stored paper')}).\n`);
          else {
            ctx.stdout.write(`${subscriber.id} now follows ${r.author}; no stored paper is by that name yet. Did you mean:\n`);
            const undo = `paperboy follow remove --user ${subscriber.id} ${JSON.stringify(r.author)}`;
            for (const c of r.similar) {
              const papers = count(c.papers, 'stored paper');
              ctx.stdout.write(c.followed ? `  ${c.name} (${papers}), followed already: ${undo}\n` : `  ${c.name} (${papers}): ${undo} && paperboy follow add --user ${subscriber.id} ${JSON.stringify(c.name)}\n`);
            }
          }
          // A new DM target: where and when its first digest comes, as subscribe says it.
          if (reach.created) ctx.stdout.write(deliveryLine(reach.target, true, ctx.config));
          return;
        }
        case 'already-following':
          ctx.stdout.write(`${subscriber.id} already follows ${r.author}.\n`);
          return;
        case 'ambiguous':
          return candidates(ctx, 'add', subscriber.id, r.typed, r.candidates, r.total);
        case 'forbidden':
        case 'invalid':
          return fail(ctx, 'follow add', r.message);
      }
    });

  follow
    .command('remove')
    .description('Stop following an author')
    .requiredOption(USER_OPTION, USER_HELP)
    .argument('<name>', 'the author as followed')
    .action(async (name: string, opts: { user: string }) => {
      const subscriber = personOf(ctx, 'follow remove', opts.user);
      if (!subscriber) return;
      const app = await openApp(ctx, 'follow remove');
      if (!app) return;
      const r = await app.follows.unfollow(operatorActor, subscriber, name);
      switch (r.status) {
        case 'unfollowed':
          ctx.stdout.write(`${subscriber.id} no longer follows ${r.author}.\n`);
          return;
        case 'not-following':
          return fail(ctx, 'follow remove', `${subscriber.id} does not follow "${r.typed}"`, 1);
        case 'ambiguous':
          return candidates(ctx, 'remove', subscriber.id, r.typed, r.candidates, r.total);
        case 'forbidden':
        case 'invalid':
          return fail(ctx, 'follow remove', r.message);
      }
    });

  follow
    .command('list')
    .description('Authors a user follows')
    .requiredOption(USER_OPTION, USER_HELP)
    // As every other listing (subscriptions, channel list, saved list): a script reads the
    // follows without parsing the text, and an empty list is [] rather than a sentence.
    .option('--json', 'print a JSON array of {subscriber, author, createdBy, createdAt}')
    .action(async (opts: { user: string; json?: boolean }) => {
      const subscriber = personOf(ctx, 'follow list', opts.user);
      if (!subscriber) return;
      const app = await openApp(ctx, 'follow list');
      if (!app) return;
      const follows = await app.follows.list(subscriber.id);
      if (opts.json) {
        const items = follows.map((f) => ({ subscriber: f.subscriber, author: f.author, createdBy: f.createdBy, createdAt: f.createdAt.toISOString() }));
        printJson(ctx, items);
        return;
      }
      if (!follows.length) ctx.stdout.write(`${subscriber.id} follows no author.\n`);
      for (const f of follows) ctx.stdout.write(`${f.author}\n`);
    });
}

/**
 * App Home: the user's subscriptions (each with Unsubscribe), their digest as it stands now, and
 * their reading list (each with Remove).
 * Built from the same neutral replies the commands use, so the two can't drift apart.
 */
import type { App, webApi } from '@slack/bolt';
import { handleCommand } from '../commands/handle.js';
import type { Reply, ReplyBlock } from '../commands/reply.js';
import { slackActor } from './actor.js';
import type { SlackBlock } from './block-kit.js';
import { renderBlocks } from './commands/render-reply.js';
import { SLACK_LIMITS } from './render-limits.js';
import type { SlackContext } from './context.js';

/**
 * `answer`: what a button pressed on Home answered, shown at its top. Home has no ephemeral
 * replies: a 👍 left no thanks, and a press on a paper or topic gone since said nothing at all.
 */
export async function buildHomeView(userId: string, ctx: SlackContext, answer?: Reply, page?: number): Promise<{ type: 'home'; blocks: SlackBlock[] }> {
  const actor = slackActor(userId, undefined, {}, ctx.isManager);
  const [subs, digest, saved] = await Promise.all([
    // `page`: a page button pressed on Home turns Home's own list.
    handleCommand({ kind: 'subscriptions', ...(page ? { page } : {}) }, actor, ctx.deps),
    handleCommand({ kind: 'digest' }, actor, ctx.deps),
    // Home answers a button by republishing itself: a Save pressed here shows up in this list.
    handleCommand({ kind: 'saved', list: 'user' }, actor, ctx.deps),
  ]);
  const blocks: ReplyBlock[] = [
    ...(answer?.blocks ?? []),
    { type: 'header', text: 'Your subscriptions' },
    ...subs.blocks,
    { type: 'header', text: 'Your digest' },
    ...digest.blocks.filter((b) => b.type !== 'header'),
    { type: 'header', text: 'Your reading list' },
    ...saved.blocks.filter((b) => b.type !== 'header'),
    { type: 'context', text: 'Use /papers topics to find topics and /papers subscribe <topic> to follow one.' },
  ];
  return { type: 'home', blocks: renderBlocks(blocks, { blocks: SLACK_LIMITS.blocksPerHomeView, chars: Infinity }) };
}

export async function publishHome(client: webApi.WebClient, userId: string, ctx: SlackContext, answer?: Reply, page?: number): Promise<void> {
  const view = await buildHomeView(userId, ctx, answer, page);
  await client.views.publish({ user_id: userId, view: view as never });
}

export function registerHome(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(client, event.user, ctx);
    } catch (err) {
      ctx.logger.warn({ err: String(err) }, 'slack: views.publish failed');
    }
  });
}

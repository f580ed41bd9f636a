/**
 * App Home: the user's subscriptions (each with Unsubscribe), their digest as it stands now, and
 * their reading list (each with Remove).
 * Built from the same neutral replies the commands use, so the two can't drift apart.
 */
import type { App, webApi } from '@slack/bolt';
import { handleCommand } from '../commands/handle.js';
import type { Reply, ReplyBlock } from '../commands/reply.js';
import { slackActor } from './actor.js';
import { slackBlockChars, type SlackBlock } from './block-kit.js';
import { renderBlocks } from './commands/render-reply.js';
import { SLACK_LIMITS } from './render-limits.js';
import type { SlackContext } from './context.js';

/**
 * Blocks each section but the digest may take at most: a page of subscriptions (20 with their
 * buttons) and a page of the reading list (four papers, 11 blocks) need far fewer, and the digest, the one section
 * that grows with the day, gets what they leave of the view's 100.
 */
const SECTION_BLOCKS = 25;

/** How to see the papers Home had no room for: said after "Showing N of M papers". */
const DIGEST_OVERFLOW = '`/papers digest` shows more of them, over several messages, and your digest itself carries them all.';

/** A reply's own header (its count: "Your reading list: 200 papers, newest first") kept as a line under Home's header. */
const asLine = (blocks: ReplyBlock[]): ReplyBlock[] => blocks.map((b) => (b.type === 'header' ? { type: 'context', text: b.text } : b));

/** The page each of Home's lists shows (the first when not given). */
export interface HomePages {
  subscriptions?: number;
  saved?: number;
}

/**
 * The pages a published Home shows, read back from its `private_metadata` (Slack sends the view
 * with every press on it): a press that turns or changes one list must not send the other back to
 * its first page. Anything else there reads as first pages.
 */
export function homePagesOf(metadata: string | undefined): HomePages {
  const m = /^subscriptions=(\d{1,4});saved=(\d{1,4})$/.exec(metadata ?? '');
  return m ? { subscriptions: Number(m[1]), saved: Number(m[2]) } : {};
}

const homeMetadata = (pages: HomePages) => `subscriptions=${pages.subscriptions ?? 1};saved=${pages.saved ?? 1}`;

/**
 * `answer`: what a button pressed on Home answered, shown at its top. Home has no ephemeral
 * replies: a 👍 left no thanks, and a press on a paper or topic gone since said nothing at all.
 */
export async function buildHomeView(userId: string, ctx: SlackContext, answer?: Reply, pages: HomePages = {}): Promise<{ type: 'home'; blocks: SlackBlock[]; private_metadata: string }> {
  const actor = slackActor(userId, undefined, {}, ctx.isManager);
  const [subs, digest, saved] = await Promise.all([
    // `pages`: a page button pressed on Home turns Home's own list.
    handleCommand({ kind: 'subscriptions', ...(pages.subscriptions ? { page: pages.subscriptions } : {}) }, actor, ctx.deps),
    handleCommand({ kind: 'digest' }, actor, ctx.deps),
    // Home answers a button by republishing itself: a Save pressed here shows up in this list.
    handleCommand({ kind: 'saved', list: 'user', ...(pages.saved ? { page: pages.saved } : {}) }, actor, ctx.deps),
  ]);
  // Each section is cut on its own, so a long digest can no longer push the reading list (and
  // the words that close Home) out of the view, and each cut says what it left out.
  const section = (blocks: ReplyBlock[], overflow?: string) => renderBlocks(blocks, { blocks: SECTION_BLOCKS, chars: SLACK_LIMITS.homeViewChars / 4 }, overflow);
  const top = answer ? section(answer.blocks, answer.overflow) : [];
  const subsBlocks = section([{ type: 'header', text: 'Your subscriptions' }, ...subs.blocks]);
  const savedBlocks = section([{ type: 'header', text: 'Your reading list' }, ...asLine(saved.blocks)]);
  const closing = section([{ type: 'context', text: 'Use /papers topics to find topics and /papers subscribe <topic> to follow one.' }]);
  const fixed = [...top, ...subsBlocks, ...savedBlocks, ...closing];
  const digestHeader = section([{ type: 'header', text: 'Your digest' }]);
  const room = { blocks: SLACK_LIMITS.blocksPerHomeView - fixed.length - digestHeader.length, chars: SLACK_LIMITS.homeViewChars - slackBlockChars(fixed) };
  const digestBlocks = renderBlocks(asLine(digest.blocks), room, digest.overflow === undefined ? undefined : DIGEST_OVERFLOW);
  return { type: 'home', blocks: [...top, ...subsBlocks, ...digestHeader, ...digestBlocks, ...savedBlocks, ...closing], private_metadata: homeMetadata(pages) };
}

export async function publishHome(client: webApi.WebClient, userId: string, ctx: SlackContext, answer?: Reply, pages?: HomePages): Promise<void> {
  const view = await buildHomeView(userId, ctx, answer, pages);
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

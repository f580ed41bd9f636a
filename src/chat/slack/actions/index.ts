/**
 * Buttons on command replies, digests and App Home. Open/PDF are links (ack only); feedback
 * and subscribe act for the person who pressed, and answer privately — or refresh Home. A slow
 * answer is announced as a command's is, and one the response_url refuses goes by chat.postEphemeral
 * (late-answer.ts).
 */
import type { App, BlockAction, ButtonAction, SlackActionMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import { handleButton, redrawsList, type PressedButton } from '../../commands/actions.js';
import { slackActor } from '../actor.js';
import { SLACK_ACTIONS as ACTION } from '../block-kit.js';
import { RESPONSE_URL_LIFE_MS, respondAll, responder } from '../respond.js';
import { buttonProgressText, deliverElsewhere, progressNotice, RESPONSE_URL_MARGIN_MS, SLACK_PROGRESS_AFTER_MS } from '../late-answer.js';
import { REPLY_MESSAGES } from '../../commands/split-reply.js';
import { renderSlackReplies } from '../commands/render-reply.js';
import type { SlackContext } from '../context.js';
import { homePagesOf, publishHome } from '../home.js';
import type { SlackWorkspace } from '../permissions.js';
import type { PagedList } from '../../commands/reply.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** `topicSlug|arxivId`, the value the digest renderer and ours both put on feedback buttons. */
export function parseFeedbackValue(value: string | undefined): { topicSlug: string; arxivId: string } | null {
  const m = /^([^|]+)\|(.+)$/.exec(value ?? '');
  return m ? { topicSlug: m[1]!, arxivId: m[2]! } : null;
}

/**
 * The workspace a button was pressed in: `team` (null for a press on an org-wide surface) and
 * the org. Never `user.team_id`, which is the presser's own workspace, another one for a
 * Slack Connect member.
 */
function pressedIn(body: BlockAction<ButtonAction>): SlackWorkspace {
  const enterpriseId = body.team?.enterprise_id ?? body.enterprise?.id;
  return { ...(body.team?.id ? { teamId: body.team.id } : {}), ...(enterpriseId ? { enterpriseId } : {}) };
}

async function answer(args: ButtonArgs, pressed: PressedButton, ctx: SlackContext): Promise<void> {
  const { body, client } = args;
  const actor = slackActor(body.user.id, body.channel?.id, pressedIn(body), ctx.isManager);
  if (body.view?.type === 'home') {
    // Home's lists (subscriptions, the reading list) turn with their page buttons, and a Remove keeps
    // its page, rather than answering above Home with a second copy of the list. The other list
    // stays on its page; a Save shows the reading list from its newest, where the paper went.
    const shown = homePagesOf(body.view.private_metadata);
    const home =
      pressed.kind === 'page'
        ? publishHome(client, body.user.id, ctx, undefined, { ...shown, [pressed.list === 'saved' ? 'saved' : 'subscriptions']: pressed.page })
        : pressed.kind === 'unsave' && pressed.page !== undefined
          ? handleButton({ kind: 'unsave', list: pressed.list, arxivId: pressed.arxivId }, actor, ctx.deps).then((reply) => publishHome(client, body.user.id, ctx, reply, { ...shown, saved: pressed.page! }))
          : handleButton(pressed, actor, ctx.deps).then((reply) => publishHome(client, body.user.id, ctx, reply, pressed.kind === 'save' ? { ...shown, saved: 1 } : shown));
    await home.catch((err: unknown) => ctx.logger.warn({ err: String(err) }, 'slack: answering a button failed'));
    return;
  }
  const receivedAt = Date.now();
  // A page button (or a Remove on a reading list's page) redraws the list it sits under; any other answers beside the message pressed.
  const pageTurn = redrawsList(pressed);
  const respond = body.response_url ? responder(body.response_url) : null;
  // Slack sends a button's label with the press; the action's id if one came without.
  const label = (args.action.text as { text?: string } | undefined)?.text ?? args.action.action_id;
  // Slack shows nothing after the ack: a slow answer of its own is announced. A page turn is not:
  // the list pressed stays in view until it is redrawn, and a notice would come between.
  const progress = respond && !pageTurn ? progressNotice(respond, buttonProgressText(label), ctx.progressAfterMs ?? SLACK_PROGRESS_AFTER_MS, ctx.logger, { replace_original: false }) : null;
  let reply;
  let noticed = false;
  try {
    reply = await handleButton(pressed, actor, ctx.deps);
  } finally {
    noticed = (await progress?.settle()) ?? false;
  }
  const messages = renderSlackReplies(reply, {}, REPLY_MESSAGES - (noticed ? 1 : 0));
  const delivered = respond ? await respondAll(respond, messages, ctx.logger, 'answering a button', { replace_original: pageTurn }, { expiresAt: receivedAt + RESPONSE_URL_LIFE_MS - RESPONSE_URL_MARGIN_MS }) : 0;
  // What the response_url would not take goes to the person where they pressed (a page as a new message).
  if (delivered < messages.length && body.channel?.id) await deliverElsewhere(client, { user: body.user.id, channel: body.channel.id }, { button: label }, messages.slice(delivered), ctx.logger, ctx.dmChannel);
}

/** `list|page|words`, the value block-kit.ts puts on a list's page buttons. */
export function parsePageValue(value: string | undefined): PressedButton | null {
  const m = /^(subscriptions|topics|channel-list|saved|channel-saved)\|(\d{1,4})\|(.*)$/s.exec(value ?? '');
  return m ? { kind: 'page', list: m[1] as PagedList, page: Number(m[2]), ...(m[3] ? { filter: m[3] } : {}) } : null;
}

/** `user|arxivId` or `channel|arxivId` (and `|page` on a Remove in a list's page), the value block-kit.ts puts on Save / Remove buttons. */
export function parseSaveValue(value: string | undefined): { list: 'user' | 'channel'; arxivId: string; page?: number } | null {
  const m = /^(user|channel)\|([^|]+)(?:\|(\d{1,4}))?$/.exec(value ?? '');
  return m ? { list: m[1] as 'user' | 'channel', arxivId: m[2]!, ...(m[3] ? { page: Number(m[3]) } : {}) } : null;
}

export function registerActions(app: App, ctx: SlackContext): void {
  // Link buttons still send an action; it only needs acknowledging.
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^(${ACTION.open}|${ACTION.pdf})$`) }, async ({ ack }) => {
    await ack();
  });
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^(${ACTION.up}|${ACTION.down}|${ACTION.clear})$`) }, async (args) => {
    await args.ack();
    const parsed = parseFeedbackValue(args.action.value);
    if (!parsed) return;
    const verdict = args.action.action_id === ACTION.up ? 'up' : args.action.action_id === ACTION.down ? 'down' : 'clear';
    await answer(args, { kind: 'feedback', verdict, ...parsed }, ctx);
  });
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^(${ACTION.subscribe}|${ACTION.unsubscribe})(:|$)`) }, async (args) => {
    await args.ack();
    const [topicSlug, instead] = (args.action.value ?? '').split('|');
    if (!topicSlug) return;
    if (args.action.action_id.startsWith(ACTION.unsubscribe)) return answer(args, { kind: 'unsubscribe', topicSlug }, ctx);
    await answer(args, { kind: 'subscribe', topicSlug, ...(instead ? { instead } : {}) }, ctx);
  });
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^(${ACTION.save}|${ACTION.unsave})$`) }, async (args) => {
    await args.ack();
    const parsed = parseSaveValue(args.action.value);
    if (!parsed) return;
    const { list, arxivId, page } = parsed;
    await answer(args, args.action.action_id === ACTION.save ? { kind: 'save', list, arxivId } : { kind: 'unsave', list, arxivId, ...(page ? { page } : {}) }, ctx);
  });
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^${ACTION.page}:`) }, async (args) => {
    await args.ack();
    const parsed = parsePageValue(args.action.value);
    if (parsed) await answer(args, parsed, ctx);
  });
}

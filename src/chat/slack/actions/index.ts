/**
 * Buttons on command replies, digests and App Home. Open/PDF are links (ack only); feedback
 * and subscribe act for the person who pressed, and answer privately — or refresh Home.
 */
import type { App, BlockAction, ButtonAction, SlackActionMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import { handleButton, type PressedButton } from '../../commands/actions.js';
import { slackActor } from '../actor.js';
import { SLACK_ACTIONS as ACTION } from '../block-kit.js';
import { respondAll, responder } from '../respond.js';
import { renderSlackReplies } from '../commands/render-reply.js';
import type { SlackContext } from '../context.js';
import { publishHome } from '../home.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** `topicSlug|arxivId`, the value the digest renderer and ours both put on feedback buttons. */
export function parseFeedbackValue(value: string | undefined): { topicSlug: string; arxivId: string } | null {
  const m = /^([^|]+)\|(.+)$/.exec(value ?? '');
  return m ? { topicSlug: m[1]!, arxivId: m[2]! } : null;
}

async function answer(args: ButtonArgs, pressed: PressedButton, ctx: SlackContext): Promise<void> {
  const { body, client } = args;
  const actor = slackActor(body.user.id, body.channel?.id, ctx.isManager);
  if (body.view?.type === 'home') {
    // Home's one list is the subscriptions: its page buttons turn it, rather than answering above it with a second copy.
    const home = pressed.kind === 'page' ? publishHome(client, body.user.id, ctx, undefined, pressed.page) : handleButton(pressed, actor, ctx.deps).then((reply) => publishHome(client, body.user.id, ctx, reply));
    await home.catch((err: unknown) => ctx.logger.warn({ err: String(err) }, 'slack: answering a button failed'));
    return;
  }
  const reply = await handleButton(pressed, actor, ctx.deps);
  if (body.response_url) {
    // A page button redraws the list it sits under; any other answers beside the message pressed.
    await respondAll(responder(body.response_url), renderSlackReplies(reply), ctx.logger, 'answering a button', { replace_original: pressed.kind === 'page' });
  }
}

/** `list|page|words`, the value block-kit.ts puts on a list's page buttons. */
export function parsePageValue(value: string | undefined): PressedButton | null {
  const m = /^(subscriptions|topics|channel-list)\|(\d{1,4})\|(.*)$/s.exec(value ?? '');
  return m ? { kind: 'page', list: m[1] as 'subscriptions' | 'topics' | 'channel-list', page: Number(m[2]), ...(m[3] ? { filter: m[3] } : {}) } : null;
}

/** `user|arxivId` or `channel|arxivId`, the value block-kit.ts puts on Save / Remove buttons. */
export function parseSaveValue(value: string | undefined): { list: 'user' | 'channel'; arxivId: string } | null {
  const m = /^(user|channel)\|(.+)$/.exec(value ?? '');
  return m ? { list: m[1] as 'user' | 'channel', arxivId: m[2]! } : null;
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
    await answer(args, { kind: args.action.action_id === ACTION.save ? 'save' : 'unsave', ...parsed }, ctx);
  });
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^${ACTION.page}:`) }, async (args) => {
    await args.ack();
    const parsed = parsePageValue(args.action.value);
    if (parsed) await answer(args, parsed, ctx);
  });
}

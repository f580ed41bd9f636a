/**
 * `/papers …` on Slack: ack at once (with the answer itself when no database work is needed),
 * otherwise ack empty and answer through `respond()` once the core has spoken. Slack shows
 * nothing after an empty ack, so an answer slower than SLACK_PROGRESS_AFTER_MS is announced by
 * one ephemeral "Still working on …" first; an answer the response_url will not take goes to the
 * person by chat.postEphemeral instead of being lost (late-answer.ts).
 */
import type { App } from '@slack/bolt';
import { handleParsed } from '../../commands/handle.js';
import { parseCommandText } from '../../commands/parse.js';
import { REPLY_MESSAGES } from '../../commands/split-reply.js';
import { slackActor } from '../actor.js';
import { postAccessMemory, slackPostAccess } from '../post-access.js';
import type { SlackContext } from '../context.js';
import { renderSlackReplies, renderSlackReply } from './render-reply.js';
import { withUpload } from './reply-file.js';
import { sendLater } from '../later-message.js';
import { RESPONSE_URL_LIFE_MS, respondAll, responder } from '../respond.js';
import { unescapeSlack } from '../../text/slack-escape.js';
import { deliverElsewhere, progressNotice, progressText, RESPONSE_URL_MARGIN_MS, SLACK_PROGRESS_AFTER_MS } from '../late-answer.js';

export function registerPapersCommand(app: App, ctx: SlackContext): void {
  // Channels known to take the bot's posts, across commands: the check is a Tier 3 call.
  const knownAccess = postAccessMemory();
  app.command('/papers', async ({ command, ack, client, context }) => {
    const receivedAt = Date.now();
    const typed = unescapeSlack(command.text ?? '');
    const parsed = parseCommandText(typed);
    // The app's name in this workspace, from authorize.ts's auth.test: what /invite takes here.
    const botName = typeof context.botName === 'string' ? context.botName : undefined;
    // Its user id too (auth.test user_id), to name it by a real mention where Slack draws one.
    const bot = botName && typeof context.botUserId === 'string' ? { bot: { name: botName, userId: context.botUserId } } : {};
    const actor = slackActor(command.user_id, command.channel_id, { teamId: command.team_id, ...(command.enterprise_id ? { enterpriseId: command.enterprise_id } : {}) }, ctx.isManager, slackPostAccess(client, botName, { memory: knownAccess }), botName);
    const immediate = parsed.status !== 'ok' || parsed.command.kind === 'help';
    if (immediate) {
      await ack(renderSlackReply(await handleParsed(parsed, actor, ctx.deps), bot));
      return;
    }
    await ack();
    const respond = responder(command.response_url);
    const progress = progressNotice(respond, progressText(typed), ctx.progressAfterMs ?? SLACK_PROGRESS_AFTER_MS, ctx.logger);
    let reply;
    let noticed = false;
    try {
      reply = await handleParsed(parsed, actor, ctx.deps);
      if (reply.file) reply = await withUpload(reply, reply.file, client, command.user_id, command.channel_id, ctx, botName);
    } finally {
      // Also when the work failed: no notice may come after it.
      noticed = await progress.settle();
    }
    // Papers past one message go on in further posts to the same response_url, within the uses the notice left.
    const messages = renderSlackReplies(reply, bot, REPLY_MESSAGES - (noticed ? 1 : 0));
    const expiresAt = receivedAt + RESPONSE_URL_LIFE_MS - RESPONSE_URL_MARGIN_MS;
    const to = { user: command.user_id, channel: command.channel_id };
    const delivered = await respondAll(respond, messages, ctx.logger, 'answering /papers through response_url', {}, { expiresAt });
    if (delivered < messages.length) await deliverElsewhere(client, to, { command: typed }, messages.slice(delivered), ctx.logger, ctx.dmChannel);
    // A check the answer went without (Slack slow to say whether paperboy may post here) follows when it speaks.
    const usesLeft = delivered < messages.length ? 0 : REPLY_MESSAGES - messages.length - (noticed ? 1 : 0);
    if (reply.later) await sendLater(reply.later, { respond, usesLeft, expiresAt, client, to, typed, render: bot }, ctx);
  });
}

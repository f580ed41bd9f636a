/**
 * `/papers …` on Slack: ack at once (with the answer itself when no database work is needed),
 * otherwise ack empty and answer through `respond()` once the core has spoken.
 */
import type { App } from '@slack/bolt';
import { handleParsed } from '../../commands/handle.js';
import { parseCommandText } from '../../commands/parse.js';
import { slackActor } from '../actor.js';
import { slackPostAccess } from '../post-access.js';
import type { SlackContext } from '../context.js';
import { renderSlackReplies, renderSlackReply } from './render-reply.js';
import { withUpload } from './reply-file.js';
import { respondAll, responder } from '../respond.js';
import { unescapeSlack } from '../../text/slack-escape.js';

export function registerPapersCommand(app: App, ctx: SlackContext): void {
  app.command('/papers', async ({ command, ack, client, context }) => {
    const parsed = parseCommandText(unescapeSlack(command.text ?? ''));
    // The app's name in this workspace, from authorize.ts's auth.test: what /invite takes here.
    const botName = typeof context.botName === 'string' ? context.botName : undefined;
    // Its user id too (auth.test user_id), to name it by a real mention where Slack draws one.
    const bot = botName && typeof context.botUserId === 'string' ? { bot: { name: botName, userId: context.botUserId } } : {};
    const actor = slackActor(command.user_id, command.channel_id, ctx.isManager, slackPostAccess(client, botName), botName);
    const immediate = parsed.status !== 'ok' || parsed.command.kind === 'help';
    if (immediate) {
      await ack(renderSlackReply(await handleParsed(parsed, actor, ctx.deps), bot));
      return;
    }
    await ack();
    let reply = await handleParsed(parsed, actor, ctx.deps);
    if (reply.file) reply = await withUpload(reply, reply.file, client, command.user_id, command.channel_id, ctx);
    // Papers past one message go on in further posts to the same response_url.
    await respondAll(responder(command.response_url), renderSlackReplies(reply, bot), ctx.logger, 'answering /papers through response_url');
  });
}

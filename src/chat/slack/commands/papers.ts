/**
 * `/papers …` on Slack: ack at once (with the answer itself when no database work is needed),
 * otherwise ack empty and answer through `respond()` once the core has spoken. Slack shows
 * nothing after an empty ack, so an answer slower than SLACK_PROGRESS_AFTER_MS is announced by
 * one ephemeral "Still working on …" first; an answer the response_url will not take goes to the
 * person by chat.postEphemeral instead of being lost.
 */
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../core/ports.js';
import { handleParsed } from '../../commands/handle.js';
import { parseCommandText } from '../../commands/parse.js';
import { REPLY_MESSAGES } from '../../commands/split-reply.js';
import { slackActor } from '../actor.js';
import { slackPostAccess } from '../post-access.js';
import type { SlackContext } from '../context.js';
import { renderSlackReplies, renderSlackReply, type SlackReplyMessage } from './render-reply.js';
import { withUpload } from './reply-file.js';
import { RESPONSE_URL_LIFE_MS, respondAll, responder } from '../respond.js';
import { slackName, unescapeSlack } from '../../text/slack-escape.js';
import { oneLine } from '../../text/clean.js';

/**
 * How long after the ack an answer may take before the person is told it is on its way: Discord
 * shows "thinking…" after a deferred reply, Slack shows nothing, and a busy channel's commands
 * queue behind each other (8 run at once) for seconds.
 */
export const SLACK_PROGRESS_AFTER_MS = 2000;

/** Slack sent the response_url a moment before we read it: its 30 minutes are counted from a little earlier. */
const RESPONSE_URL_MARGIN_MS = 10_000;

/** The notice's text: the command as typed, in a code span (its own backticks as look-alikes), on one line. */
export function progressText(commandText: string): string {
  const typed = oneLine(`/papers ${commandText}`.trim());
  return `Still working on \`${slackName(typed, 120)}\`…`;
}

/**
 * Posts the progress notice if `settle` has not been called within `afterMs`. `settle` waits for
 * a notice under way (so that it cannot land after the answer) and says whether one was sent:
 * then it took one of the response_url's five uses. One try only: a notice is not worth holding
 * the answer back for retries.
 */
function progressNotice(post: (message: object) => Promise<unknown>, text: string, afterMs: number, logger: Logger): { settle(): Promise<boolean> } {
  let posting: Promise<void> | null = null;
  const timer = setTimeout(() => {
    posting = post({ response_type: 'ephemeral', text }).then(
      () => undefined,
      (err: unknown) => logger.warn({ err: String(err) }, 'slack: the "still working" notice failed'),
    );
  }, afterMs);
  return {
    async settle() {
      clearTimeout(timer);
      if (!posting) return false;
      await posting;
      // Counted even when it failed: Slack may have taken the use before answering badly.
      return true;
    },
  };
}

/**
 * The messages the response_url did not take, to the person in the same channel (or DM) by
 * chat.postEphemeral: the next way Slack offers. When that fails too, the loss is logged as such.
 */
async function deliverElsewhere(client: WebClient, user: string, channel: string, commandText: string, messages: readonly SlackReplyMessage[], logger: Logger): Promise<void> {
  for (const [i, m] of messages.entries()) {
    try {
      await client.chat.postEphemeral({ channel, user, text: m.text, blocks: m.blocks });
    } catch (err) {
      logger.error({ err: err instanceof Error ? err.message : String(err), channel, user, command: commandText.slice(0, 80), lost: messages.length - i }, 'slack: an answer was lost: the response_url refused it and chat.postEphemeral failed too');
      return;
    }
  }
  logger.warn({ channel, user, messages: messages.length }, 'slack: the response_url refused an answer; it went by chat.postEphemeral instead');
}

export function registerPapersCommand(app: App, ctx: SlackContext): void {
  app.command('/papers', async ({ command, ack, client, context }) => {
    const receivedAt = Date.now();
    const typed = unescapeSlack(command.text ?? '');
    const parsed = parseCommandText(typed);
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
    const respond = responder(command.response_url);
    const progress = progressNotice(respond, progressText(typed), ctx.progressAfterMs ?? SLACK_PROGRESS_AFTER_MS, ctx.logger);
    let reply;
    let noticed = false;
    try {
      reply = await handleParsed(parsed, actor, ctx.deps);
      if (reply.file) reply = await withUpload(reply, reply.file, client, command.user_id, command.channel_id, ctx);
    } finally {
      // Also when the work failed: no notice may come after it.
      noticed = await progress.settle();
    }
    // Papers past one message go on in further posts to the same response_url, within the uses the notice left.
    const messages = renderSlackReplies(reply, bot, REPLY_MESSAGES - (noticed ? 1 : 0));
    const delivered = await respondAll(respond, messages, ctx.logger, 'answering /papers through response_url', {}, { expiresAt: receivedAt + RESPONSE_URL_LIFE_MS - RESPONSE_URL_MARGIN_MS });
    if (delivered < messages.length) await deliverElsewhere(client, command.user_id, command.channel_id, typed, messages.slice(delivered), ctx.logger);
  });
}

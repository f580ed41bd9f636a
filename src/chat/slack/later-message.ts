/**
 * The message that follows a command's answer when a check the answer could not wait for speaks
 * afterwards (commands/post-access.ts: Slack slow to say whether paperboy can post in the channel,
 * and then saying it cannot). It goes on the command's response_url while that has uses and time
 * left, otherwise where a late answer goes (late-answer.ts), and names the command it answers:
 * it comes seconds after the answer, perhaps below others.
 */
import type { WebClient } from '@slack/web-api';
import { describeError } from '../../core/error-text.js';
import { withTimeout } from '../../core/timeout.js';
import { truncate } from '../../core/truncate.js';
import type { Reply } from '../commands/reply.js';
import { oneLine } from '../text/clean.js';
import { renderSlackReply, type SlackReplyOptions } from './commands/render-reply.js';
import type { SlackContext } from './context.js';
import { deliverElsewhere } from './late-answer.js';
import { respondAll } from './respond.js';

/** How long a late check is waited for: past it, what the answer said (not checked in time) stands. */
export const LATER_MAX_MS = 60_000;

export interface LaterRoute {
  respond: (message: object) => Promise<unknown>;
  /** The response_url's uses the answer left (it takes 5). */
  usesLeft: number;
  /** When the response_url stops taking messages. */
  expiresAt: number;
  client: WebClient;
  to: { user: string; channel: string };
  /** The command as typed, after `/papers`. */
  typed: string;
  render?: SlackReplyOptions;
}

/** The lead naming the command: its backticks as look-alikes, so the code span stays whole. */
function lead(typed: string): string {
  return `About \`${truncate(oneLine(`/papers ${typed}`.trim()).replaceAll('`', 'ˋ'), 120)}\`:`;
}

export async function sendLater(later: Promise<Reply | null>, route: LaterRoute, ctx: SlackContext): Promise<void> {
  let reply: Reply | null;
  try {
    reply = await withTimeout(later, LATER_MAX_MS, `no answer in ${LATER_MAX_MS / 1000} s`);
  } catch (err) {
    ctx.logger.warn({ err: describeError(err), channel: route.to.channel, user: route.to.user }, 'slack: a check the answer could not wait for never answered; the answer said it was not checked in time');
    return;
  }
  if (!reply) return;
  const message = renderSlackReply({ ...reply, text: `${lead(route.typed)} ${reply.text}`, blocks: [{ type: 'context', text: lead(route.typed) }, ...reply.blocks] }, route.render);
  const sent = route.usesLeft > 0 ? await respondAll(route.respond, [message], ctx.logger, 'following up /papers through response_url', {}, { expiresAt: route.expiresAt }) : 0;
  if (sent < 1) await deliverElsewhere(route.client, route.to, { command: route.typed }, [message], ctx.logger, ctx.dmChannel);
}

/**
 * What a Slack command or button does when its answer is late or its response_url will not take
 * it: Slack shows nothing after an empty ack, so an answer slower than SLACK_PROGRESS_AFTER_MS is
 * announced by one ephemeral "Still working on …"; an answer the response_url refuses goes to the
 * person by chat.postEphemeral; an answer that refuses too is logged as lost, with what it said.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../core/ports.js';
import { slackName } from '../text/slack-escape.js';
import { oneLine } from '../text/clean.js';
import type { SlackReplyMessage } from './commands/render-reply.js';
import { SLACK_LIMITS } from './render-limits.js';

/**
 * How long after the ack an answer may take before the person is told it is on its way: Discord
 * shows "thinking…" after a deferred reply, Slack shows nothing, and a busy channel's commands
 * queue behind each other (8 run at once) for seconds.
 */
export const SLACK_PROGRESS_AFTER_MS = 2000;

/** Slack sent the response_url a moment before we read it: its 30 minutes are counted from a little earlier. */
export const RESPONSE_URL_MARGIN_MS = 10_000;

/** A command's notice: the command as typed, in a code span (its own backticks as look-alikes), on one line. */
export function progressText(commandText: string): string {
  const typed = oneLine(`/papers ${commandText}`.trim());
  return `Still working on \`${slackName(typed, 120)}\`…`;
}

/** A button's notice: the button's label, as the person saw it on the message they pressed. */
export function buttonProgressText(label: string): string {
  return `Still working on “${slackName(oneLine(label), 75)}”…`;
}

/**
 * Posts the progress notice (with `extra`: a button's `replace_original: false`, so that the
 * message pressed stays) if `settle` has not been called within `afterMs`. `settle` waits for a
 * notice under way (so that it cannot land after the answer) and says whether one was sent: then
 * it took one of the response_url's five uses. One try only: a notice is not worth holding the
 * answer back for retries.
 */
export function progressNotice(post: (message: object) => Promise<unknown>, text: string, afterMs: number, logger: Logger, extra: object = {}): { settle(): Promise<boolean> } {
  let posting: Promise<void> | null = null;
  const timer = setTimeout(() => {
    posting = post({ response_type: 'ephemeral', ...extra, text }).then(
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
 * The messages the response_url did not take, by the next way Slack offers: an ephemeral one
 * (every answer paperboy gives today) to the person in the same channel (or DM) by
 * chat.postEphemeral; one meant for the whole channel (`in_channel`) to the channel by
 * chat.postMessage, and when the bot may not post there, to the person privately with a note that
 * says so, rather than quietly. When that fails too, the loss is logged with whom it was for, what
 * was asked (`asked`: the command or the button) and the first lost message's text, so that an
 * operator can tell the person.
 */
export async function deliverElsewhere(client: WebClient, to: { user: string; channel: string }, asked: { command: string } | { button: string }, messages: readonly SlackReplyMessage[], logger: Logger): Promise<void> {
  const { user, channel } = to;
  for (const [i, m] of messages.entries()) {
    try {
      if (m.response_type !== 'in_channel' || !(await toChannel(client, channel, m, logger))) await client.chat.postEphemeral({ channel, user, text: m.text, blocks: m.response_type === 'in_channel' ? withPrivateNote(m.blocks) : m.blocks });
    } catch (err) {
      const what = 'command' in asked ? { command: asked.command.slice(0, 80) } : { button: asked.button.slice(0, 80) };
      logger.error({ err: err instanceof Error ? err.message : String(err), channel, user, ...what, lost: messages.length - i, text: m.text.slice(0, 300) }, 'slack: an answer was lost: the response_url refused it and chat.postEphemeral failed too');
      return;
    }
  }
  logger.warn({ channel, user, messages: messages.length }, 'slack: the response_url refused an answer; it went by chat.postEphemeral (a channel answer by chat.postMessage) instead');
}

/** Posts a channel answer to the channel; false (logged) when Slack will not take it there. */
async function toChannel(client: WebClient, channel: string, m: SlackReplyMessage, logger: Logger): Promise<boolean> {
  try {
    await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks });
    return true;
  } catch (err) {
    logger.warn({ err: err instanceof Error ? err.message : String(err), channel }, 'slack: a channel answer could not be posted in the channel; it goes to the person privately');
    return false;
  }
}

/** A channel answer shown privately, first saying so (when a block is left for it). */
function withPrivateNote(blocks: SlackReplyMessage['blocks']): SlackReplyMessage['blocks'] {
  if (blocks.length >= SLACK_LIMITS.blocksPerMessage) return blocks;
  const note = { type: 'context', elements: [{ type: 'mrkdwn', text: 'This answer was meant for the channel, but I could not post there: only you can see it.' }] };
  return [note as SlackReplyMessage['blocks'][number], ...blocks];
}

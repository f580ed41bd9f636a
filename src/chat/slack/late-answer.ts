/**
 * What a Slack command or button does when its answer is late or its response_url will not take
 * it: Slack shows nothing after an empty ack, so an answer slower than SLACK_PROGRESS_AFTER_MS is
 * announced by one ephemeral "Still working on …"; an answer the response_url refuses goes to the
 * person by chat.postEphemeral, or to their DM when Slack will not show them anything in that
 * channel; an answer refused there too is logged as lost, with what it said.
 */
import type { WebClient } from '@slack/web-api';
import { slackRateLimit } from './rate-limit.js';
import { realSleep, type Sleep } from '../../core/sleep.js';
import type { Logger } from '../../core/ports.js';
import { slackName } from '../text/slack-escape.js';
import { oneLine } from '../text/clean.js';
import type { SlackReplyMessage } from './commands/render-reply.js';
import { SLACK_LIMITS } from './render-limits.js';
import { describeError } from '../../core/error-text.js';
import { openSlackDm } from './upload.js';

/**
 * How long after the ack an answer may take before the person is told it is on its way: Discord
 * shows "thinking…" after a deferred reply, Slack shows nothing, and a busy channel's commands
 * queue behind each other (8 run at once) for seconds.
 */
export const SLACK_PROGRESS_AFTER_MS = 2000;

/** Slack sent the response_url a moment before we read it: its 30 minutes are counted from a little earlier. */
export const RESPONSE_URL_MARGIN_MS = 10_000;

/** A command as typed, in a code span (its own backticks as look-alikes), on one line. */
function commandSpan(commandText: string): string {
  return `\`${slackName(oneLine(`/papers ${commandText}`.trim()), 120)}\``;
}

/** A command's notice. */
export function progressText(commandText: string): string {
  return `Still working on ${commandSpan(commandText)}…`;
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
 * Slack's refusals of chat.postEphemeral that say the channel cannot show the person anything:
 * they are not in it (a Slack Connect channel, one they left), or the bot cannot see it (a
 * private channel or another person's DM it was not invited to), or it was archived. The
 * person's DM with the bot still can. Other failures (rate limits, a lost response) are not
 * retried there: the message may have been shown already.
 */
const CHANNEL_REFUSALS = new Set(['user_not_in_channel', 'channel_not_found', 'not_in_channel', 'is_archived']);

/**
 * The messages the response_url did not take, by the next way Slack offers: an ephemeral one
 * (every answer paperboy gives today) to the person in the same channel (or DM) by
 * chat.postEphemeral; one meant for the whole channel (`in_channel`) to the channel by
 * chat.postMessage, and when the bot may not post there, to the person privately with a note that
 * says so, rather than quietly. When Slack will not show the person anything in that channel, the
 * answer goes to their DM with the bot (opened by `openDm`, the app's resolver that remembers
 * DMs), first saying which command or button it answers, since it arrives away from where it was
 * asked; the rest of a long answer follows it there. A short rate limit (a second's Retry-After)
 * is waited out on the way. When that fails too, the loss is logged with
 * whom it was for, what was asked (`asked`: the command or the button) and the first lost
 * message's text, so that an operator can tell the person.
 */
export async function deliverElsewhere(
  client: WebClient,
  to: { user: string; channel: string },
  asked: { command: string } | { button: string },
  messages: readonly SlackReplyMessage[],
  logger: Logger,
  openDm: (userId: string) => Promise<string> = (u) => openSlackDm(client, u),
  sleep: Sleep = realSleep,
): Promise<void> {
  const { user, channel } = to;
  const chat = {
    postMessage: (args: Parameters<WebClient['chat']['postMessage']>[0]) => waitingOutLimits(() => client.chat.postMessage(args), sleep),
    postEphemeral: (args: Parameters<WebClient['chat']['postEphemeral']>[0]) => waitingOutLimits(() => client.chat.postEphemeral(args), sleep),
  };
  const lost = (i: number, err: unknown, dmErr?: unknown) => {
    const what = 'command' in asked ? { command: asked.command.slice(0, 80) } : { button: asked.button.slice(0, 80) };
    const how = dmErr === undefined ? 'chat.postEphemeral failed too' : "chat.postEphemeral and the person's DM failed too";
    logger.error({ err: describeError(err), ...(dmErr === undefined ? {} : { dm: describeError(dmErr) }), channel, user, ...what, lost: messages.length - i, text: messages[i]!.text.slice(0, 300) }, `slack: an answer was lost: the response_url refused it and ${how}`);
  };
  let dm: string | null = null;
  let channelRefusal: unknown;
  for (const [i, m] of messages.entries()) {
    const privately = { text: m.text, blocks: m.response_type === 'in_channel' ? withPrivateNote(m.blocks) : m.blocks };
    if (dm) {
      // The channel refused this answer already: the rest of it follows the first part.
      const sent = await chat.postMessage({ channel: dm, ...privately }).then(() => null, (err: unknown) => ({ err }));
      if (sent) return lost(i, channelRefusal, sent.err);
      continue;
    }
    if (m.response_type === 'in_channel' && (await toChannel(chat, channel, m, logger))) continue;
    const refused = await chat.postEphemeral({ channel, user, ...privately }).then(() => null, (err: unknown) => ({ err }));
    if (!refused) continue;
    if (!CHANNEL_REFUSALS.has(slackError(refused.err) ?? '')) return lost(i, refused.err);
    channelRefusal = refused.err;
    try {
      dm = await openDm(user);
      await postAnswerToDm(chat, dm, answeredText(asked, channel), privately);
    } catch (dmErr) {
      return lost(i, refused.err, dmErr);
    }
    logger.warn({ err: describeError(refused.err), channel, user }, "slack: chat.postEphemeral refused an answer in its channel; it went to the person's DM");
  }
  logger.warn({ channel, user, messages: messages.length, ...(dm ? { dm } : {}) }, 'slack: the response_url refused an answer; it went by chat.postEphemeral (a channel answer by chat.postMessage, or the DM) instead');
}

/** chat.postMessage, waiting out a short rate limit. */
type Poster = { postMessage(args: Parameters<WebClient['chat']['postMessage']>[0]): Promise<unknown> };

/**
 * The longest Retry-After waited out (up to three times a message): chat.postMessage takes about
 * one message a second per channel with a short burst, so the fourth part of a long answer to one
 * DM meets a 429 asking for a second. Nobody waits on these answers any more (the response_url
 * is gone), and a refused 429 posted nothing, so a retry cannot post twice.
 */
const SHORT_LIMIT_MS = 5000;

async function waitingOutLimits<T>(call: () => Promise<T>, sleep: Sleep): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const waitMs = slackRateLimit(err)?.retryAfterMs ?? null;
      if (waitMs === null || waitMs > SHORT_LIMIT_MS || attempt >= 3) throw err;
      await sleep(waitMs);
    }
  }
}

/** Slack's error code on a refused Web API call (`data.error`), if it said one. */
function slackError(err: unknown): string | undefined {
  const code = (err as { data?: { error?: unknown } }).data?.error;
  return typeof code === 'string' ? code : undefined;
}

/** What a DM'd answer answers, and where it was asked: it arrives away from the channel. */
function answeredText(asked: { command: string } | { button: string }, channel: string): string {
  // A DM with someone else has no name the person can follow; a channel is drawn by its mention.
  const where = channel.startsWith('D') ? 'in a direct message' : `in <#${channel}>`;
  const what = 'command' in asked ? commandSpan(asked.command) : `your press on “${slackName(oneLine(asked.button), 75)}”`;
  return `This answers ${what} ${where}: Slack would not let me answer you there.`;
}

/** The first DM'd message, led by what it answers: in a context block when one is left for it, else as a message before it. */
async function postAnswerToDm(chat: Poster, dm: string, note: string, m: { text: string; blocks: SlackReplyMessage['blocks'] }): Promise<void> {
  if (m.blocks.length >= SLACK_LIMITS.blocksPerMessage) {
    await chat.postMessage({ channel: dm, text: note });
    await chat.postMessage({ channel: dm, ...m });
    return;
  }
  const context = { type: 'context', elements: [{ type: 'mrkdwn', text: note }] } as SlackReplyMessage['blocks'][number];
  await chat.postMessage({ channel: dm, text: `${note}\n${m.text}`, blocks: [context, ...m.blocks] });
}

/** Posts a channel answer to the channel; false (logged) when Slack will not take it there. */
async function toChannel(chat: Poster, channel: string, m: SlackReplyMessage, logger: Logger): Promise<boolean> {
  try {
    await chat.postMessage({ channel, text: m.text, blocks: m.blocks });
    return true;
  } catch (err) {
    logger.warn({ err: describeError(err), channel }, 'slack: a channel answer could not be posted in the channel; it goes to the person privately');
    return false;
  }
}

/** A channel answer shown privately, first saying so (when a block is left for it). */
function withPrivateNote(blocks: SlackReplyMessage['blocks']): SlackReplyMessage['blocks'] {
  if (blocks.length >= SLACK_LIMITS.blocksPerMessage) return blocks;
  const note = { type: 'context', elements: [{ type: 'mrkdwn', text: 'This answer was meant for the channel, but I could not post there: only you can see it.' }] };
  return [note as SlackReplyMessage['blocks'][number], ...blocks];
}

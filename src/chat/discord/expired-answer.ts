/**
 * The rest of an answer whose interaction token Discord no longer takes: a token lasts 15 minutes
 * after the interaction (401 50027 Invalid Webhook Token, or 404 10015 Unknown Webhook after it),
 * and a follow-up held up past them by rate limits was refused, so the papers after it were lost
 * without a word. They go to the person's DM with the bot instead (a bot may open one with any
 * member of a server it shares), led by a note saying which command they continue, since they
 * arrive away from where it was asked; when the DM is refused too (DMs closed), the loss is
 * logged once, with what was asked. Each message is sent once: a refused one is not retried.
 */
import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { Logger } from '../../core/ports.js';
import { describeError } from '../../core/error-text.js';
import { oneLine, spliced } from '../text/clean.js';
import { discordText } from '../text/discord-escape.js';
import type { DiscordMessage } from './components.js';
import { dmResolver } from '../text/dm-channel-cache.js';
import { openDiscordDm } from './notifier.js';

/** Invalid Webhook Token; Unknown Webhook. */
const EXPIRED_TOKEN_CODES = new Set([50027, 10015]);

/** Whether Discord refused an interaction webhook call because its token is no longer valid. */
export function isExpiredToken(err: unknown): boolean {
  return err instanceof DiscordAPIError && EXPIRED_TOKEN_CODES.has(Number(err.code));
}

/** The DM's first words: which command the messages after it continue. */
export function continuedNote(asked: string): string {
  const typed = spliced(oneLine(asked)).slice(0, 150);
  // A command in a code span, as typed; a button by its label.
  const what = typed.startsWith('/') ? `\`${typed}\`` : typed;
  return discordText(`This continues your answer to ${what}: Discord gives an answer 15 minutes, and they ran out before all of it was shown.`, 2000);
}

/** A message as a DM takes it: no ephemeral flag (a DM is private already). */
export type DmMessage = Omit<DiscordMessage, 'flags'>;

function asDm(message: DiscordMessage): DmMessage {
  const { flags: _ephemeral, ...rest } = message;
  return rest;
}

/**
 * `messages`: the answer's messages from the first the token refused (`refusal`). `toDm` sends one
 * to the person's DM (opening it first as the caller knows how). `asked`: the command as the
 * person typed it (`/papers search query:codec`) or the button they pressed.
 */
export async function answerRestInDm(toDm: (message: DmMessage) => Promise<unknown>, asked: string, messages: readonly DiscordMessage[], refusal: unknown, logger: Logger): Promise<void> {
  let sent = 0;
  try {
    await toDm({ content: continuedNote(asked), embeds: [], components: [], allowed_mentions: { parse: [] } });
    for (; sent < messages.length; sent++) await toDm(asDm(messages[sent]!));
    logger.warn({ err: describeError(refusal), asked: asked.slice(0, 80), messages: messages.length }, "discord: the interaction token expired mid-answer; the rest went to the person's DM");
  } catch (err) {
    logger.error({ err: describeError(refusal), dm: describeError(err), asked: asked.slice(0, 80), lost: messages.length - sent }, "discord: an answer was lost: its interaction token expired and the person's DM refused the rest");
  }
}

/**
 * Sends to a person's DM with the bot over `rest` (it must carry the bot token): the DM opened
 * once, the way the notifier opens a DM digest's.
 */
export function dmSender(rest: REST, userId: string): (message: DmMessage) => Promise<unknown> {
  const dmChannel = dmResolver(openDiscordDm(rest));
  return async (message) => {
    const channel = dmChannel(userId);
    const { files, ...body } = message;
    // With files discord.js sends multipart: `payload_json` plus `files[n]`, which `attachments` names.
    const attachments = files?.map((f, id) => ({ id, filename: f.name }));
    return rest.post(Routes.channelMessages(await channel), {
      body: { ...body, ...(attachments ? { attachments } : {}) },
      ...(files ? { files: files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })) } : {}),
    });
  };
}

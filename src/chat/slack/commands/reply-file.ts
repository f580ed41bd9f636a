/** A reply carrying a file: upload it, then say where it went (or why it could not go). */
import type { WebClient } from '@slack/web-api';
import { ephemeral, type Reply, type ReplyFile } from '../../commands/reply.js';
import type { SlackContext } from '../context.js';
import { uploadReplyFile } from '../upload.js';
import { letInText } from '../../text/let-in.js';

/**
 * Slack's refusals of a channel's file that mean paperboy is not in the channel (a private one
 * hides itself from apps not in it): the fix is to invite it, not the files:write scope.
 */
const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found']);

/** `botName`: the app's name in this workspace (auth.test), which /invite takes. */
export async function withUpload(reply: Reply, file: ReplyFile, client: WebClient, userId: string, channelId: string, ctx: SlackContext, botName?: string): Promise<Reply> {
  const outcome = await uploadReplyFile(client, file, { userId, channelId }, ctx.dmChannel);
  if (outcome.status === 'uploaded') {
    const where = file.audience === 'private' ? 'in your direct messages with me' : 'in this channel';
    return ephemeral(`${reply.text} The file ${file.filename} is ${where}.`);
  }
  ctx.logger.warn({ err: outcome.error }, 'slack: file upload failed');
  if (file.audience !== 'private' && NOT_IN_CHANNEL.has(outcome.error)) {
    return ephemeral(`I could not share ${file.filename} here: paperboy is not in this channel (Slack: ${outcome.error}). ${letInText('slack', undefined, botName)}, then export again. Nothing was lost.`);
  }
  return ephemeral(`I could not upload ${file.filename} (Slack said: ${outcome.error}). Nothing was lost; try again, or ask an admin whether the app may upload files (files:write).`);
}

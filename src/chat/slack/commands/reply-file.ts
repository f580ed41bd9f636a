/** A reply carrying a file: upload it, then say where it went (or why it could not go). */
import type { WebClient } from '@slack/web-api';
import { ephemeral, type Reply, type ReplyFile } from '../../commands/reply.js';
import type { SlackContext } from '../context.js';
import { uploadReplyFile } from '../upload.js';

export async function withUpload(reply: Reply, file: ReplyFile, client: WebClient, userId: string, channelId: string, ctx: SlackContext): Promise<Reply> {
  const outcome = await uploadReplyFile(client, file, { userId, channelId }, ctx.dmChannel);
  if (outcome.status === 'uploaded') {
    const where = file.audience === 'private' ? 'in your direct messages with me' : 'in this channel';
    return ephemeral(`${reply.text} The file ${file.filename} is ${where}.`);
  }
  ctx.logger.warn({ err: outcome.error }, 'slack: file upload failed');
  return ephemeral(`I could not upload ${file.filename} (Slack said: ${outcome.error}). Nothing was lost; try again, or ask an admin whether the app may upload files (files:write).`);
}

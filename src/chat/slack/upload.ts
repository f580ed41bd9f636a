/**
 * A reply's file on Slack (an exported reading list). Slack retired `files.upload`; the
 * WebClient's `uploadV2` does the three steps of the current flow: `files.getUploadURLExternal`
 * (filename, length) → POST the bytes to the returned `upload_url` → `files.completeUploadExternal`
 * (files [{id, title}], channel_id). Ephemeral files do not exist in Slack, so a private file goes
 * to the caller's DM with the bot and a channel's file to the channel it was asked in.
 */
import type { WebClient } from '@slack/web-api';
import type { ReplyFile } from '../commands/reply.js';

export type UploadOutcome = { status: 'uploaded'; channel: string } | { status: 'failed'; error: string };

export async function uploadReplyFile(client: WebClient, file: ReplyFile, to: { userId: string; channelId: string }): Promise<UploadOutcome> {
  try {
    let channel = to.channelId;
    if (file.audience === 'private') {
      const dm = await client.conversations.open({ users: to.userId });
      if (!dm.channel?.id) return { status: 'failed', error: 'no DM channel' };
      channel = dm.channel.id;
    }
    await client.files.uploadV2({ channel_id: channel, file: Buffer.from(file.content, 'utf8'), filename: file.filename, title: file.title });
    return { status: 'uploaded', channel };
  } catch (err) {
    const data = (err as { data?: { error?: string } }).data;
    return { status: 'failed', error: data?.error ?? (err instanceof Error ? err.message : String(err)) };
  }
}

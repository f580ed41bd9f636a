/**
 * A reply's file on Slack (an exported reading list). Slack retired `files.upload`; the
 * WebClient's `uploadV2` does the three steps of the current flow: `files.getUploadURLExternal`
 * (filename, length) → POST the bytes to the returned `upload_url` → `files.completeUploadExternal`
 * (files [{id, title}], channel_id). Ephemeral files do not exist in Slack, so a private file goes
 * to the caller's DM with the bot and a channel's file to the channel it was asked in.
 */
import type { WebClient } from '@slack/web-api';
import type { ReplyFile } from '../commands/reply.js';
import { describeError } from '../../core/error-text.js';

export type UploadOutcome = { status: 'uploaded'; channel: string } | { status: 'failed'; error: string };

/** A user's DM channel with the bot, by conversations.open. */
export async function openSlackDm(client: WebClient, userId: string): Promise<string> {
  const dm = await client.conversations.open({ users: userId });
  if (!dm.channel?.id) throw new Error('no DM channel');
  return dm.channel.id;
}

/** `openDm`: how to find the caller's DM (default: conversations.open each time; the app passes one that remembers). */
export async function uploadReplyFile(client: WebClient, file: ReplyFile, to: { userId: string; channelId: string }, openDm: (userId: string) => Promise<string> = (u) => openSlackDm(client, u)): Promise<UploadOutcome> {
  try {
    let channel = to.channelId;
    if (file.audience === 'private') channel = await openDm(to.userId);
    await client.files.uploadV2({ channel_id: channel, file: Buffer.from(file.content, 'utf8'), filename: file.filename, title: file.title });
    return { status: 'uploaded', channel };
  } catch (err) {
    const data = (err as { data?: { error?: string } }).data;
    return { status: 'failed', error: data?.error ?? describeError(err) };
  }
}

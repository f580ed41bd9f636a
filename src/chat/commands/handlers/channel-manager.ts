/** The gate in front of every command that changes a channel's digest. */
import { ephemeral, type Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import { NOT_A_CHANNEL, notManager } from './words.js';
import { describeError } from '../../../core/error-text.js';

/** The channel and the manager acting on it, or the reply that refuses. */
export async function asChannelManager(actor: ChatActor): Promise<{ channel: string; who: { id: string; mayManageChannel: true } } | { refused: Reply }> {
  if (!actor.channelId) return { refused: ephemeral(NOT_A_CHANNEL) };
  const may = await mayManage(actor);
  if (may !== true) return { refused: may === false ? ephemeral(notManager(actor.platform)) : may };
  return { channel: actor.channelId, who: { id: actor.userId, mayManageChannel: true } };
}

/**
 * Whether the caller may manage the channel, or the reply when the platform could not say
 * (Slack's users.info refused: a missing users:read scope, a rate limit). That is no database
 * outage, which is what the catch-all reply would have claimed.
 */
export async function mayManage(actor: ChatActor): Promise<boolean | Reply> {
  try {
    return await actor.mayManageChannel();
  } catch (err) {
    const why = describeError(err, 200);
    return ephemeral(`paperboy could not check whether you may manage this channel (${why}). Try again in a minute; if it keeps failing, ask whoever installed the app to check its permissions (Slack: the users:read scope).`);
  }
}

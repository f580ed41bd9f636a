/** The gate in front of every command that changes a channel's digest. */
import { ephemeral, type Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import { NOT_A_CHANNEL, NOT_MANAGER } from './words.js';

/** The channel and the manager acting on it, or the reply that refuses. */
export async function asChannelManager(actor: ChatActor): Promise<{ channel: string; who: { id: string; mayManageChannel: true } } | { refused: Reply }> {
  if (!actor.channelId) return { refused: ephemeral(NOT_A_CHANNEL) };
  if (!(await actor.mayManageChannel())) return { refused: ephemeral(NOT_MANAGER) };
  return { channel: actor.channelId, who: { id: actor.userId, mayManageChannel: true } };
}

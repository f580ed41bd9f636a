/**
 * Whether the bot can post a digest in the channel a command came from, asked when a channel's
 * digest is set up from chat: a private Slack channel the app was not invited to, or a Discord
 * channel its role may not write in, otherwise took the subscription and failed unseen at the
 * first digest (channel_not_found, Missing Access).
 */
import { withTimeout } from '../../core/timeout.js';
import { withLine, type Reply } from './reply.js';
import type { ChatActor, PostAccess } from './services.js';

/** The check shares the command's answer: past this it is left unsaid rather than held up. */
const CHECK_MS = 2000;

/** Asks the platform; never throws. */
export async function postAccess(actor: ChatActor): Promise<PostAccess> {
  if (!actor.postAccess) return { status: 'unknown' };
  try {
    return await withTimeout(actor.postAccess(), CHECK_MS, 'post access check timed out');
  } catch {
    return { status: 'unknown' };
  }
}

/** `reply`, warned when `access` says the digest it set up cannot be posted here. */
export function withPostAccess(reply: Reply, access: PostAccess): Reply {
  if (access.status !== 'cannot-post') return reply;
  return withLine(reply, `⚠️ paperboy cannot post the digest in this channel yet (${access.why}). ${access.fix}`);
}

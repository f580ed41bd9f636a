/**
 * Whether the bot can post a digest in the channel a command came from, asked when a channel's
 * digest is set up from chat: a private Slack channel the app was not invited to, or a Discord
 * channel its role may not write in, otherwise took the subscription and failed unseen at the
 * first digest (channel_not_found, Missing Access).
 */
import { withTimeout } from '../../core/timeout.js';
import { withLine, type Reply } from './reply.js';
import type { ChatActor, PostAccess, PostAccessWant } from './services.js';

/**
 * How much longer than the command's own work the answer waits for the platform, counted from
 * when that work is done: a check started with it and held up by it (a slow first preview)
 * is not cut short, and a platform that hangs costs the answer this much at most.
 */
const GRACE_MS = 2000;

export interface PendingPostAccess {
  /** The platform's answer, or `unknown` when it has not come GRACE_MS after this is called; never throws. */
  answer(): Promise<PostAccess>;
}

/** Starts asking the platform now, alongside the command's own work. */
export function askPostAccess(actor: ChatActor, want: PostAccessWant = {}): PendingPostAccess {
  const asked: Promise<PostAccess> = actor.postAccess ? actor.postAccess(want).catch(() => ({ status: 'unknown' as const })) : Promise.resolve({ status: 'unknown' });
  return { answer: () => withTimeout(asked, GRACE_MS, 'post access check timed out').catch(() => ({ status: 'unknown' as const })) };
}

/** `reply`, warned when `access` says the digest it set up cannot be posted here, or told when the platform would not say why it could not check. */
export function withPostAccess(reply: Reply, access: PostAccess): Reply {
  if (access.status === 'unknown' && access.why) return withLine(reply, `ℹ️ paperboy could not check whether it can post the digest in this channel: ${access.why}.${access.fix ? ` ${access.fix}` : ''}`);
  if (access.status !== 'cannot-post') return reply;
  return withLine(reply, `⚠️ paperboy cannot post the digest in this channel yet (${access.why}). ${access.fix}`);
}

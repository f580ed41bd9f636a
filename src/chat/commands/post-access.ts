/**
 * Whether the bot can post a digest in the channel a command came from, asked when a channel's
 * digest is set up from chat: a private Slack channel the app was not invited to, or a Discord
 * channel its role may not write in, otherwise took the subscription and failed unseen at the
 * first digest (channel_not_found, Missing Access).
 */
import { withTimeout } from '../../core/timeout.js';
import { ephemeral, withLine, type Reply } from './reply.js';
import type { ChatActor, PostAccess, PostAccessWant } from './services.js';

/**
 * How much longer than the command's own work the answer waits for the platform, counted from
 * when that work is done: a check started with it and held up by it (a slow first preview)
 * is not cut short, and a platform that hangs costs the answer this much at most.
 */
const GRACE_MS = 2000;

/** The platform's answer, or `late`: still being asked when the answer could wait no longer. */
export type PostAccessAnswer = PostAccess | { status: 'late'; later: Promise<PostAccess> };

export interface PendingPostAccess {
  /** The platform's answer, or `late` when it has not come GRACE_MS after this is called; never throws. */
  answer(): Promise<PostAccessAnswer>;
}

/** Starts asking the platform now, alongside the command's own work. */
export function askPostAccess(actor: ChatActor, want: PostAccessWant = {}): PendingPostAccess {
  if (!actor.postAccess) return { answer: async () => ({ status: 'unknown' }) };
  const asked: Promise<PostAccess> = actor.postAccess(want).catch(() => ({ status: 'unknown' as const }));
  return { answer: () => withTimeout(asked, GRACE_MS, 'post access check timed out').catch(() => ({ status: 'late' as const, later: asked })) };
}

/** Said in the answer when the check is late: a refusal found afterwards comes in a message of its own. */
export const LATE_CHECK_LINE = 'ℹ️ paperboy could not check in time whether it can post the digest in this channel (the platform was slow to answer); if it cannot, a second private message here will say what to do.';

/**
 * `reply`, warned when `access` says the digest it set up cannot be posted here, or told when the
 * platform would not say why it could not check. A late check is said as such, and its answer,
 * when there is something to tell (a refusal, a limit), is the reply's `later`.
 */
export function withPostAccess(reply: Reply, access: PostAccessAnswer): Reply {
  if (access.status === 'late') return { ...withLine(reply, LATE_CHECK_LINE), later: access.later.then((a) => accessLine(a)).then((line) => (line ? ephemeral(line) : null)) };
  const line = accessLine(access);
  return line ? withLine(reply, line) : reply;
}

function accessLine(access: PostAccess): string | null {
  if (access.status === 'unknown' && access.why) return `ℹ️ paperboy could not check whether it can post the digest in this channel: ${access.why}.${access.fix ? ` ${access.fix}` : ''}`;
  if (access.status !== 'cannot-post') return null;
  return `⚠️ paperboy cannot post the digest in this channel yet (${access.why}). ${access.fix}`;
}

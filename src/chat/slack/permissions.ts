/**
 * Who may manage a channel's digest on Slack: workspace admins and owners (from users.info)
 * plus the SLACK_CHANNEL_MANAGERS allow-list. Answers are cached briefly so a burst of
 * commands costs one API call per user, also when they arrive at once.
 */
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;

/** users.info's words for a user this workspace does not have or may not see. */
const STRANGER = new Set(['user_not_found', 'user_not_visible']);

export type ManagerCheck = (userId: string) => Promise<boolean>;

export function createSlackManagerCheck(client: WebClient, allowList: readonly string[], ttlMs = 5 * 60_000, now = () => Date.now()): ManagerCheck {
  const allowed = new Set(allowList);
  const cache = new Map<string, { at: number; value: Promise<boolean> }>();
  return async (userId) => {
    if (allowed.has(userId)) return true;
    const hit = cache.get(userId);
    if (hit && now() - hit.at < ttlMs) return hit.value;
    // The question itself is kept, not only its answer: a person's commands that arrive together
    // (a busy channel, a double submit) share one users.info instead of one each. A failed
    // check is forgotten, so the next command asks again.
    const value = client.users.info({ user: userId }).then(
      (res) => {
        const u = res.user;
        return Boolean(u && !u.deleted && (u.is_admin || u.is_owner || u.is_primary_owner));
      },
      (err: unknown) => {
        // A Slack Connect member from another organisation: this workspace does not know them
        // (or may not see them), so they are none of its admins or owners. Said as such, not as a
        // check to try again in a minute.
        if (STRANGER.has(String((err as { data?: { error?: unknown } }).data?.error))) return false;
        throw err;
      },
    );
    const entry = { at: now(), value };
    cache.set(userId, entry);
    value.catch(() => {
      if (cache.get(userId) === entry) cache.delete(userId);
    });
    return value;
  };
}

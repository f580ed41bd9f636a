/**
 * Who may manage a channel's digest on Slack: workspace admins and owners (from users.info)
 * plus the SLACK_CHANNEL_MANAGERS allow-list. Answers are cached briefly so a burst of
 * commands costs one API call per user.
 */
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;

export type ManagerCheck = (userId: string) => Promise<boolean>;

export function createSlackManagerCheck(client: WebClient, allowList: readonly string[], ttlMs = 5 * 60_000, now = () => Date.now()): ManagerCheck {
  const allowed = new Set(allowList);
  const cache = new Map<string, { at: number; value: boolean }>();
  return async (userId) => {
    if (allowed.has(userId)) return true;
    const hit = cache.get(userId);
    if (hit && now() - hit.at < ttlMs) return hit.value;
    const res = await client.users.info({ user: userId });
    const u = res.user;
    const value = Boolean(u && !u.deleted && (u.is_admin || u.is_owner || u.is_primary_owner));
    cache.set(userId, { at: now(), value });
    return value;
  };
}

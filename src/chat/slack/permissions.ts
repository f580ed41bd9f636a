/**
 * Who may manage a channel's digest on Slack: admins and owners of the workspace the command
 * came from (from users.info), an Enterprise Grid org's admins and owners in the org's own
 * workspaces, plus the SLACK_CHANNEL_MANAGERS allow-list. Nobody else: not a channel's creator,
 * and not a Slack Connect member from another organisation, whose `is_admin` / `is_owner` are
 * about their own workspace. Answers are cached briefly so a burst of commands costs one API
 * call per user, also when they arrive at once.
 */
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;
type SlackUser = NonNullable<webApi.UsersInfoResponse['user']>;

/** users.info's words for a user this workspace does not have or may not see. */
const STRANGER = new Set(['user_not_found', 'user_not_visible']);

/** The workspace a command or a button press came from, as Slack sends it (`team_id`, `enterprise_id`). */
export interface SlackWorkspace {
  teamId?: string;
  /** Set on Enterprise Grid: the org the workspace belongs to. */
  enterpriseId?: string;
}

export type ManagerCheck = (userId: string, where: SlackWorkspace) => Promise<boolean>;

/**
 * Whether `u` administers `where`. A workspace's flags count only for a member of that workspace
 * (its team, or on Grid one of the org's workspaces they belong to); an org admin or owner
 * administers every workspace of the org, as Slack's own admin pages let them.
 */
export function administers(u: SlackUser, where: SlackWorkspace): boolean {
  if (u.deleted || u.is_stranger) return false;
  const grid = where.enterpriseId !== undefined && u.enterprise_user?.enterprise_id === where.enterpriseId ? u.enterprise_user : undefined;
  if (grid && (grid.is_admin || grid.is_owner || grid.is_primary_owner)) return true;
  const member = where.teamId !== undefined && (u.team_id === where.teamId || Boolean(grid?.teams?.includes(where.teamId)));
  return member && Boolean(u.is_admin || u.is_owner || u.is_primary_owner);
}

export function createSlackManagerCheck(client: WebClient, allowList: readonly string[], ttlMs = 5 * 60_000, now = () => Date.now()): ManagerCheck {
  const allowed = new Set(allowList);
  const cache = new Map<string, { at: number; value: Promise<boolean> }>();
  return async (userId, where) => {
    if (allowed.has(userId)) return true;
    // Without the workspace asked about, nobody's flags can be read as this workspace's.
    if (where.teamId === undefined && where.enterpriseId === undefined) return false;
    const key = `${userId} ${where.teamId ?? ''} ${where.enterpriseId ?? ''}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.value;
    // The question itself is kept, not only its answer: a person's commands that arrive together
    // (a busy channel, a double submit) share one users.info instead of one each. A failed
    // check is forgotten, so the next command asks again.
    const value = client.users.info({ user: userId }).then(
      (res) => Boolean(res.user && administers(res.user, where)),
      (err: unknown) => {
        // A Slack Connect member from another organisation: this workspace does not know them
        // (or may not see them), so they are none of its admins or owners. Said as such, not as a
        // check to try again in a minute.
        if (STRANGER.has(String((err as { data?: { error?: unknown } }).data?.error))) return false;
        throw err;
      },
    );
    const entry = { at: now(), value };
    cache.set(key, entry);
    value.catch(() => {
      if (cache.get(key) === entry) cache.delete(key);
    });
    return value;
  };
}

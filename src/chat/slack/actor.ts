/** The neutral ChatActor for a Slack user in a Slack conversation. */
import type { ChatActor, PostAccess } from '../commands/services.js';
import type { ManagerCheck, SlackWorkspace } from './permissions.js';

/**
 * `workspace`: where the command or press came from, whose admins manage its channels (permissions.ts);
 * `postAccess`: how to ask whether the bot can post in `channelId` (slack/post-access.ts).
 */
export function slackActor(userId: string, channelId: string | undefined, workspace: SlackWorkspace, isManager: ManagerCheck, postAccess?: (channelId: string) => Promise<PostAccess>, botName?: string): ChatActor {
  // D… ids are direct messages: there is no channel there to manage.
  const channel = channelId && !channelId.startsWith('D') ? `slack:${channelId}` : null;
  return {
    platform: 'slack',
    userId: `slack:${userId}`,
    channelId: channel,
    mayManageChannel: () => isManager(userId, workspace),
    ...(channel && postAccess ? { postAccess: () => postAccess(channelId!) } : {}),
    ...(botName ? { botName } : {}),
  };
}

/** The neutral ChatActor for a Slack user in a Slack conversation. */
import type { ChatActor } from '../commands/services.js';
import type { ManagerCheck } from './permissions.js';

export function slackActor(userId: string, channelId: string | undefined, isManager: ManagerCheck): ChatActor {
  // D… ids are direct messages: there is no channel there to manage.
  const channel = channelId && !channelId.startsWith('D') ? `slack:${channelId}` : null;
  return { platform: 'slack', userId: `slack:${userId}`, channelId: channel, mayManageChannel: () => isManager(userId) };
}

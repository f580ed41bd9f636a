/** Words more than one command handler answers with. */
import type { ChannelSchedule } from '../command.js';
import { cadenceText } from '../../../core/digest/schedule.js';
import type { TopicInfo } from '../services.js';

export const NOT_MANAGER =
  "Only people who may manage this channel can change its digest (Slack: workspace admins/owners or the configured managers; Discord: Manage Channels).";
export const NOT_A_CHANNEL = 'Channel commands work in a channel, not in a direct message. Use `/papers subscribe` for yourself.';

/** 'at 09:00 UTC every day', 'weekly on Monday at 09:00 Europe/Berlin (the week's best papers)'. */
export function scheduleText(s: Required<ChannelSchedule>, sep = ' '): string {
  const cadence = cadenceText(s);
  const at = `at ${s.time} ${s.timeZone}`;
  if (s.weeklyOn !== null) return `${cadence} ${at} (the week's best papers)`;
  return `${at}${sep}${cadence === 'weekdays' && sep === ' ' ? 'on weekdays' : cadence}`;
}

export function topicList(topics: TopicInfo[]): string {
  return topics.map((t) => `• ${t.name} (${t.slug})`).join('\n');
}

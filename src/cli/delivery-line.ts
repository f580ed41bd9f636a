/** Where and when a subscriber's digests go, as `subscribe` and `follow add` say it after making or finding the target. */
import { missingToken, type Config } from '../config.js';
import { addressOf } from '../core/digest/channel.js';
import type { DeliveryTarget } from '../core/ports.js';
import { nextText } from '../core/targets/next-digest.js';

/** "New delivery target slack:U…: a direct message at 09:00 UTC (not posted until SLACK_BOT_TOKEN is set); first digest Sun …." */
export function deliveryLine(t: DeliveryTarget, created: boolean, config: Pick<Config, 'SLACK_BOT_TOKEN' | 'DISCORD_TOKEN'>, now = new Date()): string {
  // As `channel list` says it: a platform without its token is not posted to yet.
  const token = missingToken(config, t.platform);
  const broken = t.status === 'broken';
  return `${created ? 'New delivery target' : 'Delivers to'} ${addressOf(t)}: ${t.kind === 'user' ? 'a direct message' : 'the channel'} at ${t.time} ${t.timeZone}${t.weekdaysOnly ? ' on weekdays' : ''}${broken ? ' (BROKEN: see `channel list`)' : ''}${token && !broken ? ` (not posted until ${token} is set)` : ''}${created && !broken ? `; ${nextText(t, now, true)}` : ''}.\n`;
}

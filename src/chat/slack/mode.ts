/**
 * Which way Slack is served, from configuration alone. Apart from the Bolt app (app.ts), so
 * the chat front door can tell that Slack is off without loading @slack/bolt.
 */
import type { Config } from '../../config.js';

export type SlackMode = 'http' | 'socket' | 'off';

export type SlackConfig = Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL' | 'SLACK_CHANNEL_MANAGERS'>;

/** Socket Mode when an app token is set (self-hosting), else HTTP when a signing secret is. */
export function slackMode(config: SlackConfig): SlackMode {
  if (!config.SLACK_BOT_TOKEN) return 'off';
  if (config.SLACK_APP_TOKEN) return 'socket';
  if (config.SLACK_SIGNING_SECRET) return 'http';
  return 'off';
}

/**
 * Whether the bot can post in a Slack channel, asked with conversations.history (limit 1): the
 * history scopes are ones paperboy has anyway (exactly-once after a lost response), and Slack
 * refuses a channel the bot is not in with the words chat.postMessage would use at digest time:
 * `channel_not_found` for a private channel (hidden from apps not in it), `not_in_channel` for
 * a public one, which the bot may still post in with chat:write.public.
 */
import type { webApi } from '@slack/bolt';
import type { PostAccess } from '../commands/services.js';
import { letInText } from '../text/let-in.js';

type WebClient = webApi.WebClient;

/**
 * `botName`: the app's name in this workspace when the caller knows it already (a command's
 * context); otherwise auth.test is asked, and only when there is a refusal to explain.
 */
export function slackPostAccess(client: WebClient, botName?: string): (channel: string) => Promise<PostAccess> {
  const invite = async () => {
    const name = botName ?? (await client.auth.test().then((r) => r.user, () => undefined));
    return `${letInText('slack', undefined, name)}; the digest comes here from then on.`;
  };
  return async (channel) => {
    try {
      await client.conversations.history({ channel, limit: 1 });
      return { status: 'can-post' };
    } catch (err) {
      const data = (err as { data?: { error?: unknown; response_metadata?: { scopes?: string[] } } }).data;
      if (data?.error === 'channel_not_found') return { status: 'cannot-post', why: 'it is not in this channel; Slack: channel_not_found', fix: await invite() };
      if (data?.error === 'not_in_channel') {
        // Without the header's word, trust the manifest, which asks for chat:write.public.
        const scopes = data.response_metadata?.scopes;
        if (!scopes || scopes.includes('chat:write.public')) return { status: 'can-post' };
        return { status: 'cannot-post', why: 'it is not in this channel and may only post in channels it was invited to; Slack: not_in_channel', fix: await invite() };
      }
      return { status: 'unknown' };
    }
  };
}

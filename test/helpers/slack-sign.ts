/** Sign a request body exactly as Slack does: v0 HMAC-SHA256 over `v0:<ts>:<body>`. */
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export function signedSlackHeaders(secret: string, body: string, timestampSec = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestampSec),
    'x-slack-signature': slackSignature(secret, timestampSec, body),
  };
}

/** A slash-command body as Slack posts it (form-encoded). */
export function slashCommandBody(fields: { text: string; userId?: string; channelId?: string; responseUrl: string }): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'example',
    channel_id: fields.channelId ?? 'C0001',
    channel_name: 'general',
    user_id: fields.userId ?? 'U0001',
    user_name: 'ada',
    command: '/papers',
    text: fields.text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: '123.456.abc',
  }).toString();
}

/** An interactive (block_actions) body: form-encoded `payload=<json>`. */
export function blockActionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

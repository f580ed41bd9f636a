/** Subscriber ids (`slack:U123`, `slack:C123`, `discord:123456789012345678`) and who may act for them. */
import type { SubscriberKind } from '../ports.js';
import { CHAT_PLATFORMS, isChatPlatform, type ChatPlatform } from '../platforms.js';

export interface SubscriberId {
  id: string;
  platform: ChatPlatform;
  kind: SubscriberKind;
  /** The platform's own id: `U123`, `C123`, a Discord snowflake. */
  native: string;
}

/**
 * Who is asking. The chat layer builds it from the verified request; the core decides.
 * `canManageChannel` is the chat layer's answer for that channel (admin, owner, manager list).
 */
export interface Actor {
  /** `slack:U123`, `discord:123…`, or `operator` for the CLI. */
  id: string;
  canManageChannel(subscriberId: string): boolean;
  /** The command line: a person with the database in hand may manage everything. */
  operator?: boolean;
}

export const operatorActor: Actor = { id: 'operator', canManageChannel: () => true, operator: true };

export type ParsedId = { ok: true; value: SubscriberId } | { ok: false; error: string };

const SLACK_USER = /^[UW][A-Z0-9]{2,30}$/;
const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,30}$/;
const SNOWFLAKE = /^\d{15,21}$/;

function show(raw: string): string {
  return JSON.stringify(raw.replace(/[\u0000-\u001F\u007F-\u009F]/g, '?').slice(0, 60));
}

/** Parse `platform:id` for the expected kind; messages say what a good id looks like. */
export function parseSubscriberId(raw: string, kind: SubscriberKind): ParsedId {
  const value = String(raw ?? '').trim();
  const colon = value.indexOf(':');
  if (colon <= 0) return { ok: false, error: `${show(value)} is not a ${kind} id: expected platform:id, like ${kind === 'user' ? 'slack:U0123ABCD' : 'slack:C0123ABCD'}` };
  const platform = value.slice(0, colon).toLowerCase();
  let native = value.slice(colon + 1);
  // A Discord DM's target id is `discord:user:<id>` (`channel list`, `digest --target`): the
  // person is the same subscriber as `discord:<id>`.
  if (platform === 'discord' && /^user:/i.test(native)) {
    if (kind !== 'user') return { ok: false, error: `${show(value)} is a Discord user, not a channel: use --user` };
    native = native.slice('user:'.length);
  }
  if (!isChatPlatform(platform)) {
    return { ok: false, error: `Unknown platform ${show(platform)}: use one of ${CHAT_PLATFORMS.join(', ')}` };
  }
  const good =
    platform === 'discord' ? SNOWFLAKE.test(native) : kind === 'user' ? SLACK_USER.test(native) : SLACK_CHANNEL.test(native);
  if (!good) {
    const shape = platform === 'discord' ? 'a numeric Discord id' : kind === 'user' ? 'a Slack user id like U0123ABCD' : 'a Slack channel id like C0123ABCD';
    return { ok: false, error: `${show(native)} is not ${shape}` };
  }
  return { ok: true, value: { id: `${platform}:${native}`, platform, kind, native } };
}

/** Users change only their own subscriptions; channels need the chat layer's say-so. */
export function mayManage(actor: Actor, subscriber: SubscriberId): boolean {
  if (actor.operator) return true;
  if (subscriber.kind === 'user') return actor.id === subscriber.id;
  return actor.id.startsWith(`${subscriber.platform}:`) && actor.canManageChannel(subscriber.id);
}

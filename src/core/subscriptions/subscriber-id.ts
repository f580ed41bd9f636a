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

/**
 * The id in a link copied from Slack ("Copy link" on a channel, a message or a profile; the web
 * client's address) or Discord (a channel's or a message's link): a link given for an id was
 * "Unknown platform "https"", which said nothing of the id it holds.
 */
const LINKED_ID: ReadonlyArray<[RegExp, ChatPlatform]> = [
  [/\bslack\.com\/(?:archives|team|client\/[A-Z0-9]+)\/([A-Z][A-Z0-9]{2,30})\b/, 'slack'],
  [/\bdiscord(?:app)?\.com\/channels\/\d+\/(\d{15,21})\b/, 'discord'],
];

/** `slack:C0123ABCD` for a Slack or Discord link that names a channel or a person; null for any other text. */
export function linkedId(text: string): string | null {
  for (const [link, platform] of LINKED_ID) {
    const id = link.exec(text)?.[1];
    if (id) return `${platform}:${id}`;
  }
  return null;
}

/**
 * A mention as the platforms write one (`<@U0123ABCD>`, `<@U0123ABCD|alice>`, `<#C0123ABCD|general>`,
 * Discord's `<@123…>`, `<@!123…>`, `<#123…>`), copied from a message or a bot's log: the id is in it.
 */
const MENTION = /^(?:(slack|discord):)?<([@#])!?([A-Z][A-Z0-9]{2,30}|\d{15,21})(?:\|[^>]*)?>$/i;
/** A bare Discord id: 17 to 20 digits (snowflakes from 2015 on); shorter numbers are likely something else. */
const BARE_SNOWFLAKE = /^\d{17,20}$/;

/**
 * The id a mention or a bare platform id stands for, said as `platform:id`, with the kind it
 * names: `--user U0123ABCD` or `--user "<@U0123ABCD>"` was 'expected platform:id', which left
 * the person to work out that slack: was all it lacked.
 */
function impliedId(value: string): { id: string; kind: SubscriberKind | null; mention: boolean } | null {
  const m = MENTION.exec(value);
  if (m) {
    const native = m[3]!.toUpperCase();
    const platform = /^\d+$/.test(native) ? 'discord' : 'slack';
    if (m[1] && m[1].toLowerCase() !== platform) return null;
    if (platform === 'slack' && !(SLACK_USER.test(native) || SLACK_CHANNEL.test(native))) return null;
    const kind: SubscriberKind = platform === 'slack' ? (SLACK_CHANNEL.test(native) ? 'channel' : 'user') : m[2] === '#' ? 'channel' : 'user';
    return { id: `${platform}:${native}`, kind, mention: true };
  }
  // A bare Discord id names a person or a channel alike; a Slack id's letter says which.
  if (BARE_SNOWFLAKE.test(value)) return { id: `discord:${value}`, kind: null, mention: false };
  if (SLACK_USER.test(value)) return { id: `slack:${value}`, kind: 'user', mention: false };
  if (SLACK_CHANNEL.test(value)) return { id: `slack:${value}`, kind: 'channel', mention: false };
  return null;
}

/** `slack:U0123ABCD` for a bare platform id or a mention of a person or a channel; null for any other text. */
export function mentionedId(text: string): string | null {
  return impliedId(text.trim())?.id ?? null;
}

/** Where a person finds the id paperboy asks for, said with a name or other text given for one. */
const WHERE_IDS_ARE = {
  slackChannel: "the channel's details show its id, at the end of About",
  slackUser: "a profile's ⋮ menu has Copy member ID",
  discord: 'with Developer Mode on, right-click the channel or the person: Copy ID',
};

function show(raw: string): string {
  return JSON.stringify(raw.replace(/[\u0000-\u001F\u007F-\u009F]/g, '?').slice(0, 60));
}

/** Parse `platform:id` for the expected kind; messages say what a good id looks like. */
export function parseSubscriberId(raw: string, kind: SubscriberKind): ParsedId {
  const value = String(raw ?? '').trim();
  const linked = linkedId(value);
  if (linked) return { ok: false, error: `${show(value)} is a link: the id it names is ${linked}` };
  const implied = impliedId(value);
  if (implied && (implied.kind ?? kind) === kind) {
    return { ok: false, error: `${show(value)} ${implied.mention ? 'is a mention' : 'has no platform'}: did you mean ${implied.id}?` };
  }
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
    // An id of the other kind ("C0123ABCD" as a user) is known already; a name or other text is not.
    const where = platform === 'discord' ? WHERE_IDS_ARE.discord : SLACK_USER.test(native) || SLACK_CHANNEL.test(native) ? null : kind === 'user' ? WHERE_IDS_ARE.slackUser : WHERE_IDS_ARE.slackChannel;
    return { ok: false, error: `${show(native)} is not ${shape}${where ? ` (${where})` : ''}` };
  }
  return { ok: true, value: { id: `${platform}:${native}`, platform, kind, native } };
}

/** Users change only their own subscriptions; channels need the chat layer's say-so. */
export function mayManage(actor: Actor, subscriber: SubscriberId): boolean {
  if (actor.operator) return true;
  if (subscriber.kind === 'user') return actor.id === subscriber.id;
  return actor.id.startsWith(`${subscriber.platform}:`) && actor.canManageChannel(subscriber.id);
}

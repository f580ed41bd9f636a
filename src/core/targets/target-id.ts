/**
 * Delivery target ids, parsed once where they come in (CLI arguments, chat requests) into a
 * typed value: a chat subscriber (`slack:C…`, `slack:U…`, `discord:<id>`) or the console.
 */
import { isChatPlatform, type ChatPlatform, type TargetPlatform } from '../platforms.js';
import { parseSubscriberId, type SubscriberId } from '../subscriptions/subscriber-id.js';

export interface ConsoleTargetId {
  id: 'console';
  platform: 'console';
  kind: 'console';
  native: 'console';
}

export type TargetId = SubscriberId | ConsoleTargetId;

export const CONSOLE_TARGET: ConsoleTargetId = { id: 'console', platform: 'console', kind: 'console', native: 'console' };

export type ParsedTargetId = { ok: true; value: TargetId } | { ok: false; error: string };

/**
 * `console`, `slack:C…` (a channel), `slack:U…` (a DM: Slack user ids say so), `discord:<id>`
 * (a channel, or with `dm` a user) or `discord:user:<id>` (the address form of a Discord DM).
 */
export function parseTargetId(raw: string, opts: { dm?: boolean } = {}): ParsedTargetId {
  const value = String(raw ?? '').trim();
  // The console has no one to message directly: a --dm with it is a mistake in the id or the flag,
  // said rather than dropped (as --dm on a Slack channel id is).
  if (value === 'console') return opts.dm ? { ok: false, error: 'the console has no direct messages: --dm is for a Discord user id' } : { ok: true, value: CONSOLE_TARGET };
  // `discord:user:<id>` is read by parseSubscriberId as the person `discord:<id>`.
  // A Slack user id, bare or in a mention (`<@U0123ABCD>`), is a DM's too: it is offered as one.
  const kind = opts.dm || /^discord:user:/i.test(value) || /^slack:[UW]/i.test(value) || /^(?:slack:)?(?:<@)?[UW][A-Z0-9]{2,30}(?:\|[^>]*)?>?$/.test(value) ? 'user' : 'channel';
  const parsed = parseSubscriberId(value, kind);
  return parsed.ok ? { ok: true, value: parsed.value } : parsed;
}

/** The platform a stored target id names (`slack:…`, `discord:…`, `console`); null for none. */
export function platformOfId(id: string): TargetPlatform | null {
  if (id === 'console' || id.startsWith('console:')) return 'console';
  const colon = id.indexOf(':');
  const prefix = colon > 0 ? id.slice(0, colon) : '';
  return isChatPlatform(prefix) ? prefix : null;
}

/**
 * Where a notifier posts: a channel, or a user's DM (a channel the notifier opens first).
 * Written as `slack:C…` / `slack:U…` (Slack user ids say they are users) and `discord:<id>` /
 * `discord:user:<id>` (a Discord user id looks like a channel id, so DMs say so).
 */
export interface Address {
  platform: ChatPlatform;
  native: string;
  dm: boolean;
}

const ADDRESS = /^(slack|discord):(?:(user|channel):)?([A-Za-z0-9]+)$/;

export function parseAddress(address: string): Address | null {
  const m = ADDRESS.exec(address);
  if (!m) return null;
  const platform = m[1] as ChatPlatform;
  const native = m[3]!;
  return { platform, native, dm: m[2] === 'user' || (platform === 'slack' && m[2] === undefined && /^[UW]/.test(native)) };
}

export function formatAddress(a: Address): string {
  return a.platform === 'discord' && a.dm ? `discord:user:${a.native}` : `${a.platform}:${a.native}`;
}

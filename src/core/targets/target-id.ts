/**
 * Delivery target ids, parsed once where they come in (CLI arguments, chat requests) into a
 * typed value: a chat subscriber (`slack:C…`, `slack:U…`, `discord:<id>`) or the console.
 */
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
  if (value === 'console') return { ok: true, value: CONSOLE_TARGET };
  const discordDm = /^discord:user:/i.exec(value);
  const bare = discordDm ? `discord:${value.slice(discordDm[0].length)}` : value;
  const kind = opts.dm || discordDm || /^slack:[UW]/i.test(value) ? 'user' : 'channel';
  const parsed = parseSubscriberId(bare, kind);
  return parsed.ok ? { ok: true, value: parsed.value } : parsed;
}
